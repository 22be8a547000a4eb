/**
 * The coverage report as GitHub-flavoured Markdown: headings, tables and lists only, no raw HTML,
 * so it renders the same on GitHub, in a pull-request comment or in any Markdown viewer. Plan text
 * is escaped with escapeMarkdown, so a `|` cannot break a table and `<script>` or `[x](javascript:…)`
 * stays literal text.
 */
import type { BalanceBar, CoverageReport, ReportTarget } from './build-coverage-report.js';
import { escapeMarkdown, markdownCode } from '../format/escape-markdown.js';
import { percent } from '../format/stylish.js';
import { inChunks } from '../format/text-chunks.js';
import { explainPath } from './contribution-reason.js';

const md = escapeMarkdown;
const code = markdownCode;

function table(header: string[], rows: string[][], numeric: number[] = []): string {
  return [tableHead(header, numeric), ...rows.map(tableRow)].join('\n');
}

/** A table's header and alignment lines. */
function tableHead(header: string[], numeric: number[] = []): string {
  const align = header.map((_, index) => (numeric.includes(index) ? '---:' : '---'));
  return `| ${header.join(' | ')} |\n| ${align.join(' | ')} |`;
}

function tableRow(row: string[]): string {
  return `| ${row.join(' | ')} |`;
}

/** A 20-character text bar (`██████░░░░`) so the Markdown version keeps a chart at a glance. */
function bar(fraction: number): string {
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * 20);
  return `${'█'.repeat(filled)}${'░'.repeat(20 - filled)}`;
}

function targetText(target: ReportTarget | undefined): string {
  if (!target) return 'not set';
  return target.source === 'plan' ? `${md(target.value)} (set in ${md(`${target.file ?? ''}:${target.line ?? ''}`)})` : `${md(target.value)} (profile default; the plan sets none)`;
}

const balanceTitles = { dimension: 'People, process and technology', stage: 'Prevention, detection and persistence', ownership: 'Ownership' } as const;
const ownerLabels: Record<string, string> = { it: 'IT', ot: 'OT', joint: 'joint (IT and OT)' };

/** Renders the report as GitHub-flavoured Markdown. */
export function renderMarkdownReport(report: CoverageReport): string {
  return [...renderMarkdownReportChunks(report)].join('');
}

/**
 * The Markdown of {@link renderMarkdownReport} in chunks, made as they are written: the "why
 * requirements count" table, a row per requirement naming every entry that gives it credit, is
 * tens of megabytes on large plans and is then never held as one string.
 */
export function renderMarkdownReportChunks(report: CoverageReport): Generator<string, void, undefined> {
  return inChunks(markdownPieces(report));
}

