/**
 * Inline SVG bar charts for the HTML report: no script, no external resource, every label escaped.
 * Each chart carries a <title> and <desc> (read by screen readers) and is paired by the renderer
 * with a table of the same numbers, so the figures survive printing in black and white.
 */
import { escapeHtml } from './escape-html.js';

export interface CoverageBar {
  label: string;
  /** Shown in the tooltip and the description. */
  detail: string;
  current: number;
  planned: number;
}

export interface CountBar {
  label: string;
  /** Total count (the light bar). */
  total: number;
  /** The part of it that is in place (the dark bar). */
  part: number;
}

const labelWidth = 210;
const barWidth = 300;
const rowHeight = 26;
const valueWidth = 150;
const width = labelWidth + barWidth + valueWidth;

/** Cuts long labels so they fit the label column; the full text stays in the tooltip. */
function fit(label: string, limit = 30): string {
  return label.length > limit ? `${label.slice(0, limit - 1)}…` : label;
}

function svgOpen(id: string, title: string, description: string, rows: number): string {
  const height = rows * rowHeight + 8;
  return (
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" aria-labelledby="${id}-title ${id}-desc">` +
    `<title id="${id}-title">${escapeHtml(title)}</title><desc id="${id}-desc">${escapeHtml(description)}</desc>`
  );
}

/**
 * Coverage per group: the light bar is planned coverage, the dark bar drawn over it is current
 * coverage; a scale line marks 100 %.
 */
export function coverageBarChart(id: string, title: string, bars: readonly CoverageBar[]): string {
  const description = bars.map((bar) => `${bar.label}: ${Math.round(bar.current * 100)}% now, ${Math.round(bar.planned * 100)}% planned`).join('; ');
  const parts = [svgOpen(id, title, description, bars.length)];
  bars.forEach((bar, index) => {
    const y = index * rowHeight + 4;
    const current = Math.round(Math.max(0, Math.min(1, bar.current)) * barWidth);
    const planned = Math.round(Math.max(0, Math.min(1, bar.planned)) * barWidth);
    parts.push(
      `<g><title>${escapeHtml(`${bar.label} — ${bar.detail}`)}</title>` +
        `<text x="0" y="${y + 16}" class="label">${escapeHtml(fit(bar.label))}</text>` +
        `<rect x="${labelWidth}" y="${y + 3}" width="${barWidth}" height="16" class="track"/>` +
        `<rect x="${labelWidth}" y="${y + 3}" width="${planned}" height="16" class="planned"/>` +
        `<rect x="${labelWidth}" y="${y + 3}" width="${current}" height="16" class="current"/>` +
        `<text x="${labelWidth + barWidth + 8}" y="${y + 16}" class="value">${Math.round(bar.current * 100)}% · ${Math.round(bar.planned * 100)}% planned</text></g>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

/** Counts per tag: the light bar is the total, the dark bar the part in place; bars scale to the largest total. */
export function countBarChart(id: string, title: string, bars: readonly CountBar[]): string {
  const largest = Math.max(1, ...bars.map((bar) => bar.total));
  const description = bars.map((bar) => `${bar.label}: ${bar.total} referenced, ${bar.part} in place`).join('; ');
  const parts = [svgOpen(id, title, description, bars.length)];
  bars.forEach((bar, index) => {
    const y = index * rowHeight + 4;
    const total = Math.round((bar.total / largest) * barWidth);
    const part = Math.round((bar.part / largest) * barWidth);
    parts.push(
      `<g><title>${escapeHtml(`${bar.label}: ${bar.total} referenced, ${bar.part} in place`)}</title>` +
        `<text x="0" y="${y + 16}" class="label">${escapeHtml(fit(bar.label))}</text>` +
        `<rect x="${labelWidth}" y="${y + 3}" width="${barWidth}" height="16" class="track"/>` +
        `<rect x="${labelWidth}" y="${y + 3}" width="${total}" height="16" class="planned"/>` +
        `<rect x="${labelWidth}" y="${y + 3}" width="${part}" height="16" class="current"/>` +
        `<text x="${labelWidth + barWidth + 8}" y="${y + 16}" class="value">${bar.part} of ${bar.total} in place</text></g>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
