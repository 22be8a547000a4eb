/**
 * End-to-end tests of the plantgap extension in a real VS Code (code-server) driven by Chromium:
 * the .vsix built by `npm run build` is installed into a fresh profile, and every test checks what a
 * user would see. Run with `npm run test:e2e` from the repository root.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  createWorkspace,
  examplePlan,
  hoverTarget,
  missingOwnerTarget,
  needsOwnerPlan,
  untitledPlanText,
} from './fixtures.mjs';
import { poll } from './poll.mjs';
import { useSession } from './session.mjs';
import type { Workbench } from './workbench.mjs';

/** The bundled server of the extension installed into an e2e session's temp directory, and nothing else. */
const e2eServerProcess = 'plantgap-e2e-[^ ]*/extensions/plantgap\\.plantgap-[^ ]*/dist/server/server\\.mjs';

/** Kills the session's language server the way a crash would; true when there was one to kill. */
function crashServer(): boolean {
  return spawnSync('pkill', ['-KILL', '-f', e2eServerProcess]).status === 0;
}

/** The first analysis includes starting the server and loading the framework catalogs. */
const firstAnalysisMs = 90_000;
const uiMs = 30_000;

describe('plantgap extension in VS Code (code-server)', function () {
  this.timeout(180_000);

  const workbenchOf = useSession({ createWorkspace, folderName: 'plant-docs' });
  let workbench: Workbench;
  beforeEach(() => {
    workbench = workbenchOf();
  });

  it('shows squiggles in the example plan and lists plantgap findings with rule ids in Problems', async function () {
    await workbench.openFromExplorer(examplePlan);
    await poll('squiggles in the example plan', firstAnalysisMs, async () => (await workbench.squiggles().count()) > 0);
    const rows = await workbench.openProblems();
    const texts = await poll('plantgap rows in Problems', uiMs, async () => {
      const all = await rows.allInnerTexts();
      return all.some((text) => text.includes('plantgap')) ? all : undefined;
    });
    const ruleIds = ['deprecated-reference', 'unfilled-template', 'missing-target', 'partially-covered-requirement'];
    const shown = ruleIds.filter((id) => texts.some((text) => text.includes(id)));
    assert.ok(shown.length > 0, `no rule id among the Problems rows:\n${texts.join('\n')}`);
    await workbench.screenshot('diagnostics-problems');
  });

  it('shows the title of a framework reference on hover', async function () {
    await workbench.openFromExplorer(examplePlan);
    await workbench.goTo(hoverTarget.line, hoverTarget.column);
    await workbench.runCommand('Show or Focus Hover');
    const hover = workbench.page.locator('.monaco-hover:visible', { hasText: hoverTarget.title });
    await hover.first().waitFor({ state: 'visible', timeout: uiMs });
    await workbench.screenshot('hover', workbench.page.locator('.editor-group-container.active').first());
    await workbench.page.keyboard.press('Escape');
  });

  it('applies the quick fix for a control without an Owner', async function () {
    await workbench.openFromExplorer(needsOwnerPlan);
    await poll('squiggles in the file without an owner', firstAnalysisMs, async () => (await workbench.squiggles().count()) > 0);
    assert.ok(!(await workbench.editorText()).includes('**Owner:**'));
    await workbench.goTo(missingOwnerTarget.line, missingOwnerTarget.column);
    await workbench.runCommand('Quick Fix...');
    const fix = workbench.page.locator('.action-widget .monaco-list-row', { hasText: 'Add an Owner line' });
    await fix.first().waitFor({ state: 'visible', timeout: uiMs });
    await workbench.screenshot('quick-fix', workbench.page.locator('.editor-group-container.active').first());
    await fix.first().click();
    await poll('the Owner line to be inserted', uiMs, async () => (await workbench.editorText()).includes('**Owner:**'));
    await workbench.runCommand('File: Save');
  });

  it('shows current and planned coverage of the active plan in the status bar', async function () {
    await workbench.openFromExplorer(examplePlan);
    const item = workbench.page.locator('.statusbar-item', { has: workbench.page.locator('[aria-label^="plantgap coverage"]') });
    const text = await poll('the coverage status bar item', firstAnalysisMs, async () => {
      const label = (await item.first().innerText().catch(() => '')).trim();
      return /\d+% → \d+%/.test(label) ? label : undefined;
    });
    assert.match(text, /nist-csf-2\.0 \d+% → \d+%/);
  });

  it('lists the gaps of the active plan in the Gaps view, grouped by framework', async function () {
    await workbench.openFromExplorer(examplePlan);
    const pane = workbench.page.locator('.pane', { has: workbench.page.locator('.pane-header', { hasText: /^\s*Gaps/i }) }).first();
    const header = pane.locator('.pane-header').first();
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    const rows = pane.locator('.monaco-list-row');
    const texts = await poll('gap rows', firstAnalysisMs, async () => {
      const all = await rows.allInnerTexts();
      return all.some((text) => /\b(?:[A-Z]{2}\.[A-Z]{2}-\d{2}|A\.\d+\.\d+)/.test(text)) ? all : undefined;
    });
    assert.ok(texts.some((text) => /NIST|ISO/.test(text)), `no framework group among:\n${texts.join('\n')}`);
    // Without the Problems panel, and with the file tree collapsed, the Gaps view gets the height
    // to show a few groups.
    await workbench.runCommand('View: Hide Panel');
    const folders = workbench.page.locator('.pane-header', { hasText: 'plant-docs' }).first();
    await folders.click();
    await workbench.screenshot('status-bar-gaps');
    await folders.click();
  });

  it('reports diagnostics for an untitled Markdown document', async function () {
    await workbench.runCommand('File: New Untitled Text File');
    await poll('the untitled editor', uiMs, () => workbench.activeTabIs('Untitled'));
    await workbench.runCommand('Change Language Mode');
    const input = workbench.page.locator('.quick-input-widget input');
    await input.fill('Markdown');
    await workbench.page.locator('.quick-input-list .monaco-list-row', { hasText: /^\s*Markdown/ }).first().click();
    await workbench.focusEditor();
    await workbench.page.keyboard.insertText(untitledPlanText);
    await poll('the typed text', uiMs, async () => (await workbench.editorText()).includes('OT-PNT-01'));
    await poll('squiggles in the untitled document', firstAnalysisMs, async () => (await workbench.squiggles().count()) > 0);
  });

  it('opens the coverage report in a webview without scripts', async function () {
    await workbench.openFromExplorer(examplePlan);
    await workbench.runCommand('plantgap: Show coverage report');
    const frame = await workbench.webviewFrame('h1');
    assert.match((await frame.locator('h1').first().innerText()).trim(), /^Coverage report/);
    assert.equal(await frame.locator('script').count(), 0);
    const policy = await frame.locator('meta[http-equiv="Content-Security-Policy"]').first().getAttribute('content');
    assert.match(policy ?? '', /default-src 'none'/);
    assert.equal(await frame.locator('link[rel="stylesheet"]').count(), 1, 'the theme stylesheet is linked');
    // Double-clicking the report's tab widens its editor group, so the screenshot shows the report
    // at a readable width next to the plan.
    await workbench.page.locator('.tab', { hasText: 'Coverage report' }).first().dblclick();
    await workbench.screenshot('coverage-report');
  });

  it('checks the whole workspace and opens Problems', async function () {
    await workbench.runCommand('plantgap: Check workspace');
    const toast = workbench.page.locator('.notification-toast', { hasText: /plantgap checked \d+ plan files?/ });
    await toast.first().waitFor({ state: 'visible', timeout: firstAnalysisMs });
    await workbench.page.locator('.markers-panel').first().waitFor({ state: 'visible', timeout: uiMs });
  });

  it('restarts the server, which then analyses new edits', async function () {
    await workbench.openFromExplorer(examplePlan);
    await workbench.runCommand('plantgap: Restart server');
    await workbench.focusEditor();
    await workbench.page.keyboard.press('Control+End');
    await poll('squiggles after the restart', firstAnalysisMs, async () => (await workbench.squiggles().count()) > 0);
    const before = await workbench.squiggles().count();
    await workbench.page.keyboard.insertText('\n## OT-RST-01 — Control added after the restart\n');
    await poll('a finding for the new control', firstAnalysisMs, async () => (await workbench.squiggles().count()) > before);
  });

  it('restarts a crashed server and says so once, not on every crash', async function () {
    await workbench.openFromExplorer(examplePlan);
    await workbench.focusEditor();
    await workbench.page.keyboard.press('Control+End');
    const notice = workbench.page.locator('.notification-toast', { hasText: 'stopped unexpectedly' });
    for (const [crash, control] of [[1, 'OT-CRS-01'], [2, 'OT-CRS-02']] as const) {
      await poll(`a running server before crash ${crash}`, firstAnalysisMs, async () => crashServer());
      await notice.first().waitFor({ state: 'visible', timeout: uiMs });
      const before = await workbench.squiggles().count();
      // The restarted server analyses the next edit.
      await workbench.page.keyboard.insertText(`\n## ${control} — Control added after crash ${crash}\n`);
      await poll(`a finding for ${control} after crash ${crash}`, firstAnalysisMs, async () => (await workbench.squiggles().count()) > before);
    }
    assert.equal(await notice.count(), 1, 'the crash notice is shown once');
  });
});
