/**
 * One analysis: plan model + profile → coverage and findings. The CLI and the language server both
 * call this, so the editor and CI always agree.
 */
import type { KnowledgeBase, Profile } from '../knowledge/knowledge-base.js';
import type { EntrySummary, Plan, PlanSummary } from '../parse/plan-model.js';
import { runRules, type SeverityOverrides } from '../rules/index.js';
import type { Finding } from '../rules/rule.js';
import type { CoverageAnalysis } from './coverage-model.js';
import { scoreCoverage } from './score-coverage.js';

/**
 * What the check's output formats and the plan rules read of an analysis. A {@link PlanAnalysis} is
 * one; a check made file by file (`checkPlansFileByFile`) gives one over a plan summary.
 */
export interface AnalysisSummary {
  plan: PlanSummary;
  profile: Profile;
  coverage: CoverageAnalysis<EntrySummary>;
  findings: Finding[];
}

export interface PlanAnalysis extends AnalysisSummary {
  plan: Plan;
  coverage: CoverageAnalysis;
}

/** Scores a parsed plan against a profile and runs the rules. Pure: no I/O. */
export function analyzePlan(plan: Plan, knowledgeBase: KnowledgeBase, profile: Profile, severities: SeverityOverrides = {}): PlanAnalysis {
  const coverage = scoreCoverage(plan, knowledgeBase, profile);
  const findings = runRules({ plan, knowledgeBase, profile, analysis: coverage }, severities);
  return { plan, profile, coverage, findings };
}

/** Counts findings by severity. */
export function summarizeFindings(findings: readonly Finding[]): { errors: number; warnings: number; infos: number } {
  const summary = { errors: 0, warnings: 0, infos: 0 };
  for (const finding of findings) {
    if (finding.severity === 'error') summary.errors++;
    else if (finding.severity === 'warning') summary.warnings++;
    else summary.infos++;
  }
  return summary;
}
