/**
 * The files `plantgap init` writes: a starter security plan in the plantgap plan format and a
 * `.plantgap.yml`. The plan is built from the chosen profile — its control skeletons cite real
 * mandatory requirements of that profile (one per top-level group) and the plant controls that map
 * to them — and every value still to be written is template text that unfilled-template reports,
 * so `plantgap check` on a fresh plan lists exactly what is left to fill in.
 */
import { mappedPathWeight } from '../analyze/map-contributions.js';
import { inverseRelationship, type FrameworkNode, type KnowledgeBase, type Profile } from '../knowledge/knowledge-base.js';

export const starterPlanFile = 'security-plan.md';
export const starterConfigFile = '.plantgap.yml';

/** How many control skeletons the starter plan holds at most (one per top-level group of the profile). */
const maxSkeletons = 6;

/** A reference as the plan format reads it: ISO clauses need their `Clause` prefix, the other ids stand alone. */
function citation(node: FrameworkNode): string {
  return /^\d/.test(node.id) ? `Clause ${node.id}` : node.id;
}

/**
 * The first mandatory requirement under each top-level group (CSF function, ISO clause or theme),
 * taking the profile's frameworks in the order the profile lists them (all requirements when none
 * is mandatory).
 */
function skeletonRequirements(profile: Profile, knowledgeBase: KnowledgeBase): FrameworkNode[] {
  const mandatory = profile.requirements.filter((requirement) => requirement.mandatory);
  const frameworkRank = (framework: string) => (profile.frameworks.includes(framework) ? profile.frameworks.indexOf(framework) : profile.frameworks.length);
  // Array.prototype.sort is stable, so catalog order is kept within a framework.
  const pool = [...(mandatory.length > 0 ? mandatory : profile.requirements)].sort((a, b) => frameworkRank(a.node.framework) - frameworkRank(b.node.framework));
  const seenRoots = new Set<string>();
  const chosen: FrameworkNode[] = [];
  for (const { node } of pool) {
    const root = knowledgeBase.ancestors(node).at(-1) ?? node;
    if (seenRoots.has(root.key)) continue;
    seenRoots.add(root.key);
    chosen.push(node);
    if (chosen.length === maxSkeletons) break;
  }
  return chosen;
}

/** A plant control that covers `node` fully, if the knowledge base has one. */
function fullPlantControl(node: FrameworkNode, knowledgeBase: KnowledgeBase): FrameworkNode | undefined {
  return knowledgeBase
    .edgesFrom(node)
    .find((edge) => edge.origin === 'plant-control' && knowledgeBase.catalogs.get(edge.to.framework)?.kind === 'plant-controls' && mappedPathWeight(inverseRelationship[edge.relationship]) === 1)?.to;
}

/** The starter plan for a profile. */
export function starterPlan(profile: Profile, knowledgeBase: KnowledgeBase): string {
  const level = profile.targets['security-level'] ?? 'SL-2';
  const tier = profile.targets['csf-tier'];
  const target = tier === undefined ? `{ security-level: ${level} }` : `{ security-level: ${level}, csf-tier: ${tier} }`;
  const skeletons = skeletonRequirements(profile, knowledgeBase).map((node, index) => {
    const plantControl = fullPlantControl(node, knowledgeBase);
    const id = `OT-${String(index + 1).padStart(2, '0')}`;
    return [
      `## ${id} — ${node.title}`,
      ...(plantControl ? [`- **Implements:** ${plantControl.id}`] : []),
      `- **Covers:** ${citation(node)}`,
      '- **Status:** Implemented / Partial / Planned',
      '- **Owner:** [Owner]',
      '- **Target:** [DATE]',
      '- **Evidence:** [Evidence]',
      '',
      '[Description]',
      '',
    ].join('\n');
  });
  return `---
plantgap:
  profile: ${profile.id}
  target: ${target}
---
# Security plan — [Plant name]

This plan is written in the plantgap plan format (docs/plan-format.md). Replace every text in
square brackets and every "Implemented / Partial / Planned" choice; \`plantgap check\` lists what is
still unfilled and which mandatory requirements of profile ${profile.id} nothing covers yet.

Target security level: ${level}

## Asset inventory

| Asset | Zone | Criticality |
| --- | --- | --- |
| [Asset] | [Zone] | High / Medium / Low |

## Controls

Each control is a heading that starts with its id. \`Covers\` lists the requirements it meets
(${profile.frameworks.join(', ')}), \`Implements\` the plantgap plant controls it puts in place.

${skeletons.join('\n')}`;
}

/** The starter `.plantgap.yml` (valid against docs/plantgap.schema.json). */
export function starterConfig(profile: Profile): string {
  return `# plantgap configuration (docs/config.md; JSON Schema: docs/plantgap.schema.json)
profile: ${profile.id}
# Plan files, relative to this file. Add more files or globs as the plan grows.
include:
  - ${starterPlanFile}
# Severity per rule: error, warning, info or off (docs/rules/).
rules: {}
`;
}
