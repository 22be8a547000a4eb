/** An Annex A control excluded in the Statement of Applicability without a justification. */
import { findExclusions } from '../analyze/score-coverage.js';
import type { Rule } from './rule.js';

export const soaExclusionWithoutJustification: Rule = {
  id: 'soa-exclusion-without-justification',
  defaultSeverity: 'error',
  description: 'A control is excluded in the Statement of Applicability without a justification.',
  check({ plan, profile, report }) {
    for (const { entry, justified } of findExclusions(plan, profile).values()) {
      if (justified) continue;
      report({
        file: entry.file,
        range: entry.attributes.justification?.range ?? entry.range,
        requirement: entry.id,
        message: `${entry.id} is excluded as not applicable without a justification; ISO/IEC 27001 6.1.3 d) requires one for every exclusion.`,
      });
    }
  },
};
