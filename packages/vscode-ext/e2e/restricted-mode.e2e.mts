/**
 * Workspace trust, end to end: in Restricted Mode the extension starts the server with
 * `trusted: false`, so the workspace's custom profile file is not loaded; trusting the folder
 * restarts the server, which then assesses the plan against that profile.
 */
import assert from 'node:assert/strict';
import { createCustomProfileWorkspace, customProfile, sitePlan } from './fixtures.mjs';
import { poll } from './poll.mjs';
import { useSession } from './session.mjs';
import type { Workbench } from './workbench.mjs';

/** Activation in Restricted Mode was seen to take 15 s on a 2-core machine. */
const firstAnalysisMs = 90_000;

describe('plantgap extension in Restricted Mode (code-server)', function () {
  this.timeout(180_000);

  const workbenchOf = useSession({
    createWorkspace: createCustomProfileWorkspace,
    folderName: 'site-docs',
    // Trust on, without the startup dialog: a new folder then opens in Restricted Mode.
    settings: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' },
  });
  let workbench: Workbench;
  beforeEach(() => {
    workbench = workbenchOf();
  });

  it('uses only built-in data in an untrusted folder and says which files it left out', async function () {
    await workbench.openFromExplorer(sitePlan);
    const warning = workbench.page.locator('.notification-toast', { hasText: 'not trusted' });
    await warning.first().waitFor({ state: 'visible', timeout: firstAnalysisMs });
    assert.match(await warning.first().innerText(), new RegExp(customProfile.file.replace('.', '\\.')));
    const label = await poll('the coverage status bar item', firstAnalysisMs, () => coverageLabel(workbench));
    assert.ok(!label.includes(customProfile.title), `the custom profile was used in Restricted Mode: ${label}`);
  });

  it('restarts the server when the folder is trusted, which then uses the custom profile', async function () {
    // The Restricted Mode item of the status bar opens the workspace trust editor.
    await workbench.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().click();
    await workbench.page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$/ }).first().click();
    // The trust editor is modal; behind it the plan is still the active editor.
    await workbench.page.locator('.workspace-trust-editor.trusted').first().waitFor({ state: 'visible' });
    await workbench.page.keyboard.press('Escape');
    await poll(`the status bar to show the profile "${customProfile.title}"`, firstAnalysisMs, async () =>
      (await coverageLabel(workbench))?.includes(customProfile.title),
    );
  });
});

async function coverageLabel(workbench: Workbench): Promise<string | undefined> {
  const label = await workbench.page.locator('[aria-label^="plantgap coverage"]').first().getAttribute('aria-label', { timeout: 1000 }).catch(() => null);
  return label ?? undefined;
}
