/** A status value that is none of implemented, partial, planned, not-started, not-applicable. */
import { parseStatus, statusValues } from '../parse/vocabulary.js';
import type { EntryRule } from './rule.js';

export const invalidStatus: EntryRule = {
  id: 'invalid-status',
  defaultSeverity: 'error',
  description: 'A Status value is not one of implemented, partial, planned, not-started, not-applicable.',
  checkEntry(entry, { report }) {
    const status = entry.attributes.status;
    if (!status || status.placeholder || status.value.trim() === '' || parseStatus(status.value)) return;
    report({
      file: entry.file,
      range: status.range,
      control: entry.id,
      message: `Status "${status.value}" of ${entry.id} is not a status; expected one of ${statusValues.join(', ')}.`,
    });
  },
};
