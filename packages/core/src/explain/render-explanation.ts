/** Terminal text for `plantgap explain` (the JSON format prints the explanation data as it is). */
import { percent } from '../format/stylish.js';
import { explainPath, type ContributionReason } from '../report/contribution-reason.js';
import type { ControlExplanation, DeprecatedExplanation, Explanation, GroupExplanation, RelatedNode, RequirementExplanation } from './explain-id.js';

export function renderExplanationText(explanations: readonly Explanation[]): string {
  return `${explanations.map(render).join('\n\n')}\n`;
}

function render(explanation: Explanation): string {
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

function credit(current: number, planned: number): string {
  return `${percent(current)} now, ${percent(planned)} planned`;
}

function reasonLine(reason: ContributionReason): string {
  return `  ${reason.control} (${reason.status ?? 'no status'}): ${explainPath(reason)} → ${credit(reason.current, reason.planned)}  ${reason.file}:${reason.line}`;
}

/** `PC-SEG-01  Title  (plant-control mapping: PC-SEG-01 subset-of PR.IR-01, weight 0.5)`, the relationship read from the covering node. */
function relatedLine(related: RelatedNode, coveringId: string, coveredId: string): string {
  const origin = related.origin === 'plant-control' ? 'plant-control mapping' : 'crosswalk';
  return `  ${related.id}  ${related.title}  (${origin}: ${coveringId} ${related.relationship} ${coveredId}, weight ${related.pathWeight})${related.referencedByPlan ? '  [referenced in the plan]' : ''}`;
}

function renderRequirement(explanation: RequirementExplanation): string {
  const { node, profile } = explanation;
  const lines = [`${node.id} — ${node.title}`];
  const scope = profile.inScope ? `profile ${profile.id}: ${profile.mandatory ? 'mandatory' : 'advisory'}${profile.excludableInSoA ? ', excludable in the SoA' : ''}` : `not in profile ${profile.id}`;
  if (node.isPlantControl) {
    const tags = [node.dimension, node.stage, node.ownership === undefined ? undefined : `owned by ${node.ownership === 'joint' ? 'IT and OT jointly' : node.ownership.toUpperCase()}`].filter(Boolean);
    lines.push(`Plant control (${node.frameworkTitle})${tags.length > 0 ? ` · ${tags.join(', ')}` : ''}`);
  } else {
    lines.push(`${node.frameworkTitle} ${node.nodeKind} · ${scope}`);
  }
  if (profile.rationale) lines.push(`Why the profile asks for it: ${profile.rationale}`);
  if (node.summary) lines.push(`What it asks: ${node.summary}`);
  if (explanation.alternatives.length > 0) lines.push(`The id as written could also mean: ${explanation.alternatives.map((alternative) => `${alternative.id} (${alternative.framework})`).join(', ')}`);
  if (!node.isPlantControl) lines.push(`State: ${explanation.state ?? 'not scored'} · ${credit(explanation.current, explanation.planned)}`);
  lines.push('');
  if (explanation.covering.length > 0) lines.push(node.isPlantControl ? 'Implemented by:' : 'Covered by:', ...explanation.covering.map(reasonLine), '');
  if (explanation.withoutCredit.length > 0) lines.push('Referenced, but without credit:', ...explanation.withoutCredit.map(reasonLine), '');
  if (explanation.verdict.length > 0) lines.push(...explanation.verdict, '');
  if (node.isPlantControl && explanation.maps.length > 0) lines.push('Covers, once implemented:', ...explanation.maps.map((related) => relatedLine(related, node.id, related.id)), '');
  if (!node.isPlantControl && explanation.current < 1 && explanation.coveredThrough.length > 0) {
    lines.push('Could also be covered through:', ...explanation.coveredThrough.map((related) => relatedLine(related, related.id, node.id)), '');
  }
  return lines.join('\n').trimEnd();
}

function renderGroup(explanation: GroupExplanation): string {
  const { node } = explanation;
  const lines = [
    `${node.id} — ${node.title}`,
    `${node.frameworkTitle} ${node.nodeKind}: a group, not a requirement; references to it earn nothing. Its requirements (profile ${explanation.profile.id}):`,
    '',
  ];
  for (const requirement of explanation.requirements) {
    const scope = requirement.inScope ? (requirement.mandatory ? 'mandatory' : 'advisory') : 'not in profile';
    lines.push(`  ${requirement.id}  ${requirement.title}  — ${requirement.state ?? 'not scored'}, ${credit(requirement.current, requirement.planned)} (${scope})`);
  }
  return lines.join('\n');
}

function renderDeprecated(explanation: DeprecatedExplanation): string {
  const { node } = explanation;
  const replacement = explanation.successors.length > 0 ? `replaced by ${explanation.successors.map((successor) => `${successor.id} (${successor.framework})`).join(', ')}` : 'withdrawn without a successor';
  const lines = [`${node.id} is an id of ${node.frameworkTitle}, a superseded version: ${replacement}${node.change ? ` (${node.change})` : ''}.`, 'References to it earn nothing; cite the current id instead.'];
  for (const successor of explanation.explanations) lines.push('', render(successor));
  return lines.join('\n');
}

function renderControl(explanation: ControlExplanation): string {
  const lines = [`${explanation.id} — ${explanation.title}  (${explanation.file}:${explanation.line})`];
  lines.push(`Status: ${explanation.status ?? 'none'} · Owner: ${explanation.owner ?? 'none'} · Target: ${explanation.target ?? 'none'}`);
  lines.push('');
  const itemLine = (item: ControlExplanation['covers'][number]) => {
    const scope = item.inProfile ? (item.mandatory ? 'mandatory' : 'advisory') : 'not in profile';
    const path = item.path === 'direct' ? '' : ` via ${item.via} (${item.id} ${item.relationship ?? ''} ${item.via}, weight ${item.pathWeight})`;
    return `  ${item.id}  ${item.title} [${scope}]${path} → ${credit(item.current, item.planned)}  ${item.file}:${item.line}`;
  };
  if (explanation.covers.length === 0) lines.push('It covers nothing: it references no known requirement or plant control.', '');
  const sections = [
    ['direct', 'Direct references'],
    ['plant-control', 'Via plant-control mappings'],
    ['crosswalk', 'Via crosswalks'],
  ] as const;
  for (const [path, title] of sections) {
    const items = explanation.covers.filter((item) => item.path === path);
    if (items.length > 0) lines.push(`${title} (${items.length}; profile ${explanation.profile.id}):`, ...items.map(itemLine), '');
  }
  if (explanation.ignoredReferences.length > 0) {
    lines.push('References that earn nothing:', ...explanation.ignoredReferences.map((reference) => `  ${reference.text}  ${reference.file}:${reference.line}:${reference.column} — ${reference.note}`), '');
  }
  return lines.join('\n').trimEnd();
}