function* markdownPieces(report: CoverageReport): Generator<string, void, undefined> {
  let lines: string[] = [];
  const mandatoryGaps = report.gaps.filter((gap) => gap.mandatory).length;
  lines.push(
    `# Coverage report — ${md(report.title)}`,
    '',
    `Profile **${md(report.profile.id)}** (${md(report.profile.title)}) · plan files: ${report.files.map(code).join(', ')}`,
    '',
    `**${mandatoryGaps}** mandatory gaps (${report.gaps.length} in all) · findings: ${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.infos} infos`,
    '',
    '## Coverage: current and planned',
    '',
    'Current = implemented work (partial counts half); planned = once planned and partial work is done. In the bars, █ is current coverage.',
    '',
  );
  for (const framework of report.frameworks) {
    lines.push(`### ${md(framework.title)} — ${percent(framework.current)} now, ${percent(framework.planned)} planned (${framework.requirements} requirements)`, '');
    if (framework.groups.length === 0) {
      lines.push('No requirements of this framework are in scope.', '');
      continue;
    }
    lines.push(
      table(
        ['Group', 'Current', 'Planned', 'Requirements', 'Current coverage'],
        framework.groups.map((group) => [`${code(group.id)} ${md(group.title)}`, percent(group.current), percent(group.planned), String(group.requirements), bar(group.current)]),
        [1, 2, 3],
      ),
      '',
    );
  }

  lines.push(`## Gaps (${report.gaps.length}, ${mandatoryGaps} mandatory)`, '');
  if (report.gaps.length === 0) lines.push('No gaps: every requirement in scope has credit now.', '');
  else {
    lines.push(
      table(
        ['Requirement', 'Title', 'Priority', 'Framework', 'Plan'],
        report.gaps.map((gap) => [code(gap.id), md(gap.title), gap.mandatory ? '**mandatory**' : 'advisory', md(gap.framework), gap.plannedBy.length > 0 ? `planned in ${gap.plannedBy.map(code).join(', ')}` : 'nothing in the plan yet']),
      ),
      '',
    );
  }

  lines.push('## Targets', '', table(['Target', 'Value'], [['Target security level (IEC 62443 SL-T)', targetText(report.targets.securityLevel)], ['NIST CSF implementation tier', targetText(report.targets.csfTier)]]), '');
  lines.push(`### Missing targets (${report.missingTargets.length})`, '');
  if (report.missingTargets.length === 0) lines.push('Every control that is not done yet says by when and to which level.', '');
  else {
    lines.push(
      table(
        ['Where', 'Entry', 'Finding', 'Rule'],
        report.missingTargets.map((finding) => [code(`${finding.file}:${finding.line}`), md(finding.control ?? finding.requirement ?? 'plan'), md(finding.message), code(finding.ruleId)]),
      ),
      '',
    );
  }

  lines.push('## Balance of the plan', '', 'Plant controls the plan implements, by their tags; "in place" = implemented or partial today.', '');
  for (const tag of ['dimension', 'stage', 'ownership'] as const) {
    const bars: BalanceBar[] = report.balance[tag];
    lines.push(
      `### ${balanceTitles[tag]}`,
      '',
      table(
        [tag === 'ownership' ? 'Owner' : 'Tag', 'Plant controls', 'In place', 'Which'],
        bars.map((item) => [md(ownerLabels[item.key] ?? item.key), String(item.referenced), String(item.inPlace), item.plantControls.map(code).join(', ')]),
        [1, 2],
      ),
      '',
    );
    const missing = bars.filter((item) => item.referenced === 0).map((item) => ownerLabels[item.key] ?? item.key);
    if (missing.length > 0) lines.push(`**No plant control in the plan for: ${md(missing.join(', '))}.**`, '');
  }
  lines.push(`### Controls owned jointly by IT and OT (${report.jointControls.length})`, '');
  if (report.jointControls.length === 0) lines.push('No plan control implements a jointly owned plant control.', '');
  else {
    lines.push(
      table(
        ['Control', 'Owner', 'Status', 'Joint plant controls', 'Where'],
        report.jointControls.map((control) => [`${code(control.control)} ${md(control.title)}`, md(control.owner ?? '—'), md(control.status ?? '—'), control.plantControls.map(code).join(', '), code(`${control.file}:${control.line}`)]),
      ),
      '',
    );
  }

  lines.push(`## Why requirements count (${report.covered.length})`, '');
  if (report.covered.length === 0) lines.push('No requirement has credit yet.', '');
  else {
    // Written so far, then the table row by row; the lines after it follow on a line of their own.
    yield `${lines.join('\n')}\n${tableHead(['Requirement', 'State', 'Current', 'Planned', 'Why'], [2, 3])}`;
    for (const requirement of report.covered) {
      const row = tableRow([
        `${code(requirement.id)} ${md(requirement.title)}${requirement.mandatory ? ' (mandatory)' : ''}`,
        `${requirement.state}${requirement.onlyPartialPaths ? ' (only partial paths)' : ''}`,
        percent(requirement.current),
        percent(requirement.planned),
        requirement.reasons
          .map((reason) => `${code(reason.control)} (${md(reason.status ?? 'no status')}): ${md(explainPath(reason))} → ${percent(reason.current)} now, ${percent(reason.planned)} planned`)
          .join('; '),
      ]);
      yield `\n${row}`;
    }
    yield '\n';
    lines = [''];
  }
  if (report.excluded.length > 0) {
    lines.push(
      `## Excluded in the Statement of Applicability (${report.excluded.length})`,
      '',
      table(
        ['Requirement', 'Justification', 'Where'],
        report.excluded.map((requirement) => [`${code(requirement.id)} ${md(requirement.title)}`, md(requirement.exclusion?.justification ?? ''), code(requirement.exclusion ? `${requirement.exclusion.file}:${requirement.exclusion.line}` : '')]),
      ),
      '',
    );
  }
  lines.push(`_Generated by ${md(report.tool.name)} ${md(report.tool.version)}._`, '');
  yield lines.join('\n');
}
