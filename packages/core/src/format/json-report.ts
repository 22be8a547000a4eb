/**
 * The JSON report of `plantgap check --format json` (DESIGN §6, a contract): one object with the
 * tool, files, findings, coverage per framework and group, gaps and a summary.
 */
import { summarizeFindings, type PlanAnalysis } from '../analyze/analyze-plan.js';
import type { FrameworkCoverage, Gap } from '../analyze/coverage-model.js';
import { toolName, toolVersion } from '../cli/version.js';
import type { Finding } from '../rules/rule.js';

export interface JsonReport {
  tool: { name: string; version: string };
  profile: string;
  files: string[];
  findings: Finding[];
  coverage: Record<string, { current: number; planned: number; requirements: number; groups: Record<string, { current: number; planned: number; requirements: number }> }>;
  gaps: Gap[];
  summary: { errors: number; warnings: number; infos: number };
}

export function buildJsonReport(analysis: PlanAnalysis, files: readonly string[]): JsonReport {
  const coverage: JsonReport['coverage'] = {};
  for (const [framework, value] of Object.entries(analysis.coverage.coverage) as [string, FrameworkCoverage][]) {
    coverage[framework] = { current: value.current, planned: value.planned, requirements: value.requirements, groups: value.groups };
  }
  return {
    tool: { name: toolName, version: toolVersion },
    profile: analysis.profile.id,
    files: [...files],
    findings: analysis.findings,
    coverage,
    gaps: analysis.coverage.gaps,
    summary: summarizeFindings(analysis.findings),
  };
}

export function formatJson(analysis: PlanAnalysis, files: readonly string[]): string {
  return `${JSON.stringify(buildJsonReport(analysis, files), null, 2)}\n`;
}
