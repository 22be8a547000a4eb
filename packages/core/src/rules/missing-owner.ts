/** A control without an owner: nobody is accountable for it. */
import { attributeFix } from './plan-locations.js';
import type { Rule } from './rule.js';

export const missingOwner: Rule = {
  id: 'missing-owner',
  defaultSeverity: 'warning',
  description: 'A control names no Owner.',
  check({ plan, report }) {
    for (const entry of plan.entries) {
      if (entry.kind !== 'control' || entry.status === 'not-applicable') continue;
      const owner = entry.attributes.owner;
      if (owner && (owner.placeholder || owner.value.trim() !== '')) continue;
            report({
        file: entry.file,
        range: owner?.range ?? entry.idRange,
        control: entry.id,
        message: `${entry.id} has no owner; name the role accountable for it (e.g. "OT network lead").`,
        fix: attributeFix(plan, entry, 'owner', 'Owner', 'TBD'),
      });
    }
  },
};
