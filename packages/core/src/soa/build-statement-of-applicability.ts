/**
 * The ISO/IEC 27001:2022 Statement of Applicability (clause 6.1.3 d) as plain data: every Annex A
 * control in catalog order, whether the plan includes or excludes it, the justification, the plan
 * controls that implement it (directly, through a plant control or a crosswalk) and its status.
 * Exclusions are read as the plan states them; where the profile does not accept one (a mandatory
 * control, or no justification) the row says so in `notes`.
 */
import type { PlanAnalysis } from '../analyze/analyze-plan.js';
import { contributionListOf, contributionsIn, mapContributionLists } from '../analyze/map-contributions.js';
import { findNotApplicableDeclarations } from '../analyze/score-coverage.js';
import { toolName, toolVersion } from '../cli/version.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { PlanEntry } from '../parse/plan-model.js';
import { compareReasons, describeContribution, type ContributionReason } from '../report/contribution-reason.js';

/** The catalog whose Annex A the SoA lists, and the node kind of its controls (clauses are `clause`). */
export const soaCatalogId = 'iso27001-2022';
const annexControlKind = 'control';

export type SoaStatus = 'implemented' | 'partial' | 'planned' | 'not-addressed' | 'not-applicable';

export interface SoaRow {
  control: string;
  title: string;
  /** The Annex A theme (`A.8`) and its title. */
  theme: string;
  themeTitle: string;
  applicable: boolean;
  status: SoaStatus;
  /** The plan's justification where it gives one; otherwise, for included controls, why it is included (derived). */
  justification: string;
  justificationSource: 'plan' | 'derived' | 'none';
  /** Plan entries that give credit now or once planned work is done, best first. */
  implementedBy: ContributionReason[];
  /** Best credit now and once planned work is done (0..1), as in docs/scoring.md. */
  current: number;
  planned: number;
  profile: { inScope: boolean; mandatory: boolean; excludable: boolean };
  /** The plan's SoA (or other requirement) entry for this control. */
  source?: { file: string; line: number };
  /** Problems with the plan's decision: an exclusion without justification, or one the profile does not accept. */
  notes: string[];
}

export interface StatementOfApplicability {
  tool: { name: string; version: string };
  title: string;
  framework: { id: string; title: string };
  profile: { id: string; title: string };
  files: string[];
  summary: { controls: number; applicable: number; excluded: number } & Record<SoaStatus, number>;
  controls: SoaRow[];
}

export interface StatementOfApplicabilityInput {
  analysis: PlanAnalysis;
  knowledgeBase: KnowledgeBase;
  files: readonly string[];
}

