/** A file that was given as a plan but could not be read as one (binary, not UTF-8, over a limit). */
import type { Rule } from './rule.js';

export const unreadableFile: Rule = {
  id: 'unreadable-file',
  defaultSeverity: 'warning',
  description: 'A plan file was skipped: binary, not UTF-8, larger than limits.maxFileBytes or with a line over limits.maxLineLength.',
  check({ plan, report }) {
    for (const notice of plan.notices) {
      if (notice.ruleId === 'unreadable-file') report({ file: notice.file, range: notice.range, message: notice.message });
    }
  },
};
