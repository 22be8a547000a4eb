/**
 * Maps plan entries to the requirements they cover: a direct reference counts for the referenced
 * node itself; one hop through a crosswalk or a plant control's mappings counts for related
 * requirements of other catalogs, weighted by the set-theory relationship (docs/scoring.md).
 */
import { inverseRelationship, type FrameworkNode, type KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { Relationship } from '../knowledge/schemas.js';
import type { Plan, PlanEntry } from '../parse/plan-model.js';
import type { Status } from '../parse/vocabulary.js';
import type { Contribution, ContributionPath } from './coverage-model.js';

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

/**
 * A way from a claimed node to a requirement it counts for: the node itself, or one hop through a
 * crosswalk or a plant control's mappings. Made once per node and knowledge base and shared by
 * every entry that claims the node.
 */
interface Route {
  /** Key of the requirement reached (`framework:id`). */
  requirement: string;
  via: FrameworkNode;
  path: ContributionPath;
  relationship: Relationship | undefined;
  pathWeight: number;
}

/**
 * A contribution as its entry and a shared route, the rest read from those two: a plan entry
 * reaches about 17 requirements, so on large plans contributions are most of what an analysis
 * holds, and two fields each instead of eight (three of them boxed numbers) keep that small.
 */
class RoutedContribution implements Contribution {
  constructor(
    readonly entry: PlanEntry,
    private readonly route: Route,
  ) {}

  get via(): FrameworkNode {
    return this.route.via;
  }

  get path(): ContributionPath {
    return this.route.path;
  }

  get relationship(): Relationship | undefined {
    return this.route.relationship;
  }

  get pathWeight(): number {
    return this.route.pathWeight;
  }

  get status(): Status | undefined {
    return this.entry.status;
  }

  get current(): number {
    const status = this.entry.status;
    return status ? currentWeight[status] * this.route.pathWeight : 0;
  }

  get planned(): number {
    const status = this.entry.status;
    return status ? plannedWeight[status] * this.route.pathWeight : 0;
  }

  /** The key of the requirement this contribution is for. */
  get requirement(): string {
    return this.route.requirement;
  }
}

/** One entry's contributions. */
interface EntryContributions {
  knowledgeBase: KnowledgeBase;
  contributions: RoutedContribution[];
}

const routesByNode = new WeakMap<FrameworkNode, { knowledgeBase: KnowledgeBase; routes: Route[] }>();

/** The routes from a node: to itself first, then through each of its edges in the knowledge base. */
function routesFrom(node: FrameworkNode, knowledgeBase: KnowledgeBase): Route[] {
  const known = routesByNode.get(node);
  if (known?.knowledgeBase === knowledgeBase) return known.routes;
  const routes: Route[] = [{ requirement: node.key, via: node, path: 'direct', relationship: undefined, pathWeight: 1 }];
  for (const edge of knowledgeBase.edgesFrom(node)) {
    routes.push({
      requirement: edge.to.key,
      via: node,
      path: edge.origin === 'plant-control' ? 'plant-control' : 'crosswalk',
      relationship: inverseRelationship[edge.relationship],
      pathWeight: mappedPathWeight(edge.relationship),
    });
  }
  routesByNode.set(node, { knowledgeBase, routes });
  return routes;
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
    for (const contribution of contributionsOf(entry, knowledgeBase).contributions) {
      const list = byRequirement.get(contribution.requirement);
      if (list) list.push(contribution);
      else byRequirement.set(contribution.requirement, [contribution]);
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
  for (const entry of [...removed, ...added]) for (const contribution of contributionsOf(entry, knowledgeBase).contributions) touched.add(contribution.requirement);
  // Where each entry now stands, to put the new entries' contributions in entry order.
  const position = new Map<PlanEntry, number>();
  entries.forEach((entry, index) => position.set(entry, index));
  const byRequirement = new Map(previous.byRequirement);
  for (const key of touched) {
    const kept = (previous.byRequirement.get(key) ?? []).filter((contribution) => !removed.has(contribution.entry));
    for (const entry of added) {
      const at = position.get(entry) ?? 0;
      let insertAt = kept.findIndex((contribution) => (position.get(contribution.entry) ?? 0) > at);
      if (insertAt === -1) insertAt = kept.length;
      for (const contribution of contributionsOf(entry, knowledgeBase).contributions) {
        if (contribution.requirement === key) kept.splice(insertAt++, 0, contribution);
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
  const contributions: RoutedContribution[] = [];
  for (const node of claimedNodes(entry)) for (const route of routesFrom(node, knowledgeBase)) contributions.push(new RoutedContribution(entry, route));
  return { knowledgeBase, contributions };
}
