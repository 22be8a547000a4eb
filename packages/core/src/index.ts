/**
 * @plantgap/core — read Markdown security plans of industrial plants, map their controls to
 * NIST CSF 2.0 and ISO/IEC 27001:2022, score coverage and find gaps.
 *
 * The pipeline: load (knowledge base, config) → parse (plan → model) → map (controls → requirements)
 * → score → findings → format. Every stage is a pure function over plain data; I/O stays at the edges.
 */
export * from './input-error.js';
export * from './knowledge/schemas.js';
export * from './knowledge/knowledge-base.js';
export * from './knowledge/load-knowledge-base.js';
export { parseDataText, readDataFile } from './knowledge/read-data-file.js';
export * from './knowledge/references.js';
export * from './config/config-schema.js';
export * from './config/load-config.js';
export * from './config/config-json-schema.js';
export * from './parse/positions.js';
export * from './parse/parsed-section.js';
export * from './parse/plan-model.js';
export * from './parse/vocabulary.js';
export { splitSections, type SectionSlice } from './parse/split-sections.js';
export { SectionedText } from './parse/sectioned-text.js';
export { PlanParser, normalizeText, type PlanParserOptions, type PlanSource, type SectionCacheStats } from './parse/plan-parser.js';
export type { ParsedFile } from './parse/build-plan.js';
export { shiftedEvents } from './parse/shift-events.js';
export * from './analyze/coverage-model.js';
export { mapContributions, claimedNodes, mappedPathWeight } from './analyze/map-contributions.js';
export { scoreCoverage, findExclusions, findNotApplicableDeclarations, type NotApplicableDeclaration } from './analyze/score-coverage.js';
export * from './analyze/analyze-plan.js';
export * from './analyze/select-profile.js';
export * from './rules/rule.js';
export { rules, ruleIds, runRules, type SeverityOverrides } from './rules/index.js';
export * from './files/read-plan-file.js';
export * from './files/find-plan-files.js';
export * from './files/write-file-atomically.js';
export * from './workspace/check-plans.js';
export * from './workspace/analyze-plan-inputs.js';
export { buildJsonReport, formatJson, formatJsonChunks, type JsonReport, type JsonReportOptions } from './format/json-report.js';
export { formatStylish, formatStylishChunks, type StylishOptions } from './format/stylish.js';
export { buildSarifLog, formatSarif, formatSarifChunks, toolInformationUri, type SarifOptions } from './format/sarif.js';
export { formatJunit, formatJunitChunks, type JunitOptions } from './format/junit.js';
export { formatMarkdown, type MarkdownOptions } from './format/markdown.js';
export { escapeMarkdown, markdownCode } from './format/escape-markdown.js';
export { groupsInCatalogOrder, type CheckReportInput } from './format/report-input.js';
export { main, InputErrors, type Command } from './cli/main.js';
export { UsageError, type CliIo } from './cli/io.js';
export { toolName, toolVersion } from './cli/version.js';
export { buildCoverageReport, targetRuleIds, type CoverageReport, type CoverageReportInput, type ReportFramework, type ReportGroup, type ReportRequirement, type ReportGap, type ReportTarget, type ReportTargetFinding, type BalanceBar, type JointControl } from './report/build-coverage-report.js';
export { renderHtmlReport, renderHtmlReportChunks, defaultContentSecurityPolicy, type HtmlReportOptions } from './report/render-html-report.js';
export { renderMarkdownReport, renderMarkdownReportChunks } from './report/render-markdown-report.js';
export { escapeHtml } from './report/escape-html.js';
export { describeContribution, explainPath, type ContributionReason } from './report/contribution-reason.js';
export { buildStatementOfApplicability, soaCatalogId, type StatementOfApplicability, type StatementOfApplicabilityInput, type SoaRow, type SoaStatus } from './soa/build-statement-of-applicability.js';
export { renderSoaMarkdown, renderSoaCsv, renderSoaJson, soaCsvColumns } from './soa/render-statement-of-applicability.js';
export { explainId, type Explanation, type ExplainResult, type ExplainInput, type RequirementExplanation, type GroupExplanation, type DeprecatedExplanation, type ControlExplanation } from './explain/explain-id.js';
export { renderExplanationText } from './explain/render-explanation.js';
export { starterPlan, starterConfig, starterPlanFile, starterConfigFile } from './init/starter-files.js';
