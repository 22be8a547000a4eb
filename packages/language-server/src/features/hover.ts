/**
 * Hover on a framework reference (CSF, ISO 27001, plant control, old ids) or a plan control: what
 * it is, in plantgap's own words from the catalogs, its place in the profile, and what in the plan
 * covers it and why — the same explanation as `plantgap explain`, laid out as Markdown.
 */
import {
  escapeMarkdown,
  explainId,
  explainPath,
  markdownCode,
  type ContributionReason,
  type ControlExplanation,
  type DeprecatedExplanation,
  type Explanation,
  type GroupExplanation,
  type RequirementExplanation,
} from '@plantgap/core';
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import type { DocumentAnalysis } from '../plan-analyses.js';
import { targetAt } from '../plan-lookup.js';
import { toCorePosition, toLspRange } from '../lsp-ranges.js';

/** Lists in a hover stop here; the rest is counted. */
const listLimit = 8;

export function provideHover(params: HoverParams, { result, file }: DocumentAnalysis): Hover | null {
  const analysis = result.analysis;
  if (!analysis) return null;
  const target = targetAt(analysis.plan, file.path, toCorePosition(params.position, file.document));
  if (!target) return null;
  const id = target.kind === 'reference' ? target.occurrence.text : target.entry.id;
  const range = target.kind === 'reference' ? target.occurrence.range : target.entry.idRange;
  const explained = explainId(id, { analysis, knowledgeBase: result.context.knowledgeBase });
  if (!explained.ok) {
    const suggestions = explained.suggestions.length > 0 ? `\n\nDid you mean ${explained.suggestions.map(code).join(', ')}?` : '';
    return markdownHover(`${escapeMarkdown(explained.message)}.${suggestions}`, toLspRange(range, file.document));
  }
  // A control id written more than once explains each; the one under the cursor first.
  const explanations =
    target.kind === 'entry' ? [...explained.explanations].sort((a, b) => Number(!isEntry(a, target.entry.file, target.entry.range.start.line)) - Number(!isEntry(b, target.entry.file, target.entry.range.start.line))) : explained.explanations;
  return markdownHover(explanations.slice(0, 2).map(renderExplanation).join('\n\n---\n\n'), toLspRange(range, file.document));
}

function isEntry(explanation: Explanation, file: string, line: number): boolean {
  return explanation.kind === 'control' && explanation.file === file && explanation.line === line;
}

function markdownHover(value: string, range: Hover['range']): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, range };
}

export function renderExplanation(explanation: Explanation): string {
  switch (explanation.kind) {
    case 'requirement':
      return renderRequirement(explanation);
    case 'group':
      return renderGroup(explanation);
    case 'deprecated':
      return renderDeprecated(explanation);
    case 'control':
      return renderControl(explanation);
  }
}

const code = markdownCode;

function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

function limited<T>(items: readonly T[], render: (item: T) => string): string[] {
  const lines = items.slice(0, listLimit).map(render);
  if (items.length > listLimit) lines.push(`- … and ${items.length - listLimit} more`);
  return lines;
}

function reasonLine(reason: ContributionReason): string {
  return `- ${code(reason.control)} (${reason.status ?? 'no status'}): ${escapeMarkdown(explainPath(reason))} → ${percent(reason.current)} now, ${percent(reason.planned)} planned`;
}

function renderRequirement(explanation: RequirementExplanation): string {
  const { node, profile } = explanation;
  const lines = [`**${escapeMarkdown(node.id)}** — ${escapeMarkdown(node.title)}`, ''];
  if (node.isPlantControl) {
    const tags = [node.dimension, node.stage, node.ownership].filter((tag) => tag !== undefined);
    lines.push(`*Plant control · ${escapeMarkdown(node.frameworkTitle)}${tags.length > 0 ? ` · ${escapeMarkdown(tags.join(', '))}` : ''}*`);
  } else {
    const scope = profile.inScope ? `${profile.mandatory ? 'mandatory' : 'advisory'} in profile ${code(profile.id)}` : `not in profile ${code(profile.id)}`;
    lines.push(`*${escapeMarkdown(node.frameworkTitle)} ${escapeMarkdown(node.nodeKind)} · ${scope}*`);
  }
  if (node.summary) lines.push('', escapeMarkdown(node.summary));
  if (profile.rationale) lines.push('', `Why the profile asks for it: ${escapeMarkdown(profile.rationale)}`);
  if (explanation.alternatives.length > 0) {
    lines.push('', `The id as written could also mean ${explanation.alternatives.map((alternative) => `${code(alternative.id)} (${escapeMarkdown(alternative.framework)})`).join(', ')}.`);
  }
  if (!node.isPlantControl) lines.push('', `**Coverage:** ${explanation.state ?? 'not scored'} · ${percent(explanation.current)} now, ${percent(explanation.planned)} planned`);
  if (explanation.covering.length > 0) lines.push('', node.isPlantControl ? 'Implemented by:' : 'Covered by:', ...limited(explanation.covering, reasonLine));
  if (explanation.withoutCredit.length > 0) lines.push('', 'Referenced, without credit:', ...limited(explanation.withoutCredit, reasonLine));
  if (node.isPlantControl && explanation.maps.length > 0) {
    lines.push('', 'Covers, once implemented:', ...limited(explanation.maps, (related) => `- ${code(related.id)} ${escapeMarkdown(related.title)} (${related.relationship}, weight ${related.pathWeight})`));
  }
  if (explanation.verdict.length > 0) lines.push('', ...explanation.verdict.map(escapeMarkdown));
  return lines.join('\n');
}

