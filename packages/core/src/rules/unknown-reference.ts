/** An id that looks like a framework reference but names nothing in the loaded catalogs. */
import type { Fix, Rule } from './rule.js';
import { referencesNeedingAttention } from './plan-locations.js';

export const unknownReference: Rule = {
  id: 'unknown-reference',
  defaultSeverity: 'error',
  description: 'A reference looks like a framework id but does not exist (typo, wrong padding, invented id).',
  check({ plan, report }) {
    for (const reference of referencesNeedingAttention(plan)) {
      if (reference.resolution.status !== 'unknown') continue;
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
    }
  },
};
