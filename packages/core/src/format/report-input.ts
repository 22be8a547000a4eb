/**
 * What every `plantgap check` output format is built from: the analysis, the plan files it read and
 * the knowledge base it used (for rule metadata, catalog order and what would cover a gap).
 * `checkPlans` returns exactly this shape, so its result can be passed straight to a formatter.
 */
import type { AnalysisSummary } from '../analyze/analyze-plan.js';
import type { GroupCoverage } from '../analyze/coverage-model.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { Finding } from '../rules/rule.js';

export interface CheckReportInput {
  analysis: AnalysisSummary;
  /** Plan files analysed, as shown in output (relative to the working directory, `/`-separated). */
  files: readonly string[];
  knowledgeBase: KnowledgeBase;
}

/**
 * A framework's groups (functions, categories, clauses, themes) in catalog order. The coverage
 * model keeps them in a plain object, where JavaScript moves integer-like keys (ISO clauses `4`…`10`)
 * ahead of all others; the catalog position puts them back where the framework lists them.
 */
export function groupsInCatalogOrder(
  groups: Readonly<Record<string, GroupCoverage>>,
  framework: string,
  knowledgeBase: KnowledgeBase,
): [string, GroupCoverage][] {
  const position = (id: string) => {
    const node = knowledgeBase.node(framework, id);
    return node ? knowledgeBase.order(node) : Number.MAX_SAFE_INTEGER;
  };
  // Array.prototype.sort is stable, so ids unknown to the catalog keep their relative order at the end.
  return Object.entries(groups).sort(([a], [b]) => position(a) - position(b));
}

/**
 * The file a finding belongs to. Plan-level findings sit on the first plan file's title; when no
 * file could be read at all they carry no file, and are placed on the first file given instead.
 */
export function findingFile(finding: Finding, files: readonly string[]): string {
  return finding.file !== '' ? finding.file : (files[0] ?? '');
}

/** Findings as the CLI's --quiet shows them: errors only (ESLint's meaning of quiet). */
export function visibleFindings(findings: readonly Finding[], quiet: boolean): Finding[] {
  return quiet ? findings.filter((finding) => finding.severity === 'error') : [...findings];
}