function renderGroup(explanation: GroupExplanation): string {
  const { node } = explanation;
  const lines = [
    `**${escapeMarkdown(node.id)}** — ${escapeMarkdown(node.title)}`,
    '',
    `*${escapeMarkdown(node.frameworkTitle)} ${escapeMarkdown(node.nodeKind)}: a group, not a requirement; a reference to it earns nothing. Reference the requirements under it:*`,
    '',
    ...limited(explanation.requirements, (requirement) => {
      const scope = requirement.inScope ? (requirement.mandatory ? 'mandatory' : 'advisory') : 'not in profile';
      return `- ${code(requirement.id)} ${escapeMarkdown(requirement.title)} — ${requirement.state ?? 'not scored'}, ${percent(requirement.current)} now (${scope})`;
    }),
  ];
  return lines.join('\n');
}

function renderDeprecated(explanation: DeprecatedExplanation): string {
  const { node } = explanation;
  const replacement =
    explanation.successors.length > 0
      ? `replaced by ${explanation.successors.map((successor) => `${code(successor.id)} ${escapeMarkdown(successor.title)}`).join(', ')}`
      : 'withdrawn without a successor';
  const lines = [
    `**${escapeMarkdown(node.id)}** — ${escapeMarkdown(node.title)}`,
    '',
    `*${escapeMarkdown(node.frameworkTitle)}, a superseded version:* ${replacement}${node.change ? ` (${escapeMarkdown(node.change)})` : ''}. A reference to it earns nothing until updated.`,
  ];
  const [first] = explanation.explanations;
  if (first) lines.push('', '---', '', renderExplanation(first));
  return lines.join('\n');
}

function renderControl(explanation: ControlExplanation): string {
  const lines = [`**${escapeMarkdown(explanation.id)}** — ${escapeMarkdown(explanation.title)}`, ''];
  const facts = [`Status: ${explanation.status ?? 'none'}`, `Owner: ${explanation.owner ?? 'none'}`, `Target: ${explanation.target ?? 'none'}`];
  lines.push(facts.map(escapeMarkdown).join(' · '));
  const inProfile = explanation.covers.filter((item) => item.inProfile);
  if (explanation.covers.length === 0) {
    lines.push('', 'It covers nothing: it references no known requirement or plant control.');
  } else {
    lines.push('', `Covers ${inProfile.length} requirement${inProfile.length === 1 ? '' : 's'} of profile ${code(explanation.profile.id)}${explanation.covers.length > inProfile.length ? ` (and ${explanation.covers.length - inProfile.length} outside it)` : ''}:`);
    lines.push(
      ...limited(inProfile.length > 0 ? inProfile : explanation.covers, (item) => {
        const path = item.path === 'direct' ? 'direct' : `via ${code(item.via)} (${item.relationship ?? ''}, weight ${item.pathWeight})`;
        return `- ${code(item.id)} ${escapeMarkdown(item.title)}${item.mandatory ? ' **mandatory**' : ''} — ${path}, ${percent(item.current)} now`;
      }),
    );
  }
  if (explanation.ignoredReferences.length > 0) {
    lines.push('', 'References that earn nothing:', ...limited(explanation.ignoredReferences, (reference) => `- ${code(reference.text)}: ${escapeMarkdown(reference.note)}`));
  }
  return lines.join('\n');
}
