/**
 * The default terminal output, in the shape ESLint users read fluently: findings grouped by file,
 * `line:column  severity  message  rule-id`, a problem count, then the coverage summary.
 */
import { summarizeFindings, type PlanAnalysis } from '../analyze/analyze-plan.js';
import type { Finding } from '../rules/rule.js';

export interface StylishOptions {
  color: boolean;
  /** Errors only, no coverage summary (the CLI's --quiet). */
  quiet: boolean;
}

const codes = { red: 31, yellow: 33, blue: 34, green: 32, dim: 2, bold: 1, underline: 4 } as const;

export function formatStylish(analysis: PlanAnalysis, options: StylishOptions): string {
  const paint = (style: keyof typeof codes, text: string) => (options.color ? `\u001b[${codes[style]}m${text}\u001b[0m` : text);
  const findings = options.quiet ? analysis.findings.filter((finding) => finding.severity === 'error') : analysis.findings;
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byFile.get(finding.file) ?? [];
    list.push(finding);
    byFile.set(finding.file, list);
  }
  const lines: string[] = [];
  for (const [file, list] of byFile) {
    lines.push('', paint('underline', file));
    const placeWidth = Math.max(...list.map((finding) => `${finding.range.start.line}:${finding.range.start.column}`.length));
    const messageWidth = Math.min(100, Math.max(...list.map((finding) => finding.message.length)));
    for (const finding of list) {
      const place = `${finding.range.start.line}:${finding.range.start.column}`.padEnd(placeWidth);
      const severity = finding.severity === 'error' ? paint('red', 'error  ') : finding.severity === 'warning' ? paint('yellow', 'warning') : paint('blue', 'info   ');
      lines.push(`  ${paint('dim', place)}  ${severity}  ${finding.message.padEnd(messageWidth)}  ${paint('dim', finding.ruleId)}`);
    }
  }
  const summary = summarizeFindings(findings);
  const problems = summary.errors + summary.warnings + summary.infos;
  if (problems > 0) {
    const mark = summary.errors > 0 ? paint('red', '✖') : paint('yellow', '⚠');
    const infos = summary.infos > 0 ? `, ${summary.infos} info${summary.infos === 1 ? '' : 's'}` : '';
    lines.push('', paint('bold', `${mark} ${problems} problem${problems === 1 ? '' : 's'} (${summary.errors} error${summary.errors === 1 ? '' : 's'}, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}${infos})`));
  } else {
    lines.push(paint('green', '✔ no problems'));
  }
  if (!options.quiet) {
    lines.push('', paint('bold', `Coverage against profile ${analysis.profile.id}:`));
    for (const [framework, value] of Object.entries(analysis.coverage.coverage)) {
      lines.push(`  ${framework.padEnd(16)} current ${percent(value.current).padStart(4)}   planned ${percent(value.planned).padStart(4)}   (${value.requirements} requirement${value.requirements === 1 ? '' : 's'})`);
    }
    const mandatoryGaps = analysis.coverage.gaps.filter((gap) => gap.mandatory);
    lines.push(`  ${mandatoryGaps.length} mandatory gap${mandatoryGaps.length === 1 ? '' : 's'}${mandatoryGaps.length ? `: ${mandatoryGaps.slice(0, 12).map((gap) => gap.requirement).join(', ')}${mandatoryGaps.length > 12 ? ', …' : ''}` : ''}`);
  }
  return `${lines.join('\n').replace(/^\n/, '')}\n`;
}

export function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}
