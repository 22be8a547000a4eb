/** An asset listed without its criticality: its importance is not defined. */
import type { Asset } from '../parse/plan-model.js';
import type { ItemRule } from './rule.js';
import { isStated } from './stated-attribute.js';

export const assetWithoutCriticality: ItemRule<Asset> = {
  id: 'asset-without-criticality',
  defaultSeverity: 'warning',
  description: 'An asset in the inventory has no criticality.',
  items: (plan) => plan.assets,
  checkItem(asset, { report }) {
    const criticality = asset.criticality;
    if (isStated(criticality)) return;
    report({
      file: asset.file,
      range: criticality?.range ?? asset.range,
      message: `Asset "${asset.name}" has no criticality; rate its importance (e.g. high / medium / low) so protection can be prioritised.`,
    });
  },
};
