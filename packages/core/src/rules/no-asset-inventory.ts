/** The plan has no asset table: assets are not listed. */
import type { Rule } from './rule.js';
import { appendToFileEdit, planAnchor } from './plan-locations.js';

export const noAssetInventory: Rule = {
  id: 'no-asset-inventory',
  defaultSeverity: 'warning',
  description: 'The plan has no asset inventory (a table with an Asset column).',
  check({ plan, report }) {
    if (plan.hasAssetInventory) return;
    const lastFile = plan.files[plan.files.length - 1];
    report({
      ...planAnchor(plan),
      message: 'The plan lists no assets; add an asset inventory table with Asset, Zone and Criticality columns.',
      fix: lastFile && {
        title: 'Add an asset inventory table',
        edits: [appendToFileEdit(lastFile, '\n## Asset inventory\n\n| Asset | Zone | Criticality |\n| --- | --- | --- |\n| TBD | TBD | TBD |\n')],
      },
    });
  },
};
