/** Template text left unfilled ([Description], TBD, Yes / No) where a value is expected. */
import type { Rule } from './rule.js';

export const unfilledTemplate: Rule = {
  id: 'unfilled-template',
  defaultSeverity: 'warning',
  description: 'Template text ([Description], [DATE], TBD, Yes / No) is left where a value is expected.',
  check({ plan, report }) {
    for (const placeholder of plan.placeholders) {
      report({
        file: placeholder.file,
        range: placeholder.range,
        control: placeholder.entry?.id,
        message: `"${placeholder.text}" is unfilled template text${placeholder.entry ? ` in ${placeholder.entry.id}` : ''}; replace it with the real value.`,
      });
    }
  },
};
