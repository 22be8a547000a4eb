/**
 * The Statement of Applicability in three shapes: a Markdown table (GitHub), CSV for spreadsheets
 * (RFC 4180, CRLF line ends, every field quoted; cells starting with = + - @ tab or CR get a
 * leading ' so a spreadsheet never runs plan text as a formula) and JSON.
 */
import { stringify } from 'csv-stringify/sync';
import { explainPath, type ContributionReason } from '../report/contribution-reason.js';
import { escapeMarkdown } from '../format/escape-markdown.js';
import type { SoaRow, SoaStatus, StatementOfApplicability } from './build-statement-of-applicability.js';

const statusLabels: Record<SoaStatus, string> = {
  implemented: 'implemented',
  partial: 'partial',
  planned: 'planned',
  'not-addressed': 'not addressed',
  'not-applicable': 'not applicable',
};

/** `OT-SEG-01 (direct reference)`, one per plan entry, best first. */
function implementers(row: SoaRow, format: (reason: ContributionReason) => string): string[] {
  const seen = new Set<string>();
  const list: string[] = [];
  for (const reason of row.implementedBy) {
    if (seen.has(reason.control)) continue;
    seen.add(reason.control);
    list.push(format(reason));
  }
  return list;
}

function plainImplementer(reason: ContributionReason): string {
  const what = reason.entryKind === 'requirement' ? 'stated in the SoA/profile row' : explainPath(reason);
  return `${reason.control} (${reason.status ?? 'no status'}): ${what}`;
}

export function renderSoaMarkdown(soa: StatementOfApplicability): string {
  const md = escapeMarkdown;
  const { summary } = soa;
  const lines = [
    `# Statement of Applicability — ${md(soa.title)}`,
    '',
    `${md(soa.framework.title)} Annex A · profile **${md(soa.profile.id)}** · plan files: ${soa.files.map(md).join(', ')}`,
    '',
    `${summary.controls} controls: ${summary.applicable} applicable, ${summary.excluded} excluded · ${summary.implemented} implemented, ${summary.partial} partial, ${summary.planned} planned, ${summary['not-addressed']} not addressed`,
    '',
    '| Control | Title | Applicable | Status | Implemented by | Justification | Notes |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of soa.controls) {
    const justification = row.justificationSource === 'derived' ? `_${md(row.justification)}_` : md(row.justification);
    lines.push(
      `| ${md(row.control)} | ${md(row.title)} | ${row.applicable ? 'Yes' : 'No'} | ${statusLabels[row.status]} | ${implementers(row, (reason) => md(plainImplementer(reason))).join('; ') || '—'} | ${justification || '—'} | ${row.notes.map(md).join('; ')} |`,
    );
  }
  lines.push('', 'Justifications in _italics_ are derived by plantgap from the plan (what implements the control); the others are the plan\'s own.', '');
  return lines.join('\n');
}

/** Columns of the CSV, in order. */
export const soaCsvColumns = ['Control', 'Title', 'Theme', 'Applicable', 'Status', 'Implemented by', 'Justification', 'Justification source', 'Mandatory in profile', 'Notes', 'Source'] as const;

export function renderSoaCsv(soa: StatementOfApplicability): string {
  const records = soa.controls.map((row) => [
    row.control,
    row.title,
    `${row.theme} ${row.themeTitle}`.trim(),
    row.applicable ? 'Yes' : 'No',
    statusLabels[row.status],
    implementers(row, plainImplementer).join('; '),
    row.justification,
    row.justificationSource,
    row.profile.mandatory ? 'Yes' : 'No',
    row.notes.join('; '),
    row.source ? `${row.source.file}:${row.source.line}` : '',
  ]);
  return stringify([[...soaCsvColumns], ...records], { quoted: true, quoted_empty: true, record_delimiter: 'windows', escape_formulas: true });
}

export function renderSoaJson(soa: StatementOfApplicability): string {
  return `${JSON.stringify(soa, null, 2)}\n`;
}
