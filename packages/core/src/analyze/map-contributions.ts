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

/** A mapping made with a knowledge base, from which the next one may be derived. */
interface Mapping {
  entries: readonly PlanEntry[];
  byRequirement: Map<string, Contribution[]>;
}

/**
 * The last few mappings per knowledge base, most recent first: a server analyses several plans
 * (folders, loose documents) with one knowledge base, and each should find its own last mapping.
 */
const recentMappings = new WeakMap<KnowledgeBase, Mapping[]>();
const mappingsKept = 4;

/** More changed entries than this and the mapping is made afresh (cheaper than patching then). */
const maxPatchedEntries = 64;

/**
 * Every contribution of every entry, grouped by requirement key (`framework:id`), in entry order.
 * After an edit most entries are the same objects as in a recent mapping made with the same
 * knowledge base: only the requirements the changed entries reach get new lists; the others keep
 * theirs. Lists are never changed once returned, so earlier analyses stay as they were.
 */
export function mapContributions(plan: Plan, knowledgeBase: KnowledgeBase): Map<string, Contribution[]> {
  const recent = recentMappings.get(knowledgeBase) ?? [];
  let byRequirement: Map<string, Contribution[]> | undefined;
  for (const previous of recent) if ((byRequirement = patchedMapping(previous, plan.entries, knowledgeBase))) break;
  byRequirement ??= freshMapping(plan.entries, knowledgeBase);
  recentMappings.set(knowledgeBase, [{ entries: [...plan.entries], byRequirement }, ...recent.slice(0, mappingsKept - 1)]);
  return byRequirement;
}

function freshMapping(entries: readonly PlanEntry[], knowledgeBase: KnowledgeBase): Map<string, Contribution[]> {
  const byRequirement = new Map<string, Contribution[]>();
  for (const entry of entries) {
    const { requirements, contributions } = contributionsOf(entry, knowledgeBase);
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

/**
 * The previous mapping with the entries that differ (between the common prefix and suffix of the
 * two entry lists) taken out and the new ones put in at their places; undefined when too many differ.
 */
function patchedMapping(previous: Mapping, entries: readonly PlanEntry[], knowledgeBase: KnowledgeBase): Map<string, Contribution[]> | undefined {
  const before = previous.entries;
  let prefix = 0;
  while (prefix < before.length && prefix < entries.length && before[prefix] === entries[prefix]) prefix++;
  let suffix = 0;
  while (suffix < before.length - prefix && suffix < entries.length - prefix && before[before.length - 1 - suffix] === entries[entries.length - 1 - suffix]) suffix++;
  if (before.length + entries.length - 2 * (prefix + suffix) > maxPatchedEntries) return undefined;
  const removed = new Set(before.slice(prefix, before.length - suffix));
  const added = entries.slice(prefix, entries.length - suffix);
  if (removed.size === 0 && added.length === 0) return previous.byRequirement;

  const touched = new Set<string>();
  for (const entry of removed) for (const key of contributionsOf(entry, knowledgeBase).requirements) touched.add(key);
  for (const entry of added) for (const key of contributionsOf(entry, knowledgeBase).requirements) touched.add(key);
  // Where each entry now stands, to put the new entries' contributions in entry order.
  const position = new Map<PlanEntry, number>();
  entries.forEach((entry, index) => position.set(entry, index));
  const byRequirement = new Map(previous.byRequirement);
  for (const key of touched) {
    const kept = (previous.byRequirement.get(key) ?? []).filter((contribution) => !removed.has(contribution.entry));
    for (const entry of added) {
      const { requirements, contributions } = contributionsOf(entry, knowledgeBase);
      const at = (position.get(entry) ?? 0);
      let insertAt = kept.findIndex((contribution) => (position.get(contribution.entry) ?? 0) > at);
      if (insertAt === -1) insertAt = kept.length;
      for (let index = 0; index < requirements.length; index++) {
        if (requirements[index] === key) kept.splice(insertAt++, 0, contributions[index] as Contribution);
      }
    }
    if (kept.length > 0) byRequirement.set(key, kept);
    else byRequirement.delete(key);
  }
  return byRequirement;
}

/** An entry's contributions, mapped once per entry object and knowledge base. */
function contributionsOf(entry: PlanEntry, knowledgeBase: KnowledgeBase): EntryContributions {
  let mapped = contributionsByEntry.get(entry);
  if (mapped?.knowledgeBase !== knowledgeBase) {
    mapped = entryContributions(entry, knowledgeBase);
    contributionsByEntry.set(entry, mapped);
  }
  return mapped;
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
