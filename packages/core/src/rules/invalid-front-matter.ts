/** Front matter that is not valid YAML or whose `plantgap:` block is malformed. */
import type { Rule } from './rule.js';

export const invalidFrontMatter: Rule = {
  id: 'invalid-front-matter',
  defaultSeverity: 'error',
  description: 'The plan front matter is not valid YAML, or its plantgap block has an unknown key or a bad value.',
  check({ plan, report }) {
    for (const notice of plan.notices) {
      if (notice.ruleId !== 'invalid-front-matter') continue;
      report({ file: notice.file, range: notice.range, message: notice.message });
    }
  },
};
