/** A control or requirement row that states no status: it cannot earn coverage. */
import { parseYesNo } from '../parse/vocabulary.js';
import { attributeFix } from './plan-locations.js';
import type { EntryRule } from './rule.js';
import { isStated } from './stated-attribute.js';

export const missingStatus: EntryRule = {
  id: 'missing-status',
  defaultSeverity: 'warning',
  description: 'A control (or requirement row) has no Status, so it earns no coverage.',
  checkEntry(entry, { file, report }) {
    const status = entry.attributes.status;
    if (entry.status !== undefined || isStated(status)) return;
    // An entry declared not applicable needs a justification, not a status.
    if (entry.attributes.applicable && parseYesNo(entry.attributes.applicable.value) === false) return;
    // A Statement of Applicability without a status column states applicability only.
    if (entry.attributes.applicable && entry.inStatementOfApplicability && !entry.attributes.status && !entry.attributes.current) return;
    report({
      file: entry.file,
      range: entry.idRange,
      control: entry.id,
      message: `${entry.id} has no status; add one of implemented, partial, planned, not-started, not-applicable.`,
      fix: attributeFix(file, entry, 'status', 'Status', 'planned'),
    });
  },
};