/** Builds the SoA; undefined when the knowledge base has no ISO/IEC 27001:2022 catalog. */
export function buildStatementOfApplicability({ analysis, knowledgeBase, files }: StatementOfApplicabilityInput): StatementOfApplicability | undefined {
  const catalog = knowledgeBase.catalogs.get(soaCatalogId);
  if (!catalog) return undefined;
  const { plan, profile } = analysis;
  const contributions = mapContributionLists(plan, knowledgeBase);
  const declarations = findNotApplicableDeclarations(plan);
  const profileRequirements = new Map(profile.requirements.map((requirement) => [requirement.node.key, requirement]));
  const firstEntryFor = new Map<string, PlanEntry>();
  for (const entry of plan.entries) {
    const key = entry.key?.resolution;
    if (entry.kind !== 'requirement' || key?.status !== 'known') continue;
    const previous = firstEntryFor.get(key.node.key);
    // Prefer the row of the Statement of Applicability itself over other mentions.
    if (!previous || (entry.inStatementOfApplicability && !previous.inStatementOfApplicability)) firstEntryFor.set(key.node.key, entry);
  }

  const controls: SoaRow[] = catalog.nodes
    .filter((node) => node.assessable && node.kind === annexControlKind)
    .map((node) => {
      const theme = knowledgeBase.ancestors(node).at(-1);
      const requirement = profileRequirements.get(node.key);
      const declaration = declarations.get(node.key);
      const entry = declaration?.entry ?? firstEntryFor.get(node.key);
      const implementedBy = contributionsIn(contributionListOf(contributions, node.key))
        .filter((contribution) => contribution.current > 0 || contribution.planned > 0)
        .map((contribution) => describeContribution(contribution, knowledgeBase))
        .sort(compareReasons);
      // A loop, not Math.max(...list): a control named by some 100,000 entries would overflow the stack.
      let current = 0;
      let planned = 0;
      for (const reason of implementedBy) {
        current = Math.max(current, reason.current);
        planned = Math.max(planned, reason.planned);
      }
      planned = Math.max(planned, current);
      const applicable = declaration === undefined;
      const planJustification = entry?.attributes.justification;
      const stated = planJustification && !planJustification.placeholder && planJustification.value.trim() !== '' && planJustification.value.trim() !== '-' ? planJustification.value.trim() : undefined;
      const notes: string[] = [];
      if (declaration && !declaration.justified) notes.push('excluded without a justification (ISO/IEC 27001 6.1.3 d) requires one)');
      if (declaration && requirement && !requirement.excludableInSoA) {
        notes.push(`profile ${profile.id} does not accept this exclusion: the control is ${requirement.mandatory ? 'mandatory' : 'in scope'} and not excludable`);
      }
      let status: SoaStatus;
      if (!applicable) status = 'not-applicable';
      else if (current >= 1) status = 'implemented';
      else if (current > 0) status = 'partial';
      else if (planned > 0) status = 'planned';
      else status = 'not-addressed';
      let justification = stated ?? '';
      let justificationSource: SoaRow['justificationSource'] = stated === undefined ? 'none' : 'plan';
      if (applicable && stated === undefined) {
        justification = derivedInclusionReason(implementedBy, requirement ? { id: profile.id, mandatory: requirement.mandatory } : undefined);
        justificationSource = 'derived';
      }
      const row: SoaRow = {
        control: node.id,
        title: node.title,
        theme: theme?.id ?? '',
        themeTitle: theme?.title ?? '',
        applicable,
        status,
        justification,
        justificationSource,
        implementedBy,
        current,
        planned,
        profile: { inScope: requirement !== undefined, mandatory: requirement?.mandatory ?? false, excludable: requirement?.excludableInSoA ?? false },
        notes,
      };
      if (entry) row.source = { file: entry.file, line: entry.range.start.line };
      return row;
    });

  const count = (predicate: (row: SoaRow) => boolean) => controls.filter(predicate).length;
  return {
    tool: { name: toolName, version: toolVersion },
    title: plan.metadata.title?.value ?? files[0] ?? 'Security plan',
    framework: { id: catalog.id, title: catalog.title },
    profile: { id: profile.id, title: profile.title },
    files: [...files],
    summary: {
      controls: controls.length,
      applicable: count((row) => row.applicable),
      excluded: count((row) => !row.applicable),
      implemented: count((row) => row.status === 'implemented'),
      partial: count((row) => row.status === 'partial'),
      planned: count((row) => row.status === 'planned'),
      'not-addressed': count((row) => row.status === 'not-addressed'),
      'not-applicable': count((row) => row.status === 'not-applicable'),
    },
    controls,
  };
}

/** Why an included control is in the SoA, when the plan does not say: what implements it, or that the profile requires it. */
function derivedInclusionReason(implementedBy: readonly ContributionReason[], requiredBy: { id: string; mandatory: boolean } | undefined): string {
  const now = implementedBy.filter((reason) => reason.current > 0);
  const later = implementedBy.filter((reason) => reason.current === 0);
  // The implementing entries by id only (the SoA lists the paths in its own column); an SoA row stands for itself.
  const describe = (reasons: readonly ContributionReason[]) =>
    [...new Set(reasons.map((reason) => (reason.entryKind === 'requirement' ? `the plan's row at ${reason.file}:${reason.line}` : reason.control)))].join(', ');
  if (now.length > 0) return `Implemented by ${describe(now)}`;
  if (later.length > 0) return `Planned in ${describe(later)}`;
  if (requiredBy?.mandatory) return `Required by profile ${requiredBy.id}; not yet addressed in the plan`;
  return 'Applicable (not excluded in the plan); not yet addressed in the plan';
}
