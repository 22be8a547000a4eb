/** A citation that fits two nodes (`ISO 27001 8.1`: clause 8.1 or Annex A 8.1). */
import type { ItemRule } from './rule.js';
import { referencesNeedingAttention, type PlanReference } from './plan-locations.js';

export const ambiguousReference: ItemRule<PlanReference> = {
  id: 'ambiguous-reference',
  defaultSeverity: 'warning',
  description: 'A citation could mean two requirements (a clause and an Annex A control with the same number).',
  items: referencesNeedingAttention,
  checkItem(reference, { report }) {
    const resolution = reference.resolution;
    if (resolution.status !== 'known' || resolution.alternatives.length === 0) return;
    const chosen = resolution.node;
    const others = resolution.alternatives.map((node) => `${node.id} (${node.title})`).join(', ');
    const fixFor = (id: string, kind: string) => ({
      title: `Write ${kind === 'clause' ? `Clause ${id}` : id}`,
      edits: [{ file: reference.file, range: reference.range, newText: kind === 'clause' ? `Clause ${id}` : id }],
    });
    report({
      file: reference.file,
      range: reference.range,
      control: reference.entry?.id,
      message: `"${reference.text}" is read as ${chosen.id} (${chosen.title}) but could mean ${others}; write it unambiguously.`,
      fix: fixFor(chosen.id, chosen.kind),
      alternativeFixes: resolution.alternatives.map((node) => fixFor(node.id, node.kind)),
    });
  },
};
