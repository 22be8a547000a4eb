/** A control that is not done yet and has no target (date or security level). */
import { attributeFix } from './plan-locations.js';
import type { EntryRule } from './rule.js';
import { isStated } from './stated-attribute.js';

export const missingTarget: EntryRule = {
  id: 'missing-target',
  defaultSeverity: 'warning',
  description: 'A control that is not fully implemented has no Target (date and/or security level).',
  checkEntry(entry, { file, report }) {
    if (entry.kind !== 'control' || entry.status === 'implemented' || entry.status === 'not-applicable') return;
    const target = entry.attributes.target;
    if (isStated(target)) return;
    report({
      file: entry.file,
      range: target?.range ?? entry.idRange,
      control: entry.id,
      message: `${entry.id} is ${entry.status ?? 'without status'} and has no target; say by when and to which level (e.g. "SL-2 by 2027-03-31").`,
      fix: attributeFix(file, entry, 'target', 'Target', 'TBD'),
    });
  },
};
