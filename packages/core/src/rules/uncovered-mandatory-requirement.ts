/** A mandatory requirement of the profile that nothing in the plan covers today. */
import type { Rule } from './rule.js';
import { appendToFileEdit, planAnchor, planMainFile } from './plan-locations.js';

export const uncoveredMandatoryRequirement: Rule = {
  id: 'uncovered-mandatory-requirement',
  defaultSeverity: 'error',
  description: 'A mandatory requirement of the profile is not covered by any implemented or partial control.',
  check({ analysis, plan, profile, report }) {
    const anchor = planAnchor(plan);
    const mainFile = planMainFile(plan);
    for (const coverage of analysis.requirements) {
      if (!coverage.requirement.mandatory || coverage.current > 0 || coverage.state === 'excluded') continue;
      if (coverage.exclusion && !coverage.exclusion.justified) continue; // reported by soa-exclusion-without-justification
      const { node } = coverage;
      const plannedBy = coverage.contributions.filter((contribution) => contribution.planned > 0).map((contribution) => contribution.entry.id);
      const why = plannedBy.length > 0 ? `; planned in ${[...new Set(plannedBy)].join(', ')} but not implemented yet` : '';
      const controlId = `NEW-${node.id.replace(/[^A-Za-z0-9]+/g, '-')}`;
      report({
        ...anchor,
        requirement: node.id,
        message: `Mandatory requirement ${node.id} (${node.title}) of profile ${profile.id} is not covered${why}.`,
        fix: mainFile && {
          title: `Add a control for ${node.id}`,
          edits: [appendToFileEdit(mainFile, `\n## ${controlId} — ${node.title}\n- **Covers:** ${/^\d/.test(node.id) ? `Clause ${node.id}` : node.id}\n- **Status:** planned\n- **Owner:** TBD\n- **Target:** TBD\n`)],
        },
      });
    }
  },
};
