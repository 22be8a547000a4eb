/** An id that looks like a framework reference but names nothing in the loaded catalogs. */
import type { Fix, ItemRule } from './rule.js';
import { referencesNeedingAttention, type PlanReference } from './plan-locations.js';

export const unknownReference: ItemRule<PlanReference> = {
  id: 'unknown-reference',
  defaultSeverity: 'error',
  description: 'A reference looks like a framework id but does not exist (typo, wrong padding, invented id).',
  items: referencesNeedingAttention,
  checkItem(reference, { report }) {
    if (reference.resolution.status !== 'unknown') return;
    const { suggestions } = reference.resolution;
    const fixes: Fix[] = suggestions.map((suggestion) => ({
      title: `Replace with ${suggestion}`,
      edits: [{ file: reference.file, range: reference.range, newText: suggestion }],
    }));
    report({
      file: reference.file,
      range: reference.range,
      control: reference.entry?.id,
      message: `Unknown reference "${reference.text}"${suggestions.length ? `; did you mean ${suggestions.join(', ')}?` : '.'}`,
      fix: fixes[0],
      alternativeFixes: fixes.slice(1),
    });
  },
};
