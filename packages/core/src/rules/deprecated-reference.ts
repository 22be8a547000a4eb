/** A reference to a superseded framework version (CSF 1.1, ISO 27001:2013): it earns no credit until updated. */
import type { ItemRule } from './rule.js';
import { referencesNeedingAttention, type PlanReference } from './plan-locations.js';

export const deprecatedReference: ItemRule<PlanReference> = {
  id: 'deprecated-reference',
  defaultSeverity: 'warning',
  description: 'A reference uses an id from a superseded framework version; it names the successors.',
  items: referencesNeedingAttention,
  checkItem(reference, { knowledgeBase, report }) {
    const resolution = reference.resolution;
    if (resolution.status !== 'deprecated') return;
    const catalog = knowledgeBase.catalogs.get(resolution.node.framework);
    const successors = resolution.successors.map((node) => node.id);
    const successorTitle = catalog?.successor ? knowledgeBase.catalogs.get(catalog.successor)?.title : undefined;
    report({
      file: reference.file,
      range: reference.range,
      control: reference.entry?.id,
      message: successors.length
        ? `${reference.text} is a ${catalog?.title ?? resolution.node.framework} id; in ${successorTitle ?? 'the current version'} it is ${successors.join(', ')}. It counts for nothing until updated.`
        : `${reference.text} is a ${catalog?.title ?? resolution.node.framework} id that was withdrawn without a direct successor; it counts for nothing.`,
      fix: successors.length
        ? { title: `Replace with ${successors.join(', ')}`, edits: [{ file: reference.file, range: reference.range, newText: successors.join(', ') }] }
        : undefined,
    });
  },
};
