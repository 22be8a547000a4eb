/**
 * The coverage report as one self-contained HTML page: no script at all, no remote fonts, images
 * or styles; inline SVG charts each followed by a table of the same numbers; a strict Content
 * Security Policy in a meta tag. Every piece of plan or framework text goes through escapeHtml.
 * Plan text is never turned into a link, so a `javascript:` evidence URL stays inert text.
 */
import type { CoverageState } from '../analyze/coverage-model.js';
import type { BalanceBar, CoverageReport, ReportFramework, ReportRequirement } from './build-coverage-report.js';
import { percent } from '../format/stylish.js';
import { explainPath, type ContributionReason } from './contribution-reason.js';
import { escapeHtml } from './escape-html.js';
import { countBarChart, coverageBarChart } from './svg-charts.js';
import { inChunks } from '../format/text-chunks.js';

export interface HtmlReportOptions {
  /**
   * The Content-Security-Policy put in the page's meta tag. Default:
   * `default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`
   * (with `styleNonce`: `style-src 'nonce-…'` instead of `'unsafe-inline'`). A VS Code webview passes
   * its own, e.g. `default-src 'none'; style-src ${webview.cspSource} 'nonce-…'; img-src data:`.
   */
  contentSecurityPolicy?: string;
  /** A nonce put on the page's one <style> element, for policies that allow styles by nonce. */
  styleNonce?: string;
}

/** The policy used when none is given: nothing may load or run; only the inline stylesheet applies. */
export function defaultContentSecurityPolicy(styleNonce?: string): string {
  const styles = styleNonce === undefined ? "'unsafe-inline'" : `'nonce-${styleNonce}'`;
  return `default-src 'none'; style-src ${styles}; img-src data:; base-uri 'none'; form-action 'none'`;
}

