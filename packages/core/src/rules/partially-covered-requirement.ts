/** A mandatory requirement covered only in part (partial status or only partial mapping paths). */
import type { Rule } from './rule.js';
import { planAnchor } from './plan-locations.js';

export const partiallyCoveredRequirement: Rule = {
  id: 'partially-covered-requirement',
  defaultSeverity: 'info',
  description: 'A mandatory requirement gets only partial credit: a partial status, or only overlapping mappings.',
  check({ analysis, plan, report }) {
    const anchor = planAnchor(plan);
    for (const coverage of analysis.requirements) {
      if (!coverage.requirement.mandatory || coverage.state !== 'partial') continue;
      const best = [...coverage.contributions].sort((a, b) => b.current - a.current)[0];
      const reason = coverage.onlyPartialPaths && best
        ? `only through ${best.via.id} (${best.relationship ?? best.path}) in ${best.entry.id}`
        : `${best?.entry.id ?? 'its control'} is ${best?.status ?? 'partial'}`;
      report({
        ...anchor,
        requirement: coverage.node.id,
        message: `Mandatory requirement ${coverage.node.id} is ${Math.round(coverage.current * 100)}% covered: ${reason}. Reference it directly from an implemented control for full credit.`,
      });
    }
  },
};
