/**
 * GitHub-flavoured Markdown output of `plantgap check --format markdown`: a findings summary for
 * pull-request comments and `$GITHUB_STEP_SUMMARY` — totals, coverage per framework, mandatory
 * gaps and a findings table whose rule ids link to their docs. Plan text is escaped so a `|`,
 * HTML or an @mention in a plan cannot break the table or ping anyone.
 */
import { summarizeFindings } from '../analyze/analyze-plan.js';
import { toolName, toolVersion } from '../cli/version.js';
import { ruleDocsUrl } from '../rules/rule.js';
import { percent } from './stylish.js';
import { findingFile, groupsInCatalogOrder, visibleFindings, type CheckReportInput } from './report-input.js';
import { escapeMarkdown, markdownCode } from './escape-markdown.js';

export interface MarkdownOptions {
  /** Errors only, no coverage (the CLI's --quiet). */
  quiet?: boolean;
  /**
   * At most this many findings rows (default 250): a GitHub comment holds 65,536 characters.
   * The rest are counted, and the JSON or SARIF output has them all.
   */
  maxFindings?: number;
}

const severityLabels = { error: '❌ error', warning: '⚠️ warning', info: 'ℹ️ info' } as const;

export function formatMarkdown(input: CheckReportInput, options: MarkdownOptions = {}): string {
  const { analysis, knowledgeBase } = input;
  const quiet = options.quiet ?? false;
  const maxFindings = options.maxFindings ?? 250;
  const findings = visibleFindings(analysis.findings, quiet);
  const summary = summarizeFindings(findings);
  const mandatoryGaps = analysis.coverage.gaps.filter((gap) => gap.mandatory);
  const lines: string[] = [];

  const verdict = summary.errors > 0 ? '❌' : summary.warnings > 0 ? '⚠️' : '✅';
  lines.push(`## ${verdict} plantgap check: ${count(summary.errors, 'error')}, ${count(summary.warnings, 'warning')}${quiet ? '' : `, ${count(summary.infos, 'info')}`}`, '');
  lines.push(`Profile **${escape(analysis.profile.id)}** · ${count(input.files.length, 'plan file')} · ${count(mandatoryGaps.length, 'mandatory gap')}`, '');

  if (!quiet) {
    lines.push('### Coverage', '', '| Framework | Current | Planned | Requirements | Mandatory gaps |', '| --- | ---: | ---: | ---: | ---: |');
    for (const [framework, value] of Object.entries(analysis.coverage.coverage)) {
      const gaps = mandatoryGaps.filter((gap) => gap.framework === framework).length;
      lines.push(`| ${escape(framework)} | ${percent(value.current)} | ${percent(value.planned)} | ${value.requirements} | ${gaps} |`);
    }
    lines.push('');
    for (const [framework, value] of Object.entries(analysis.coverage.coverage)) {
      const groups = groupsInCatalogOrder(value.groups, framework, knowledgeBase);
      if (groups.length === 0) continue;
      lines.push(`<details><summary>${escape(framework)} by group</summary>`, '', '| Group | Title | Current | Planned | Requirements |', '| --- | --- | ---: | ---: | ---: |');
      for (const [id, group] of groups) {
        const title = knowledgeBase.node(framework, id)?.title ?? '';
        lines.push(`| ${escape(id)} | ${escape(title)} | ${percent(group.current)} | ${percent(group.planned)} | ${group.requirements} |`);
      }
      lines.push('', '</details>', '');
    }
    if (mandatoryGaps.length > 0) {
      lines.push('### Mandatory gaps', '', '| Requirement | Title | Framework | Planned |', '| --- | --- | --- | --- |');
      for (const gap of mandatoryGaps) {
        const title = knowledgeBase.node(gap.framework, gap.requirement)?.title ?? '';
        lines.push(`| ${escape(gap.requirement)} | ${escape(title)} | ${escape(gap.framework)} | ${gap.planned ? 'planned, not implemented' : 'no'} |`);
      }
      lines.push('');
    }
  }

  if (findings.length > 0) {
    lines.push('### Findings', '', '| Severity | Location | Message | Rule |', '| --- | --- | --- | --- |');
    for (const finding of findings.slice(0, maxFindings)) {
      const place = `${findingFile(finding, input.files)}:${finding.range.start.line}`;
      lines.push(`| ${severityLabels[finding.severity]} | ${code(place)} | ${escape(finding.message)} | [${escape(finding.ruleId)}](${ruleDocsUrl(finding.ruleId)}) |`);
    }
    if (findings.length > maxFindings) lines.push('', `…and ${count(findings.length - maxFindings, 'more finding')} (see \`--format json\` or \`--format sarif\` for all).`);
    lines.push('');
  }
  lines.push(`<sub>${toolName} ${escape(toolVersion)}</sub>`);
  return `${lines.join('\n')}\n`;
}

function count(value: number, noun: string): string {
  return `${value} ${noun}${value === 1 ? '' : 's'}`;
}

const escape = escapeMarkdown;
const code = markdownCode;

