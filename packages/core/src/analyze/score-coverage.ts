/**
 * Scores coverage for a profile: each in-scope requirement takes the best of its contributions;
 * frameworks and their groups (functions, categories, clauses, themes) average their requirements.
 */
import type { KnowledgeBase, Profile } from '../knowledge/knowledge-base.js';
import type { EntrySummary, PlanEntry } from '../parse/plan-model.js';
import { parseYesNo } from '../parse/vocabulary.js';
import { EntryValues } from './entry-values.js';
import type { CoverageAnalysis, CoverageState, FrameworkCoverage, Gap, GroupCoverage, RequirementCoverage } from './coverage-model.js';
import { contributionListOf, contributionsIn, mapContributionLists } from './map-contributions.js';

/** A requirement entry that declares its requirement not applicable, and whether it says why. */
export interface NotApplicableDeclaration<Entry extends EntrySummary = PlanEntry> {
  entry: Entry;
  justified: boolean;
}

/**
 * Requirement key → the requirement entry (SoA row, profile row, heading) that declares it not
 * applicable (`Applicable: No` or status `not-applicable`); a justified one wins over an unjustified one.
 */
export function findNotApplicableDeclarations<Entry extends EntrySummary>(plan: { readonly entries: readonly Entry[] }): Map<string, NotApplicableDeclaration<Entry>> {
  const declarations = new Map<string, NotApplicableDeclaration<Entry>>();
  const ofEntries = declarationsOfEntries.of(plan, { context: [], compute: notApplicableDeclaration });
  for (const declared of ofEntries) {
    if (!declared) continue;
    const previous = declarations.get(declared.requirement);
    if (!previous || (declared.justified && !previous.justified)) declarations.set(declared.requirement, { entry: declared.entry as Entry, justified: declared.justified });
  }
  return declarations;
}

/** What an entry declares not applicable, if anything: most entries declare nothing. */
const declarationsOfEntries = new EntryValues<EntrySummary, (NotApplicableDeclaration<EntrySummary> & { requirement: string }) | undefined>();

function notApplicableDeclaration(entry: EntrySummary): (NotApplicableDeclaration<EntrySummary> & { requirement: string }) | undefined {
  const key = entry.key?.resolution;
  if (entry.kind !== 'requirement' || key?.status !== 'known') return undefined;
  const applicable = entry.attributes.applicable;
  const excluded = (applicable && parseYesNo(applicable.value) === false) || entry.status === 'not-applicable';
  if (!excluded) return undefined;
  const justification = entry.attributes.justification;
  const justified = Boolean(justification && !justification.placeholder && justification.value.trim() !== '' && justification.value.trim() !== '-');
  return { requirement: key.node.key, entry, justified };
}

/**
 * Requirement key → the Statement of Applicability exclusion of it. Only requirements the profile
 * lets an SoA exclude (`excludableInSoA`: Annex A controls) can be excluded: a "not applicable" row
 * of a CSF profile, or of an ISMS clause, states a status, not an exclusion, and simply earns nothing.
 */
export function findExclusions<Entry extends EntrySummary>(plan: { readonly entries: readonly Entry[] }, profile: Profile): Map<string, NotApplicableDeclaration<Entry>> {
  const excludable = new Set(profile.requirements.filter((requirement) => requirement.excludableInSoA).map((requirement) => requirement.node.key));
  return new Map([...findNotApplicableDeclarations(plan)].filter(([key]) => excludable.has(key)));
}

/** Scores the plan (or a plan summary) against the profile's requirements. */
export function scoreCoverage<Entry extends EntrySummary>(plan: { readonly entries: readonly Entry[] }, knowledgeBase: KnowledgeBase, profile: Profile): CoverageAnalysis<Entry> {
  const lists = mapContributionLists(plan, knowledgeBase);
  const exclusions = findExclusions(plan, profile);
  const requirements: RequirementCoverage<Entry>[] = profile.requirements.map((requirement) => {
    const list = contributionListOf(lists, requirement.node.key);
    const { current, planned, bestFullPath } = list.best;
    const exclusion = exclusions.get(requirement.node.key);
    const excluded = exclusion !== undefined && exclusion.justified;
    let state: CoverageState;
    if (excluded) state = 'excluded';
    else if (current >= 1) state = 'covered';
    else if (current > 0) state = 'partial';
    else if (planned > 0) state = 'planned';
    else state = 'uncovered';
    return {
      requirement,
      node: requirement.node,
      // Made when read: a check reads only those of the requirements its findings name.
      get contributions() {
        return contributionsIn(list);
      },
      current,
      planned,
      state,
      onlyPartialPaths: current > 0 && bestFullPath < current,
      exclusion,
    };
  });
  return { requirements, coverage: summarize(requirements, knowledgeBase, profile), gaps: listGaps(requirements) };
}

function summarize(requirements: RequirementCoverage<EntrySummary>[], knowledgeBase: KnowledgeBase, profile: Profile): Record<string, FrameworkCoverage> {
  const totals = new Map<string, { sum: Sum; groups: Map<string, Sum> }>();
  for (const framework of profile.frameworks) totals.set(framework, { sum: new Sum(), groups: new Map() });
  for (const coverage of requirements) {
    if (coverage.state === 'excluded') continue;
    const framework = totals.get(coverage.node.framework);
    if (!framework) continue;
    framework.sum.add(coverage);
    for (const group of knowledgeBase.ancestors(coverage.node)) {
      let sum = framework.groups.get(group.id);
      if (!sum) framework.groups.set(group.id, (sum = new Sum()));
      sum.add(coverage);
    }
  }
  const result: Record<string, FrameworkCoverage> = {};
  for (const [framework, { sum, groups }] of totals) {
    // Groups in catalog order, so reports read top to bottom like the framework.
    const ordered = [...groups.entries()].sort(
      ([a], [b]) => order(knowledgeBase, framework, a) - order(knowledgeBase, framework, b),
    );
    result[framework] = { ...sum.value(), groups: Object.fromEntries(ordered.map(([id, groupSum]) => [id, groupSum.value()])) };
  }
  return result;
}

function order(knowledgeBase: KnowledgeBase, framework: string, id: string): number {
  const node = knowledgeBase.node(framework, id);
  return node ? knowledgeBase.order(node) : Number.MAX_SAFE_INTEGER;
}

class Sum {
  private current = 0;
  private planned = 0;
  private count = 0;
  add(coverage: RequirementCoverage<EntrySummary>): void {
    this.current += coverage.current;
    this.planned += coverage.planned;
    this.count++;
  }
  value(): GroupCoverage {
    const ratio = (total: number) => (this.count === 0 ? 0 : Math.round((total / this.count) * 10000) / 10000);
    return { current: ratio(this.current), planned: ratio(this.planned), requirements: this.count };
  }
}

function listGaps(requirements: RequirementCoverage<EntrySummary>[]): Gap[] {
  const gaps = requirements
    .filter((coverage) => coverage.state === 'uncovered' || coverage.state === 'planned')
    .map((coverage) => ({
      framework: coverage.node.framework,
      requirement: coverage.node.id,
      mandatory: coverage.requirement.mandatory,
      planned: coverage.planned > 0,
    }));
  // Mandatory gaps first; otherwise catalog order is kept (the sort is stable).
  return gaps.sort((a, b) => Number(b.mandatory) - Number(a.mandatory));
}