const stylesheet = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --current: #1f5f8b; --planned: #a9cbe4; --track: #f0f3f6; --bad: #a40e26; --warn: #7d4e00; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 24px; }
h1 { font-size: 1.6em; margin: 0 0 4px; } h2 { font-size: 1.25em; border-bottom: 1px solid var(--line); padding-bottom: 4px; margin-top: 32px; } h3 { font-size: 1.05em; }
.meta, .note { color: var(--muted); }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; min-width: 170px; }
.card .big { font-size: 1.6em; font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 0.93em; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--track); }
td.num { text-align: right; white-space: nowrap; }
.chart { max-width: 100%; height: auto; display: block; margin: 8px 0; }
.chart .label, .chart .value { font: 12px system-ui, sans-serif; fill: var(--ink); }
.chart .track { fill: var(--track); stroke: var(--line); }
.chart .planned { fill: var(--planned); }
.chart .current { fill: var(--current); }
.legend span { display: inline-block; width: 12px; height: 12px; vertical-align: -1px; margin: 0 4px 0 12px; border: 1px solid var(--line); }
.legend .current { background: var(--current); } .legend .planned { background: var(--planned); }
.mandatory { color: var(--bad); font-weight: 600; }
.state-uncovered { color: var(--bad); } .state-partial, .state-planned { color: var(--warn); }
ul.reasons { margin: 0; padding-left: 18px; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.95em; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2 { break-after: avoid; } tr, .card, svg { break-inside: avoid; }
  .chart .current, .chart .planned, .legend span { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;

/** Renders the report as a complete HTML document. */
export function renderHtmlReport(report: CoverageReport, options: HtmlReportOptions = {}): string {
  return [...renderHtmlReportChunks(report, options)].join('');
}

/**
 * The document of {@link renderHtmlReport} in chunks, made as they are written: on large plans the
 * "why requirements count" table lists every contributing entry of every requirement (tens of
 * megabytes), and it is then never held as one string.
 */
export function renderHtmlReportChunks(report: CoverageReport, options: HtmlReportOptions = {}): Generator<string, void, undefined> {
  return inChunks(htmlPieces(report, options));
}

function* htmlPieces(report: CoverageReport, options: HtmlReportOptions): Generator<string, void, undefined> {
  const policy = options.contentSecurityPolicy ?? defaultContentSecurityPolicy(options.styleNonce);
  const nonce = options.styleNonce === undefined ? '' : ` nonce="${escapeHtml(options.styleNonce)}"`;
  yield `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(policy)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${text(`Coverage report — ${report.title}`)}</title>
<style${nonce}>${stylesheet}</style>
</head>
<body>
`;
  yield `${header(report)}\n`;
  yield `${coverageSection(report)}\n`;
  yield `${gapsSection(report)}\n`;
  yield `${targetsSection(report)}\n`;
  yield `${balanceSection(report)}\n`;
  yield* coveredSection(report);
  yield `\n${excludedSection(report)}\n`;
  yield `<footer class="note"><p>Generated by ${text(report.tool.name)} ${text(report.tool.version)}. Coverage method: docs/scoring.md. Current = implemented work (partial counts half); planned = once planned and partial work is done.</p></footer>`;
  yield `
</body>
</html>
`;
}

const text = escapeHtml;

function header(report: CoverageReport): string {
  const { summary } = report;
  const cards = report.frameworks
    .map((framework) => `<div class="card"><div>${text(framework.title)}</div><div class="big">${percent(framework.current)}</div><div class="note">now · ${percent(framework.planned)} planned · ${framework.requirements} requirements</div></div>`)
    .join('');
  const mandatoryGaps = report.gaps.filter((gap) => gap.mandatory).length;
  return `<header>
<h1>${text(`Coverage report — ${report.title}`)}</h1>
<p class="meta">Profile <strong>${text(report.profile.id)}</strong> (${text(report.profile.title)}) · plan files: ${report.files.map((file) => `<code>${text(file)}</code>`).join(', ')}</p>
<div class="cards">${cards}<div class="card"><div>Mandatory gaps</div><div class="big">${mandatoryGaps}</div><div class="note">${report.gaps.length} gaps in all</div></div><div class="card"><div>Findings</div><div class="big">${summary.errors}</div><div class="note">errors · ${summary.warnings} warnings · ${summary.infos} infos</div></div></div>
</header>`;
}

function legend(): string {
  return '<p class="legend note" aria-hidden="true"><span class="current"></span>current (in place now)<span class="planned"></span>planned (once planned work is done)</p>';
}

function chartId(prefix: string, id: string): string {
  return `${prefix}-${id.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

function coverageSection(report: CoverageReport): string {
  const parts = ['<section id="coverage"><h2>Coverage: current and planned</h2>', legend()];
  for (const framework of report.frameworks) parts.push(frameworkCoverage(framework));
  parts.push('</section>');
  return parts.join('\n');
}

function frameworkCoverage(framework: ReportFramework): string {
  const bars = framework.groups.map((group) => ({
    label: `${group.id} ${group.title}`,
    detail: `${percent(group.current)} now, ${percent(group.planned)} planned, ${group.requirements} requirements`,
    current: group.current,
    planned: group.planned,
  }));
  const title = `${framework.title}: coverage per ${framework.groups.map((group) => group.kind).filter((kind, index, all) => all.indexOf(kind) === index).join(' and ')}`;
  const rows = framework.groups
    .map((group) => `<tr><td><code>${text(group.id)}</code> ${text(group.title)}</td><td class="num">${percent(group.current)}</td><td class="num">${percent(group.planned)}</td><td class="num">${group.requirements}</td></tr>`)
    .join('');
  return `<h3>${text(framework.title)} — ${percent(framework.current)} now, ${percent(framework.planned)} planned (${framework.requirements} requirements)</h3>
${bars.length > 0 ? coverageBarChart(chartId('coverage', framework.id), title, bars) : '<p class="note">No requirements of this framework are in scope.</p>'}
<table><caption class="note">${text(title)}</caption><thead><tr><th scope="col">Group</th><th scope="col">Current</th><th scope="col">Planned</th><th scope="col">Requirements</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function gapsSection(report: CoverageReport): string {
  if (report.gaps.length === 0) return '<section id="gaps"><h2>Gaps</h2><p>No gaps: every requirement in scope has credit now.</p></section>';
  const rows = report.gaps
    .map(
      (gap) =>
        `<tr><td><code>${text(gap.id)}</code></td><td>${text(gap.title)}</td><td>${gap.mandatory ? '<span class="mandatory">mandatory</span>' : 'advisory'}</td><td>${text(gap.framework)}</td><td>${gap.plannedBy.length > 0 ? `planned in ${gap.plannedBy.map((id) => `<code>${text(id)}</code>`).join(', ')}` : 'nothing in the plan yet'}</td></tr>`,
    )
    .join('\n');
  const mandatory = report.gaps.filter((gap) => gap.mandatory).length;
  return `<section id="gaps"><h2>Gaps (${report.gaps.length}, ${mandatory} mandatory)</h2>
<p class="note">Requirements with no credit today, mandatory ones first.</p>
<table><thead><tr><th scope="col">Requirement</th><th scope="col">Title</th><th scope="col">Priority</th><th scope="col">Framework</th><th scope="col">Plan</th></tr></thead><tbody>
${rows}
</tbody></table></section>`;
}

function targetsSection(report: CoverageReport): string {
  const target = (label: string, value: CoverageReport['targets']['securityLevel']) =>
    `<tr><th scope="row">${label}</th><td>${value ? `${text(value.value)} <span class="note">(${value.source === 'plan' ? `set in ${text(value.file ?? '')}:${value.line ?? ''}` : `profile default; the plan sets none`})</span>` : '<span class="state-uncovered">not set</span>'}</td></tr>`;
  const findings = report.missingTargets
    .map((finding) => `<tr><td><code>${text(`${finding.file}:${finding.line}`)}</code></td><td>${text(finding.control ?? finding.requirement ?? 'plan')}</td><td>${text(finding.message)}</td><td><code>${text(finding.ruleId)}</code></td></tr>`)
    .join('\n');
  return `<section id="targets"><h2>Targets</h2>
<table><tbody>${target('Target security level (IEC 62443 SL-T)', report.targets.securityLevel)}${target('NIST CSF implementation tier', report.targets.csfTier)}</tbody></table>
<h3>Missing targets (${report.missingTargets.length})</h3>
${report.missingTargets.length === 0 ? '<p>Every control that is not done yet says by when and to which level.</p>' : `<table><thead><tr><th scope="col">Where</th><th scope="col">Entry</th><th scope="col">Finding</th><th scope="col">Rule</th></tr></thead><tbody>\n${findings}\n</tbody></table>`}
</section>`;
}

const balanceTitles = { dimension: 'People, process and technology', stage: 'Prevention, detection and persistence', ownership: 'Ownership: IT, OT or joint' } as const;
const balanceLabels: Record<string, string> = { it: 'IT', ot: 'OT', joint: 'joint (IT and OT)' };

function balanceSection(report: CoverageReport): string {
  const parts = [
    '<section id="balance"><h2>Balance of the plan</h2>',
    '<p class="note">Plant controls the plan implements (via <code>Implements</code> or any reference), by their tags; dark = implemented or partial today.</p>',
  ];
  for (const tag of ['dimension', 'stage', 'ownership'] as const) {
    const bars: BalanceBar[] = report.balance[tag];
    const label = (bar: BalanceBar) => balanceLabels[bar.key] ?? bar.key;
    parts.push(
      `<h3>${balanceTitles[tag]}</h3>`,
      countBarChart(chartId('balance', tag), balanceTitles[tag], bars.map((bar) => ({ label: label(bar), total: bar.referenced, part: bar.inPlace }))),
      `<table><thead><tr><th scope="col">${tag === 'ownership' ? 'Owner' : 'Tag'}</th><th scope="col">Plant controls</th><th scope="col">In place</th><th scope="col">Which</th></tr></thead><tbody>${bars
        .map((bar) => `<tr><td>${text(label(bar))}</td><td class="num">${bar.referenced}</td><td class="num">${bar.inPlace}</td><td>${bar.plantControls.map((id) => `<code>${text(id)}</code>`).join(', ')}</td></tr>`)
        .join('')}</tbody></table>`,
    );
    const missing = bars.filter((bar) => bar.referenced === 0).map(label);
    if (missing.length > 0) parts.push(`<p class="state-uncovered">No plant control in the plan for: ${text(missing.join(', '))}.</p>`);
  }
  const joint = report.jointControls
    .map(
      (control) =>
        `<tr><td><code>${text(control.control)}</code> ${text(control.title)}</td><td>${text(control.owner ?? '—')}</td><td>${text(control.status ?? '—')}</td><td>${control.plantControls.map((id) => `<code>${text(id)}</code>`).join(', ')}</td><td><code>${text(`${control.file}:${control.line}`)}</code></td></tr>`,
    )
    .join('\n');
  parts.push(
    `<h3>Controls owned jointly by IT and OT (${report.jointControls.length})</h3>`,
    report.jointControls.length === 0
      ? '<p>No plan control implements a jointly owned plant control.</p>'
      : `<table><thead><tr><th scope="col">Control</th><th scope="col">Owner</th><th scope="col">Status</th><th scope="col">Joint plant controls</th><th scope="col">Where</th></tr></thead><tbody>\n${joint}\n</tbody></table>`,
    '</section>',
  );
  return parts.join('\n');
}

const stateLabels: Record<CoverageState, string> = { covered: 'covered', partial: 'partial', planned: 'planned', uncovered: 'uncovered', excluded: 'excluded' };

function reasonItem(reason: ContributionReason): string {
  return `<li><code>${text(reason.control)}</code> ${text(reason.controlTitle)} (${text(reason.status ?? 'no status')}): ${text(explainPath(reason))} → ${percent(reason.current)} now, ${percent(reason.planned)} planned <span class="note">${text(`${reason.file}:${reason.line}`)}</span></li>`;
}

/** The section row by row: it holds a row per requirement with credit and every entry giving it. */
function* coveredSection(report: CoverageReport): Generator<string, void, undefined> {
  if (report.covered.length === 0) {
    yield '<section id="covered"><h2>Why requirements count</h2><p>No requirement has credit yet.</p></section>';
    return;
  }
  yield `<section id="covered"><h2>Why requirements count (${report.covered.length})</h2>
<p class="note">Every requirement with credit now or once planned work is done, with each plan entry that gives it and the path: a direct reference, a plant control's mapping, or a crosswalk relationship (weight 1 for equal/full, 0.5 for partial relationships).</p>
<table><thead><tr><th scope="col">Requirement</th><th scope="col">State</th><th scope="col">Current</th><th scope="col">Planned</th><th scope="col">Why</th></tr></thead><tbody>
`;
  let first = true;
  for (const requirement of report.covered) {
    const note = requirement.onlyPartialPaths ? ' <span class="note">(only through partial paths)</span>' : '';
    if (!first) yield '\n';
    first = false;
    yield `<tr><td><code>${text(requirement.id)}</code> ${text(requirement.title)}${requirement.mandatory ? ' <span class="mandatory">mandatory</span>' : ''}</td><td class="state-${requirement.state}">${stateLabels[requirement.state]}${note}</td><td class="num">${percent(requirement.current)}</td><td class="num">${percent(requirement.planned)}</td><td><ul class="reasons">`;
    for (const reason of requirement.reasons) yield reasonItem(reason);
    yield '</ul></td></tr>';
  }
  yield `
</tbody></table></section>`;
}

function excludedSection(report: CoverageReport): string {
  if (report.excluded.length === 0) return '';
  const rows = report.excluded
    .map((requirement) => `<tr><td><code>${text(requirement.id)}</code> ${text(requirement.title)}</td><td>${text(requirement.exclusion?.justification ?? '')}</td><td><code>${text(requirement.exclusion ? `${requirement.exclusion.file}:${requirement.exclusion.line}` : '')}</code></td></tr>`)
    .join('\n');
  return `<section id="excluded"><h2>Excluded in the Statement of Applicability (${report.excluded.length})</h2>
<table><thead><tr><th scope="col">Requirement</th><th scope="col">Justification</th><th scope="col">Where</th></tr></thead><tbody>
${rows}
</tbody></table></section>`;
}
