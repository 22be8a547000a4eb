/**
 * Maps plan entries to the requirements they cover: a direct reference counts for the referenced
 * node itself; one hop through a crosswalk or a plant control's mappings counts for related
 * requirements of other catalogs, weighted by the set-theory relationship (docs/scoring.md).
 */
import { inverseRelationship, type FrameworkNode, type KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { Relationship } from '../knowledge/schemas.js';
import type { Resolution } from '../knowledge/references.js';
import type { ReferenceOccurrence } from '../parse/parsed-section.js';
import { reusablePlans } from '../parse/plan-lineage.js';
import type { EntrySummary, PlanEntry } from '../parse/plan-model.js';
import type { Status } from '../parse/vocabulary.js';
import type { Contribution, ContributionPath } from './coverage-model.js';
import { sharedEnds } from './entry-values.js';

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
export function claimedNodes(entry: EntrySummary): FrameworkNode[] {
  const occurrences = entry.kind === 'requirement' ? (entry.key ? [entry.key] : []) : entry.references;
  const nodes: FrameworkNode[] = [];
  for (const occurrence of occurrences) {
    if (claimsNode(occurrence) && !nodes.includes(occurrence.resolution.node)) nodes.push(occurrence.resolution.node);
  }
  return nodes;
}

/** True for a reference that can claim a node: a known, assessable one. */
export function claimsNode(occurrence: Pick<ReferenceOccurrence, 'resolution'>): occurrence is { resolution: Extract<Resolution, { status: 'known' }> } {
  const resolution = occurrence.resolution;
  return resolution.status === 'known' && resolution.node.assessable;
}

/**
 * A way from a claimed node to a requirement it counts for: the node itself, or one hop through a
 * crosswalk or a plant control's mappings. Made once per node and knowledge base and shared by
 * every entry that claims the node.
 */
export interface Route {
  /** Key of the requirement reached (`framework:id`). */
  requirement: string;
  via: FrameworkNode;
  path: ContributionPath;
  relationship: Relationship | undefined;
  pathWeight: number;
}

/**
 * A contribution as its entry and a shared route, the rest read from those two. Made only when
 * someone asks for a requirement's contributions (see {@link ContributionList}).
 */
class RoutedContribution<Entry extends EntrySummary> implements Contribution<Entry> {
  constructor(
    readonly entry: Entry,
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
    return currentCredit(this.entry.status, this.route);
  }

  get planned(): number {
    return plannedCredit(this.entry.status, this.route);
  }
}

function currentCredit(status: Status | undefined, route: Route): number {
  return status ? currentWeight[status] * route.pathWeight : 0;
}

function plannedCredit(status: Status | undefined, route: Route): number {
  return status ? plannedWeight[status] * route.pathWeight : 0;
}

/**
 * The contributions to one requirement, in entry order, as two parallel arrays: the entry and the
 * route it takes. A plan entry reaches about 17 requirements, so on large plans contributions are
 * most of what an analysis holds; two array slots each instead of an object (and the entry's own
 * list of them) keep 10 MB of plans some 20 MB smaller. Contribution objects are made on demand
 * ({@link contributionsIn}): a check asks only for the few requirements its findings name.
 */
export interface ContributionList<Entry extends EntrySummary = PlanEntry> {
  readonly entries: readonly Entry[];
  readonly routes: readonly Route[];
  /**
   * The best credits the list gives, worked out while the list is made, where each entry is at
   * hand: reading them back from a finished list visits its entries in requirement order, all over
   * the heap (on 10,000 controls that pass took twice as long per contribution as on 1,000).
   */
  readonly best: BestCredit;
}

/** The best credit a list gives: now, once planned work is done, and now over full-weight paths only. */
export interface BestCredit {
  readonly current: number;
  readonly planned: number;
  readonly bestFullPath: number;
}

const emptyList: ContributionList<never> = { entries: [], routes: [], best: { current: 0, planned: 0, bestFullPath: 0 } };
const materialized = new WeakMap<ContributionList<EntrySummary>, Contribution<EntrySummary>[]>();

/** A list's contributions as objects, made once per list (unchanged lists keep their array across analyses). */
export function contributionsIn<Entry extends EntrySummary>(list: ContributionList<Entry>): Contribution<Entry>[] {
  let contributions = materialized.get(list) as Contribution<Entry>[] | undefined;
  if (!contributions) {
    contributions = list.entries.map((entry, index) => new RoutedContribution(entry, list.routes[index] as Route));
    materialized.set(list, contributions);
  }
  return contributions;
}

/** Adds contributions up to a list's {@link BestCredit}, one entry and its routes at a time. */
class CreditTally {
  private current = 0;
  private planned = 0;
  private bestFullPath = 0;

  add(status: Status | undefined, route: Route): void {
    const credit = currentCredit(status, route);
    this.current = Math.max(this.current, credit);
    this.planned = Math.max(this.planned, plannedCredit(status, route));
    if (route.pathWeight === 1) this.bestFullPath = Math.max(this.bestFullPath, credit);
  }

  value(): BestCredit {
    return { current: this.current, planned: Math.max(this.planned, this.current), bestFullPath: this.bestFullPath };
  }
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
 * Every route an entry takes, as the shared route list of each of its claimed nodes, in order. A
 * list of lists rather than a generator: mapping 10 MB of plans walks some 450,000 routes twice,
 * and a generator made an iterator result for each (50 MB of short-lived objects).
 */
function routesOf(entry: EntrySummary, knowledgeBase: KnowledgeBase): Route[][] {
  return claimedNodes(entry).map((node) => routesFrom(node, knowledgeBase));
}

/** A mapping made with a knowledge base, from which the next one may be derived. */
interface Mapping {
  knowledgeBase: KnowledgeBase;
  /** The plan's entries when the mapping was made. */
  entries: readonly EntrySummary[];
  byRequirement: Map<string, ContributionList<EntrySummary>>;
}

/** A plan or a plan summary: what a mapping is made from and kept by. */
type MappedPlan = { readonly entries: readonly EntrySummary[] };

/**
 * Each plan's mapping, for as long as the plan lives. A mapping holds every entry of its plan, so
 * it is kept by the plan rather than by this module: a library user (or the bench) analysing many
 * plans one after another would otherwise keep the last few plans' entries alive, and a mapping
 * whose plan is gone is of no use (its entries can only return in a plan that is still held).
 */
const mappingOfPlan = new WeakMap<MappedPlan, Mapping>();

/** More changed entries than this and the mapping is made afresh (cheaper than patching then). */
const maxPatchedEntries = 64;

/**
 * Every contribution of every entry, grouped by requirement key (`framework:id`), in entry order.
 * After an edit most entries are the same objects as in the plan built before (entries are never
 * changed once built, and an unchanged one keeps its object: parse/built-groups.ts,
 * parse/plan-lineage.ts): only the requirements the changed entries reach get new lists; the
 * others keep theirs. Lists are never changed once returned, so earlier analyses stay as they were.
 */
export function mapContributionLists<Entry extends EntrySummary>(plan: { readonly entries: readonly Entry[] }, knowledgeBase: KnowledgeBase): Map<string, ContributionList<Entry>> {
  let byRequirement: Map<string, ContributionList<EntrySummary>> | undefined;
  for (const earlier of reusablePlans(plan)) {
    const mapping = mappingOfPlan.get(earlier as MappedPlan);
    if (mapping?.knowledgeBase === knowledgeBase && (byRequirement = patchedMapping(mapping, plan.entries, knowledgeBase))) break;
  }
  byRequirement ??= freshMapping(plan.entries, knowledgeBase);
  mappingOfPlan.set(plan, { knowledgeBase, entries: [...plan.entries], byRequirement });
  // Every entry in the lists is one of plan.entries: fresh lists are made from them, and a patched
  // mapping keeps only the entries the plan shares with the earlier one (the same objects).
  return byRequirement as Map<string, ContributionList<Entry>>;
}

/** {@link mapContributionLists} with each list's contributions as objects. */
export function mapContributions<Entry extends EntrySummary>(plan: { readonly entries: readonly Entry[] }, knowledgeBase: KnowledgeBase): Map<string, Contribution<Entry>[]> {
  const lists = mapContributionLists(plan, knowledgeBase);
  return new Map([...lists].map(([key, list]) => [key, contributionsIn(list)]));
}

/** The list of a requirement key in a mapping; an empty one when nothing reaches it. */
export function contributionListOf<Entry extends EntrySummary>(mapping: Map<string, ContributionList<Entry>>, key: string): ContributionList<Entry> {
  return mapping.get(key) ?? emptyList;
}

function freshMapping(entries: readonly EntrySummary[], knowledgeBase: KnowledgeBase): Map<string, ContributionList<EntrySummary>> {
  // Two passes, counting each requirement's contributions before filling lists of exactly that
  // length: lists grown by pushes (and then copied to size) left 13 MB of garbage on 10 MB of plans.
  // Indexed loops: this walks some 900,000 routes, and for-of made an iterator result for each.
  const routeLists = entries.map((entry) => routesOf(entry, knowledgeBase));
  const counts = new Map<string, number>();
  for (const lists of routeLists) {
    for (let list = 0; list < lists.length; list++) {
      const routes = lists[list] as Route[];
      for (let index = 0; index < routes.length; index++) {
        const requirement = (routes[index] as Route).requirement;
        counts.set(requirement, (counts.get(requirement) ?? 0) + 1);
      }
    }
  }
  const filling = new Map<string, { entries: EntrySummary[]; routes: Route[]; filled: number; tally: CreditTally }>();
  for (const [requirement, count] of counts) {
    filling.set(requirement, { entries: new Array<EntrySummary>(count), routes: new Array<Route>(count), filled: 0, tally: new CreditTally() });
  }
  routeLists.forEach((lists, entryIndex) => {
    const entry = entries[entryIndex] as EntrySummary;
    const status = entry.status;
    for (let list = 0; list < lists.length; list++) {
      const routes = lists[list] as Route[];
      for (let index = 0; index < routes.length; index++) {
        const route = routes[index] as Route;
        const contributions = filling.get(route.requirement) as { entries: EntrySummary[]; routes: Route[]; filled: number; tally: CreditTally };
        contributions.entries[contributions.filled] = entry;
        contributions.routes[contributions.filled++] = route;
        contributions.tally.add(status, route);
      }
    }
  });
  const byRequirement = new Map<string, ContributionList<EntrySummary>>();
  for (const [requirement, list] of filling) byRequirement.set(requirement, { entries: list.entries, routes: list.routes, best: list.tally.value() });
  return byRequirement;
}

/**
 * The previous mapping with the entries that differ (between the common prefix and suffix of the
 * two entry lists) taken out and the new ones put in at their places; undefined when too many differ.
 */
function patchedMapping(previous: Mapping, entries: readonly EntrySummary[], knowledgeBase: KnowledgeBase): Map<string, ContributionList<EntrySummary>> | undefined {
  const before = previous.entries;
  const { prefix, suffix } = sharedEnds(before, entries);
  if (before.length + entries.length - 2 * (prefix + suffix) > maxPatchedEntries) return undefined;
  const removed = before.slice(prefix, before.length - suffix);
  const added = entries.slice(prefix, entries.length - suffix);
  if (removed.length === 0 && added.length === 0) return previous.byRequirement;

  const touched = new Set<string>();
  for (const entry of [...removed, ...added]) for (const routes of routesOf(entry, knowledgeBase)) for (const route of routes) touched.add(route.requirement);
  const byRequirement = new Map(previous.byRequirement);
  for (const key of touched) {
    const old = contributionListOf(previous.byRequirement, key);
    // A list is in entry order: the contributions of entries before the change, then of the
    // removed ones, then of those after it. Walking the earlier plan's entries alongside the list
    // finds where each run ends without looking at any entry object.
    const keptBefore = runEnd(old.entries, 0, before, 0, prefix);
    const removedEnd = runEnd(old.entries, keptBefore, before, prefix, before.length - suffix);
    const kept: { entries: EntrySummary[]; routes: Route[] } = { entries: old.entries.slice(0, keptBefore), routes: old.routes.slice(0, keptBefore) };
    for (const entry of added) {
      for (const route of routesOf(entry, knowledgeBase).flat()) {
        if (route.requirement !== key) continue;
        kept.entries.push(entry);
        kept.routes.push(route);
      }
    }
    for (let index = removedEnd; index < old.entries.length; index++) {
      kept.entries.push(old.entries[index] as EntrySummary);
      kept.routes.push(old.routes[index] as Route);
    }
    const tally = new CreditTally();
    kept.entries.forEach((entry, index) => tally.add(entry.status, kept.routes[index] as Route));
    if (kept.entries.length > 0) byRequirement.set(key, { ...kept, best: tally.value() });
    else byRequirement.delete(key);
  }
  return byRequirement;
}

/**
 * Where the run of `list` that starts at `from` and holds only entries of `plan[start..end)` ends.
 * Both are in entry order, and an entry may stand in the list several times in a row (one
 * contribution per route to the requirement).
 */
function runEnd(list: readonly EntrySummary[], from: number, plan: readonly EntrySummary[], start: number, end: number): number {
  let index = from;
  for (let at = start; index < list.length && at < end; ) {
    if (list[index] === plan[at]) index++;
    else at++;
  }
  return index;
}
