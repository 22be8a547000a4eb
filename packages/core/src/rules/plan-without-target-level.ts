/** The plan sets no target security level (IEC 62443 SL-T) nor CSF tier: the survey's most common gap. */
import type { Rule } from './rule.js';
import { planAnchor } from './plan-locations.js';

export const planWithoutTargetLevel: Rule = {
  id: 'plan-without-target-level',
  defaultSeverity: 'warning',
  description: 'The plan sets no target security level (SL-T) or CSF tier in front matter or a "Target security level:" line.',
  check({ plan, profile, report }) {
    const targets = plan.metadata.targets;
    if (targets.securityLevel || targets.csfTier) return;
    const anchor = planAnchor(plan);
    const firstFile = plan.files[0];
    const profileDefault = profile.targets['security-level'] ?? (profile.targets['csf-tier'] ? `CSF tier ${profile.targets['csf-tier']}` : undefined);
    const level = profile.targets['security-level'] ?? 'SL-2';
    report({
      ...anchor,
      message: `The plan sets no target security level; state one (e.g. "plantgap: target: { security-level: ${level} }" in front matter)${profileDefault ? ` — profile ${profile.id} assumes ${profileDefault}` : ''}.`,
      fix:
        firstFile && !firstFile.frontMatter
          ? {
              title: `Add front matter with target security level ${level}`,
              edits: [
                {
                  file: firstFile.path,
                  range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
                  newText: `---\nplantgap:\n  profile: ${profile.id}\n  target: { security-level: ${level} }\n---\n`,
                },
              ],
            }
          : undefined,
    });
  },
};
