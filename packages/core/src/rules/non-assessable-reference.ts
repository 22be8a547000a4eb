/** A reference to a grouping node (a CSF function or category, an ISO theme): it covers nothing by itself. */
import type { ItemRule } from './rule.js';
import { referencesNeedingAttention, type PlanReference } from './plan-locations.js';

export const nonAssessableReference: ItemRule<PlanReference> = {
  id: 'non-assessable-reference',
  defaultSeverity: 'info',
  description: 'A reference names a function, category, clause group or theme, which earns no coverage by itself.',
  items: referencesNeedingAttention,
  checkItem(reference, { knowledgeBase, report }) {
    if (!reference.entry) return; // prose outside controls may mention groups freely
    const resolution = reference.resolution;
    if (resolution.status !== 'known' || resolution.node.assessable) return;
    const under = knowledgeBase.assessableUnder(resolution.node).map((node) => node.id);
    const listed = under.length > 6 ? `${under.slice(0, 6).join(', ')}, …` : under.join(', ');
    report({
      file: reference.file,
      range: reference.range,
      control: reference.entry.id,
      message: `${reference.text} is a ${resolution.node.kind} (${resolution.node.title}) and covers nothing by itself; reference the requirements under it (${listed}).`,
    });
  },
};
