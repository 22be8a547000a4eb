/** The boilerplate guard: a control claimed implemented with neither evidence nor a description. */
import type { EntryRule } from './rule.js';

export const implementedWithoutEvidence: EntryRule = {
  id: 'implemented-without-evidence',
  defaultSeverity: 'warning',
  description: 'A control is claimed implemented but has no evidence and no description of how.',
  checkEntry(entry, { report }) {
    if (entry.kind !== 'control' || entry.status !== 'implemented') return;
    const evidence = entry.attributes.evidence;
    const hasEvidence = evidence !== undefined && !evidence.placeholder && evidence.value.trim() !== '';
    if (hasEvidence || entry.hasDescription) return;
    report({
      file: entry.file,
      range: entry.attributes.status?.range ?? entry.idRange,
      control: entry.id,
      message: `${entry.id} is claimed implemented but shows no evidence and no description; link evidence (e.g. a review record) or describe how it is done.`,
    });
  },
};
