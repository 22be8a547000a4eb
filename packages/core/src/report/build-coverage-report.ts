/**
 * The coverage report as plain data: everything a plant security manager reads in `plantgap report`
 * (coverage per framework and top-level group, gaps, why each requirement counts, missing targets,
 * the plan's targets and its balance across the plant-control dimensions). The HTML and Markdown
 * renderers only lay this out, so the VS Code webview and the CLI show the same numbers.
 */
import { summarizeFindings, type PlanAnalysis } from '../analyze/analyze-plan.js';
import type { CoverageState } from '../analyze/coverage-model.js';
import { claimedNodes } from '../analyze/map-contributions.js';
import { toolName, toolVersion } from '../cli/version.js';
import type { FrameworkNode, KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { CatalogNode } from '../knowledge/schemas.js';
import { compareReasons, describeContribution, type ContributionReason } from './contribution-reason.js';

/** Rules whose findings are "missing targets" in the report. */
export const targetRuleIds: readonly string[] = ['plan-without-target-level', 'missing-target', 'requirement-without-target'];

export interface ReportGroup {
  id: string;
  title: string;
  kind: string;
  current: number;
  planned: number;
  requirements: number;
}

export interface ReportFramework {
  id: string;
  title: string;
  current: number;
  planned: number;
  requirements: number;
  /** The framework's top-level groups (CSF functions; ISO clauses and Annex A themes) that have requirements in the profile, in catalog order. */
  groups: ReportGroup[];
}

export interface ReportRequirement {
  framework: string;
  id: string;
  title: string;
  mandatory: boolean;
  state: CoverageState;
  current: number;
  planned: number;
  /** The best credit comes only through half-weight paths. */
  onlyPartialPaths: boolean;
  /** Every contribution that gives credit now or once planned work is done, best first. */
  reasons: ContributionReason[];
  /** The plan's Statement of Applicability entry excluding it (when excluded). */
  exclusion?: { entry: string; file: string; line: number; justification: string };
}

export interface ReportGap {
  framework: string;
  id: string;
  title: string;
  mandatory: boolean;
  /** Plan entries that will cover it once planned work is done. */
  plannedBy: string[];
}

export interface ReportTargetFinding {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  control?: string;
  requirement?: string;
}

export interface ReportTarget {
  value: string;
  /** `plan` (front matter or a target line, with file and line) or `profile` (the profile's default). */
  source: 'plan' | 'profile';
  file?: string;
  line?: number;
}

/** One bar of the balance charts: plant controls the plan references with this tag. */
export interface BalanceBar {
  /** The tag value (`people`, `detection`, `joint`, …). */
  key: string;
  /** Distinct plant controls referenced by plan controls. */
  referenced: number;
  /** Of those, how many some implemented or partial plan control implements (credit today). */
  inPlace: number;
  plantControls: string[];
}

export interface JointControl {
  control: string;
  title: string;
  file: string;
  line: number;
  owner?: string;
  status?: string;
  /** The jointly owned plant controls it implements. */
  plantControls: string[];
}

export interface CoverageReport {
  tool: { name: string; version: string };
  /** The plan's first level-1 heading, else its first file. */
  title: string;
  files: string[];
  profile: { id: string; title: string; description?: string };
  targets: { securityLevel?: ReportTarget; csfTier?: ReportTarget };
  summary: { errors: number; warnings: number; infos: number };
  frameworks: ReportFramework[];
  /** Mandatory gaps first, then catalog order. */
  gaps: ReportGap[];
  /** Requirements with some credit now or planned (covered, partial, planned), in catalog order. */
  covered: ReportRequirement[];
  excluded: ReportRequirement[];
  missingTargets: ReportTargetFinding[];
  balance: { dimension: BalanceBar[]; stage: BalanceBar[]; ownership: BalanceBar[] };
  jointControls: JointControl[];
}

/** The tag values the balance charts always show, in reading order, even at zero. */
const balanceKeys = {
  dimension: ['people', 'process', 'technology'],
  stage: ['prevention', 'detection', 'persistence'],
  ownership: ['it', 'ot', 'joint'],
} as const satisfies Record<string, readonly NonNullable<CatalogNode['dimension' | 'stage' | 'ownership']>[]>;

export interface CoverageReportInput {
  analysis: PlanAnalysis;
  knowledgeBase: KnowledgeBase;
  /** Plan files as shown in output. */
  files: readonly string[];
}

/** Builds the report data from one analysis. Pure: no I/O, deterministic (no timestamps). */
export function buildCoverageReport({ analysis, knowledgeBase, files }: CoverageReportInput): CoverageReport {
  const { plan, profile, coverage } = analysis;
  const nodeTitle = (framework: string, id: string) => knowledgeBase.node(framework, id)?.title ?? id;

  const frameworks: ReportFramework[] = Object.entries(coverage.coverage).map(([framework, value]) => {
    const roots = new Set(knowledgeBase.roots(framework).map((root) => root.id));
    const groups = Object.entries(value.groups)
      .filter(([id]) => roots.has(id))
      .map(([id, group]) => {
        const node = knowledgeBase.node(framework, id);
        return { id, title: node?.title ?? id, kind: node?.kind ?? 'group', current: group.current, planned: group.planned, requirements: group.requirements };
      });
    return {
      id: framework,
      title: knowledgeBase.catalogs.get(framework)?.title ?? framework,
      current: value.current,
      planned: value.planned,
      requirements: value.requirements,
      groups,
    };
  });

  const describe = (requirement: (typeof coverage.requirements)[number]): ReportRequirement => {
    const reasons = requirement.contributions
      .filter((contribution) => contribution.current > 0 || contribution.planned > 0)
      .map((contribution) => describeContribution(contribution, knowledgeBase))
      .sort(compareReasons);
    const described: ReportRequirement = {
      framework: requirement.node.framework,
      id: requirement.node.id,
      title: requirement.node.title,
      mandatory: requirement.requirement.mandatory,
      state: requirement.state,
      current: requirement.current,
      planned: requirement.planned,
      onlyPartialPaths: requirement.onlyPartialPaths,
      reasons,
    };
    if (requirement.state === 'excluded' && requirement.exclusion) {
      const { entry } = requirement.exclusion;
      described.exclusion = { entry: entry.id, file: entry.file, line: entry.range.start.line, justification: entry.attributes.justification?.value ?? '' };
    }
    return described;
  };

  const byKey = new Map(coverage.requirements.map((requirement) => [requirement.node.key, requirement]));
  const gaps: ReportGap[] = coverage.gaps.map((gap) => {
    const requirement = byKey.get(`${gap.framework}:${gap.requirement}`);
    const plannedBy = [...new Set((requirement?.contributions ?? []).filter((contribution) => contribution.planned > 0).map((contribution) => contribution.entry.id))];
    return { framework: gap.framework, id: gap.requirement, title: nodeTitle(gap.framework, gap.requirement), mandatory: gap.mandatory, plannedBy };
  });

  const missingTargets = analysis.findings
    .filter((finding) => targetRuleIds.includes(finding.ruleId))
    .map((finding) => {
      const item: ReportTargetFinding = { ruleId: finding.ruleId, severity: finding.severity, message: finding.message, file: finding.file, line: finding.range.start.line };
      if (finding.control !== undefined) item.control = finding.control;
      if (finding.requirement !== undefined) item.requirement = finding.requirement;
      return item;
    });

  const planTargets = plan.metadata.targets;
  const targets: CoverageReport['targets'] = {};
  if (planTargets.securityLevel) {
    targets.securityLevel = { value: planTargets.securityLevel.value, source: 'plan', file: planTargets.securityLevel.file, line: planTargets.securityLevel.range.start.line };
  } else if (profile.targets['security-level']) {
    targets.securityLevel = { value: profile.targets['security-level'], source: 'profile' };
  }
  if (planTargets.csfTier) {
    targets.csfTier = { value: String(planTargets.csfTier.value), source: 'plan', file: planTargets.csfTier.file, line: planTargets.csfTier.range.start.line };
  } else if (profile.targets['csf-tier'] !== undefined) {
    targets.csfTier = { value: String(profile.targets['csf-tier']), source: 'profile' };
  }

  const { balance, jointControls } = planBalance(analysis, knowledgeBase);
  return {
    tool: { name: toolName, version: toolVersion },
    title: plan.metadata.title?.value ?? files[0] ?? 'Security plan',
    files: [...files],
    profile: profile.description === undefined ? { id: profile.id, title: profile.title } : { id: profile.id, title: profile.title, description: profile.description },
    targets,
    summary: summarizeFindings(analysis.findings),
    frameworks,
    gaps,
    covered: coverage.requirements.filter((requirement) => requirement.state !== 'excluded' && requirement.state !== 'uncovered').map(describe),
    excluded: coverage.requirements.filter((requirement) => requirement.state === 'excluded').map(describe),
    missingTargets,
    balance,
    jointControls,
  };
}

/**
 * Which plant controls the plan's controls implement, tallied by the plant controls' own tags, and
 * which plan controls implement jointly owned (IT and OT) plant controls.
 */
function planBalance(analysis: PlanAnalysis, knowledgeBase: KnowledgeBase): Pick<CoverageReport, 'balance' | 'jointControls'> {
  const referenced = new Map<string, { node: FrameworkNode; inPlace: boolean }>();
  const jointControls: JointControl[] = [];
  for (const entry of analysis.plan.entries) {
    if (entry.kind !== 'control') continue;
    const plantControls = claimedNodes(entry).filter((node) => knowledgeBase.catalogs.get(node.framework)?.kind === 'plant-controls');
    // Credit today comes from implemented and partial work (docs/scoring.md).
    const inPlace = entry.status === 'implemented' || entry.status === 'partial';
    for (const node of plantControls) {
      const previous = referenced.get(node.key);
      referenced.set(node.key, { node, inPlace: inPlace || (previous?.inPlace ?? false) });
    }
    const joint = plantControls.filter((node) => node.ownership === 'joint');
    if (joint.length > 0) {
      const control: JointControl = {
        control: entry.id,
        title: entry.title,
        file: entry.file,
        line: entry.range.start.line,
        plantControls: joint.map((node) => node.id),
      };
      const owner = entry.attributes.owner;
      if (owner && !owner.placeholder && owner.value.trim() !== '') control.owner = owner.value;
      if (entry.status !== undefined) control.status = entry.status;
      jointControls.push(control);
    }
  }
  const tally = (tag: 'dimension' | 'stage' | 'ownership'): BalanceBar[] =>
    balanceKeys[tag].map((key) => {
      const matching = [...referenced.values()].filter(({ node }) => node[tag] === key);
      return {
        key,
        referenced: matching.length,
        inPlace: matching.filter((item) => item.inPlace).length,
        plantControls: matching.map(({ node }) => node.id).sort((a, b) => a.localeCompare(b, 'en', { numeric: true })),
      };
    });
  return { balance: { dimension: tally('dimension'), stage: tally('stage'), ownership: tally('ownership') }, jointControls };
}
