/** An asset listed without its criticality: its importance is not defined. */
import type { Rule } from './rule.js';

export const assetWithoutCriticality: Rule = {
  id: 'asset-without-criticality',
  defaultSeverity: 'warning',
  description: 'An asset in the inventory has no criticality.',
  check({ plan, report }) {
    for (const asset of plan.assets) {
      const criticality = asset.criticality;
      if (criticality && (criticality.placeholder || criticality.value.trim() !== '')) continue;
      report({
        file: asset.file,
        range: criticality?.range ?? asset.range,
        message: `Asset "${asset.name}" has no criticality; rate its importance (e.g. high / medium / low) so protection can be prioritised.`,
      });
    }
  },
};
