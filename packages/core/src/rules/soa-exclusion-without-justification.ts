/** An Annex A control excluded in the Statement of Applicability without a justification. */
import type { Rule } from './rule.js';

export const soaExclusionWithoutJustification: Rule = {
  id: 'soa-exclusion-without-justification',
  defaultSeverity: 'error',
  description: 'A control is excluded in the Statement of Applicability without a justification.',
  // The coverage analysis found the exclusions already (one pass over every entry is enough).
  check({ analysis, report }) {
    for (const { exclusion } of analysis.requirements) {
      if (!exclusion || exclusion.justified) continue;
      const entry = exclusion.entry;
      report({
        file: entry.file,
        range: entry.attributes.justification?.range ?? entry.range,
        requirement: entry.id,
        message: `${entry.id} is excluded as not applicable without a justification; ISO/IEC 27001 6.1.3 d) requires one for every exclusion.`,
      });
    }
  },
};
