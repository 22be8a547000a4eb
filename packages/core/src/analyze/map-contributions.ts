/**
 * Maps plan entries to the requirements they cover: a direct reference counts for the referenced
 * node itself; one hop through a crosswalk or a plant control's mappings counts for related
 * requirements of other catalogs, weighted by the set-theory relationship (docs/scoring.md).
 */
import { inverseRelationship, type FrameworkNode, type KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { Relationship } from '../knowledge/schemas.js';
import type { Plan, PlanEntry } from '../parse/plan-model.js';
import type { Status } from '../parse/vocabulary.js';
import type { Contribution } from './coverage-model.js';

const currentWeight: Record<Status, number> = { implemented: 1, partial: 0.5, planned: 0, 'not-started': 0, 'not-applicable': 0 };
/** The planned view counts work the plan commits to as done. */
const plannedWeight: Record<Status, number> = { implemented: 1, partial: 1, planned: 1, 'not-started': 0, 'not-applicable': 0 };

/**
 * Full credit when the requirement lies wholly inside what the covering node asks for (the
 * requirement is equal to it or a subset of it); half credit when it only overlaps or is broader.
 * `relationship` is read from the covering node to the requirement.
 */
export function mappedPathWeight(relationship: Relationship): number {
  return relationship === 'equal' || relationship === 'superset-of' ? 1 : 0.5;
}

/** The assessable nodes an entry claims: its key for requirement entries, its known references for controls. */
export function claimedNodes(entry: PlanEntry): FrameworkNode[] {
  const occurrences = entry.kind === 'requirement' ? (entry.key ? [entry.key] : []) : entry.references;
  const nodes: FrameworkNode[] = [];
  for (const occurrence of occurrences) {
    const resolution = occurrence.resolution;
    if (resolution.status === 'known' && resolution.node.assessable && !nodes.includes(resolution.node)) nodes.push(resolution.node);
  }
  return nodes;
}

/** One entry's contributions, with the key of the requirement each one is for. */
interface EntryContributions {
  knowledgeBase: KnowledgeBase;
  requirements: string[];
  contributions: Contribution[];
}

/**
 * Contributions by entry object. Entries are immutable once built and an unchanged entry keeps its
 * object across rebuilds (parse/built-groups.ts), so after an edit only the edited entries are mapped again.
 */
const contributionsByEntry = new WeakMap<PlanEntry, EntryContributions>();

/** Every contribution of every entry, grouped by requirement key (`framework:id`), in entry order. */
export function mapContributions(plan: Plan, knowledgeBase: KnowledgeBase): Map<string, Contribution[]> {
  const byRequirement = new Map<string, Contribution[]>();
  for (const entry of plan.entries) {
    let mapped = contributionsByEntry.get(entry);
    if (mapped?.knowledgeBase !== knowledgeBase) {
      mapped = entryContributions(entry, knowledgeBase);
      contributionsByEntry.set(entry, mapped);
    }
    const { requirements, contributions } = mapped;
    for (let index = 0; index < requirements.length; index++) {
      const key = requirements[index] as string;
      const contribution = contributions[index] as Contribution;
      const list = byRequirement.get(key);
      if (list) list.push(contribution);
      else byRequirement.set(key, [contribution]);
    }
  }
  return byRequirement;
}

function entryContributions(entry: PlanEntry, knowledgeBase: KnowledgeBase): EntryContributions {
  const mapped: EntryContributions = { knowledgeBase, requirements: [], contributions: [] };
  const add = (requirement: FrameworkNode, contribution: Contribution) => {
    mapped.requirements.push(requirement.key);
    mapped.contributions.push(contribution);
  };
  const status = entry.status;
  const current = status ? currentWeight[status] : 0;
  const planned = status ? plannedWeight[status] : 0;
  for (const node of claimedNodes(entry)) {
    // Every contribution has the same fields in the same order (relationship undefined on direct
    // ones): one object shape keeps the readers of contributions monomorphic.
    add(node, { entry, via: node, path: 'direct', relationship: undefined, status, pathWeight: 1, current, planned });
    for (const edge of knowledgeBase.edgesFrom(node)) {
      const pathWeight = mappedPathWeight(edge.relationship);
      add(edge.to, {
        entry,
        via: node,
        path: edge.origin === 'plant-control' ? 'plant-control' : 'crosswalk',
        relationship: inverseRelationship[edge.relationship],
        status,
        pathWeight,
        current: current * pathWeight,
        planned: planned * pathWeight,
      });
    }
  }
  return mapped;
}
