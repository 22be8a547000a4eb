/**
 * The JSON report of `plantgap check --format json` (DESIGN §6, a contract): one object with the
 * tool, files, findings, coverage per framework and group, gaps and a summary.
 *
 * Groups are written in catalog order (`4`, `4.1`, … `10.2`, `A.5`, …). JavaScript objects put
 * integer-like keys first, so the JSON text is written with an order-keeping writer; a JavaScript
 * consumer that parses the text gets them reordered again and should sort by catalog position
 * (`plantgap catalog FRAMEWORK --format json` lists the nodes in order).
 */
import { summarizeFindings, type AnalysisSummary } from '../analyze/analyze-plan.js';
import type { FrameworkCoverage, Gap, GroupCoverage } from '../analyze/coverage-model.js';
import { toolName, toolVersion } from '../cli/version.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { Finding } from '../rules/rule.js';
import { orderedJsonChunks } from './ordered-json.js';
import { groupsInCatalogOrder, visibleFindings } from './report-input.js';

export interface JsonReport {
  tool: { name: string; version: string };
  profile: string;
  files: string[];
  findings: Finding[];
  coverage: Record<string, { current: number; planned: number; requirements: number; groups: Record<string, GroupCoverage> }>;
  gaps: Gap[];
  summary: { errors: number; warnings: number; infos: number };
}

export interface JsonReportOptions {
  /** Errors only (the CLI's --quiet); coverage and gaps are kept, they are the report's data. */
  quiet?: boolean;
}

export function buildJsonReport(analysis: AnalysisSummary, files: readonly string[], options: JsonReportOptions = {}): JsonReport {
  const coverage: JsonReport['coverage'] = {};
  for (const [framework, value] of Object.entries(analysis.coverage.coverage) as [string, FrameworkCoverage][]) {
    coverage[framework] = { current: value.current, planned: value.planned, requirements: value.requirements, groups: value.groups };
  }
  const findings = visibleFindings(analysis.findings, options.quiet ?? false);
  return {
    tool: { name: toolName, version: toolVersion },
    profile: analysis.profile.id,
    files: [...files],
    findings,
    coverage,
    gaps: analysis.coverage.gaps,
    summary: summarizeFindings(findings),
  };
}

/**
 * The report as JSON text. With the knowledge base the analysis used, groups are written in
 * catalog order; without it, in the order the coverage model holds them.
 */
export function formatJson(analysis: AnalysisSummary, files: readonly string[], knowledgeBase?: KnowledgeBase, options: JsonReportOptions = {}): string {
  return [...formatJsonChunks(analysis, files, knowledgeBase, options)].join('');
}

/** {@link formatJson}'s text in chunks, for writing a large report out as it is made. */
export function* formatJsonChunks(analysis: AnalysisSummary, files: readonly string[], knowledgeBase?: KnowledgeBase, options: JsonReportOptions = {}): Generator<string, void, undefined> {
  const report = buildJsonReport(analysis, files, options);
  const ordered = {
    ...report,
    coverage: Object.fromEntries(
      Object.entries(report.coverage).map(([framework, value]) => [
        framework,
        { ...value, groups: new Map(knowledgeBase ? groupsInCatalogOrder(value.groups, framework, knowledgeBase) : Object.entries(value.groups)) },
      ]),
    ),
  };
  // Level 1 holds the findings, the long list; each finding is written whole.
  yield* orderedJsonChunks(ordered, { streamedLevels: 1 });
  yield '\n';
}
