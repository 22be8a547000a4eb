/**
 * The temp workspace the tests open: a copy of the bundled example plan, and a file of extra controls
 * that triggers a quick fix. Both are files of one workspace folder, so the server analyses them as
 * one plan, like `plantgap check` on the folder would.
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const examplePlan = 'plant-2-security-plan.md';
// Named to sort after the example plan, whose front matter and title then lead the combined plan.
export const needsOwnerPlan = 'review-additions.md';

/** Where the hover test points: GV.RR-01 on the "Covers" line of OT-GOV-01 in the example plan. */
export const hoverTarget = { line: 26, column: 17, title: 'Leadership accountable for cyber risk' };

/** A control with status and target but no Owner line: missing-owner, fixed by "Add an Owner line". */
const needsOwnerText = `# Controls added after the quarterly review

## OT-PAT-01 — Patch engineering workstations
- **Covers:** PR.PS-02
- **Status:** planned
- **Target:** 2027-06-30
`;
/** Where missing-owner points: the control id in the heading (line 3). */
export const missingOwnerTarget = { line: 3, column: 6 };

/** Typed into an untitled Markdown document: a one-control plan with findings. */
export const untitledPlanText = `# Draft plan for the paint shop

## OT-PNT-01 — Back up PLC programs
- **Covers:** PR.DS-11
- **Status:** planned
`;

export async function createWorkspace(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  await copyFile(join(repositoryRoot, 'examples', examplePlan), join(folder, examplePlan));
  await writeFile(join(folder, needsOwnerPlan), needsOwnerText);
}

/**
 * A workspace whose `.plantgap.yml` selects a custom profile from a file of the workspace: in
 * Restricted Mode the server must not load that file (built-in data only); once the folder is
 * trusted, it must.
 */
export const customProfile = { file: 'site-profile.yaml', id: 'site-baseline', title: 'Site baseline for the paint shop' };
export const sitePlan = 'site-plan.md';

export async function createCustomProfileWorkspace(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, '.plantgap.yml'), `profile: ${customProfile.id}\nprofiles: [${customProfile.file}]\n`);
  await writeFile(
    join(folder, customProfile.file),
    `id: ${customProfile.id}
title: ${customProfile.title}
description: Two mandatory CSF subcategories for the paint shop.
frameworks: [nist-csf-2.0]
requirements:
  - framework: nist-csf-2.0
    ids: [ID.AM-01, PR.PS-02]
    mandatory: true
`,
  );
  await writeFile(
    join(folder, sitePlan),
    `# Paint shop security plan

## PS-AST-01 — Inventory of paint robots
- **Covers:** ID.AM-01
- **Status:** implemented
- **Owner:** OT engineering lead
- **Evidence:** [inventory](inventory.md)
`,
  );
}
