/** The plan has no asset table: assets are not listed. */
import type { Rule } from './rule.js';
import { appendToFileEdit, planAnchor, planMainFile } from './plan-locations.js';

export const noAssetInventory: Rule = {
  id: 'no-asset-inventory',
  defaultSeverity: 'warning',
  description: 'The plan has no asset inventory (a table with an Asset column).',
  check({ plan, report }) {
    if (plan.hasAssetInventory) return;
    const mainFile = planMainFile(plan);
    report({
      ...planAnchor(plan),
      message: 'The plan lists no assets; add an asset inventory table with Asset, Zone and Criticality columns.',
      fix: mainFile && {
        title: 'Add an asset inventory table',
        edits: [appendToFileEdit(mainFile, '\n## Asset inventory\n\n| Asset | Zone | Criticality |\n| --- | --- | --- |\n| TBD | TBD | TBD |\n')],
      },
    });
  },
};
