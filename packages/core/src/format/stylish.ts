/**
 * The default terminal output, in the shape ESLint users read fluently: findings grouped by file,
 * `line:column  severity  message  rule-id`, a problem count, then the coverage summary.
 */
import { summarizeFindings, type AnalysisSummary } from '../analyze/analyze-plan.js';
import type { Finding } from '../rules/rule.js';
import { inChunks } from './text-chunks.js';

export interface StylishOptions {
  color: boolean;
  /** Errors only, no coverage summary (the CLI's --quiet). */
  quiet: boolean;
}

const codes = { red: 31, yellow: 33, blue: 34, green: 32, dim: 2, bold: 1, underline: 4 } as const;

export function formatStylish(analysis: AnalysisSummary, options: StylishOptions): string {
  return [...formatStylishChunks(analysis, options)].join('');
}

/** The report in chunks, as {@link formatStylish} would write it whole. */
export function formatStylishChunks(analysis: AnalysisSummary, options: StylishOptions): Generator<string, void, undefined> {
  return inChunks(stylishLines(analysis, options));
}

/** The report's lines, each ending in a line break. */
function* stylishLines(analysis: AnalysisSummary, options: StylishOptions): Generator<string, void, undefined> {
  const paint = (style: keyof typeof codes, text: string) => (options.color ? `\u001b[${codes[style]}m${text}\u001b[0m` : text);
  const findings = options.quiet ? analysis.findings.filter((finding) => finding.severity === 'error') : analysis.findings;
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byFile.get(finding.file) ?? [];
    list.push(finding);
    byFile.set(finding.file, list);
  }
  let first = true;
  for (const [file, list] of byFile) {
    // A blank line between files, not before the first.
    if (!first) yield '\n';
    first = false;
    yield `${paint('underline', file)}\n`;
    let placeWidth = 0;
    let messageWidth = 0;
    for (const finding of list) {
      placeWidth = Math.max(placeWidth, place(finding).length);
      messageWidth = Math.max(messageWidth, Math.min(100, finding.message.length));
    }
    for (const finding of list) {
      const severity = finding.severity === 'error' ? paint('red', 'error  ') : finding.severity === 'warning' ? paint('yellow', 'warning') : paint('blue', 'info   ');
      yield `  ${paint('dim', place(finding).padEnd(placeWidth))}  ${severity}  ${finding.message.padEnd(messageWidth)}  ${paint('dim', finding.ruleId)}\n`;
    }
  }
  const summary = summarizeFindings(findings);
  const problems = summary.errors + summary.warnings + summary.infos;
  if (problems > 0) {
    const mark = summary.errors > 0 ? paint('red', '✖') : paint('yellow', '⚠');
    const infos = summary.infos > 0 ? `, ${summary.infos} info${summary.infos === 1 ? '' : 's'}` : '';
    yield `\n${paint('bold', `${mark} ${problems} problem${problems === 1 ? '' : 's'} (${summary.errors} error${summary.errors === 1 ? '' : 's'}, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}${infos})`)}\n`;
  } else {
    yield `${paint('green', '✔ no problems')}\n`;
  }
  if (!options.quiet) {
    yield `\n${paint('bold', `Coverage against profile ${analysis.profile.id}:`)}\n`;
    for (const [framework, value] of Object.entries(analysis.coverage.coverage)) {
      yield `  ${framework.padEnd(16)} current ${percent(value.current).padStart(4)}   planned ${percent(value.planned).padStart(4)}   (${value.requirements} requirement${value.requirements === 1 ? '' : 's'})\n`;
    }
    const mandatoryGaps = analysis.coverage.gaps.filter((gap) => gap.mandatory);
    yield `  ${mandatoryGaps.length} mandatory gap${mandatoryGaps.length === 1 ? '' : 's'}${mandatoryGaps.length ? `: ${mandatoryGaps.slice(0, 12).map((gap) => gap.requirement).join(', ')}${mandatoryGaps.length > 12 ? ', …' : ''}` : ''}\n`;
  }
}

function place(finding: Finding): string {
  return `${finding.range.start.line}:${finding.range.start.column}`;
}

export function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}
