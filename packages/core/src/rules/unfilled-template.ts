/** Template text left unfilled ([Description], TBD, Yes / No) where a value is expected. */
import type { Plan } from '../parse/plan-model.js';
import type { ItemRule } from './rule.js';

export const unfilledTemplate: ItemRule<Plan['placeholders'][number]> = {
  id: 'unfilled-template',
  defaultSeverity: 'warning',
  description: 'Template text ([Description], [DATE], TBD, Yes / No) is left where a value is expected.',
  items: (plan) => plan.placeholders,
  checkItem(placeholder, { report }) {
    report({
      file: placeholder.file,
      range: placeholder.range,
      control: placeholder.entry?.id,
      message: `"${placeholder.text}" is unfilled template text${placeholder.entry ? ` in ${placeholder.entry.id}` : ''}; replace it with the real value.`,
    });
  },
};
