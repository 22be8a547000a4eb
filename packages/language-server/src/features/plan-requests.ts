/**
 * plantgap's own requests (protocol.ts): the coverage summary for the status bar, the gaps for the
 * Gaps view, the HTML coverage report for the webview, and checking the whole workspace.
 */
import { buildCoverageReport, renderHtmlReport, summarizeFindings, type HtmlReportOptions } from '@plantgap/core';
import { toLspRange } from '../lsp-ranges.js';
import type { DocumentAnalysis } from '../plan-analyses.js';
import type { ScopeOutcome } from '../plan-scope.js';
import type { CheckWorkspaceResult, CoverageSummary, Gap, ReportParams, ReportResult } from '../protocol.js';

export function coverageSummary({ result }: DocumentAnalysis): CoverageSummary | null {
  const analysis = result.analysis;
  if (!analysis) return null;
  const knowledgeBase = result.context.knowledgeBase;
  return {
    profile: { id: analysis.profile.id, title: analysis.profile.title },
    coverage: Object.entries(analysis.coverage.coverage).map(([framework, coverage]) => ({
      framework,
      title: knowledgeBase.catalogs.get(framework)?.title ?? framework,
      current: coverage.current,
      planned: coverage.planned,
    })),
    findings: summarizeFindings(analysis.findings),
    planFiles: [...result.files.values()].map((file) => file.uri),
  };
}

/** Requirements of the profile not fully covered: uncovered and planned ones, then partly covered ones. */
export function gaps({ result }: DocumentAnalysis): Gap[] {
  const analysis = result.analysis;
  if (!analysis) return [];
  const findingFor = new Map<string, NonNullable<Gap['location']>>();
  for (const finding of analysis.findings) {
    if (!finding.requirement || findingFor.has(finding.requirement)) continue;
    const file = result.files.get(finding.file);
    if (file) findingFor.set(finding.requirement, { uri: file.uri, range: toLspRange(finding.range, file.document) });
  }
  const list: Gap[] = [];
  for (const coverage of analysis.coverage.requirements) {
    const status = coverage.state === 'uncovered' ? 'uncovered' : coverage.state === 'planned' ? 'planned' : coverage.state === 'partial' ? 'partial' : undefined;
    if (!status) continue;
    const gap: Gap = { requirement: coverage.node.id, title: coverage.node.title, framework: coverage.node.framework, mandatory: coverage.requirement.mandatory, status };
    const location = findingFor.get(coverage.node.id);
    if (location) gap.location = location;
    list.push(gap);
  }
  const rank = { uncovered: 0, planned: 1, partial: 2 } as const;
  // Mandatory first, then the worst state; catalog order otherwise (the sort is stable).
  return list.sort((a, b) => Number(b.mandatory) - Number(a.mandatory) || rank[a.status] - rank[b.status]);
}

export function report(params: ReportParams, { result }: DocumentAnalysis): ReportResult | null {
  const analysis = result.analysis;
  if (!analysis) return null;
  const files = [...result.files.values()].map((file) => file.path);
  const options: HtmlReportOptions = {};
  if (typeof params.contentSecurityPolicy === 'string') options.contentSecurityPolicy = params.contentSecurityPolicy;
  if (typeof params.styleNonce === 'string') options.styleNonce = params.styleNonce;
  return { html: renderHtmlReport(buildCoverageReport({ analysis, knowledgeBase: result.context.knowledgeBase, files }), options) };
}

export function checkWorkspaceResult(outcomes: readonly ScopeOutcome[]): CheckWorkspaceResult {
  const total: CheckWorkspaceResult = { files: 0, errors: 0, warnings: 0, infos: 0 };
  for (const outcome of outcomes) {
    if (!outcome.ok) {
      total.errors += outcome.errors.length;
      continue;
    }
    total.files += outcome.value.files.size;
    const summary = summarizeFindings(outcome.value.analysis?.findings ?? []);
    total.errors += summary.errors + outcome.value.errors.length;
    total.warnings += summary.warnings;
    total.infos += summary.infos;
  }
  return total;
}
