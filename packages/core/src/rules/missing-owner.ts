/** A control without an owner: nobody is accountable for it. */
import { attributeFix } from './plan-locations.js';
import type { EntryRule } from './rule.js';
import { isStated } from './stated-attribute.js';

export const missingOwner: EntryRule = {
  id: 'missing-owner',
  defaultSeverity: 'warning',
  description: 'A control names no Owner.',
  checkEntry(entry, { file, report }) {
    if (entry.kind !== 'control' || entry.status === 'not-applicable') return;
    const owner = entry.attributes.owner;
    if (isStated(owner)) return;
    report({
      file: entry.file,
      range: owner?.range ?? entry.idRange,
      control: entry.id,
      message: `${entry.id} has no owner; name the role accountable for it (e.g. "OT network lead").`,
      fix: attributeFix(file, entry, 'owner', 'Owner', 'TBD'),
    });
  },
};
