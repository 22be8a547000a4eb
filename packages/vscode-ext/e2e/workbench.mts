/**
 * Drives the code-server workbench through the UI a user sees: the Explorer, the command palette,
 * the editor, the Problems panel. Selectors are VS Code's own class names (stable across releases
 * for years); every wait polls for a visible condition.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Frame, type Locator, type Page } from 'playwright-core';
import { poll } from './poll.mjs';

const e2eDir = dirname(fileURLToPath(import.meta.url));
/** Screenshots of every run (and of failures); not committed. */
export const artifactsDir = join(e2eDir, 'artifacts');
/** Screenshots used by the README, refreshed when PLANTGAP_E2E_UPDATE_IMAGES=1. */
const readmeImagesDir = join(e2eDir, '..', 'images');

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.PLANTGAP_E2E_CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs, headless: true });
}

export class Workbench {
  constructor(readonly page: Page) {}

  static async open(browser: Browser, url: string, folder: string): Promise<Workbench> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: 60_000 });
    return new Workbench(page);
  }

  /** Opens a file by clicking its name in the Explorer (Quick Open is unreliable while panels hold the focus). */
  async openFromExplorer(fileName: string): Promise<void> {
    await this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileName }).first().click();
    await poll(`${fileName} to be the active editor`, 20_000, () => this.activeTabIs(fileName));
  }

  async activeTabIs(name: string): Promise<boolean> {
    const label = await this.page.locator('.editor-group-container.active .tab.active').first().textContent().catch(() => null);
    return !!label && label.includes(name);
  }

  /** Runs a command by its title from the command palette, as a user would. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ state: 'visible' });
    await row.click();
  }

  /** Moves the cursor of the active editor (1-based line and column). */
  async goTo(line: number, column: number): Promise<void> {
    await this.runCommand('Go to Line/Column');
    const input = this.page.locator('.quick-input-widget input');
    await input.fill(`:${line}:${column}`);
    await input.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Puts the keyboard focus in the active editor (Monaco's EditContext element, not a textarea). */
  async focusEditor(): Promise<void> {
    await this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
  }

  /** The visible text of the active editor, spaces normalised (Monaco renders them as U+00A0). */
  async editorText(): Promise<string> {
    const text = await this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().innerText();
    return text.replace(/\u00a0/g, ' ');
  }

  squiggles(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first().locator('.squiggly-error, .squiggly-warning, .squiggly-info');
  }

  async openProblems(): Promise<Locator> {
    await this.runCommand('View: Focus Problems');
    const rows = this.page.locator('.markers-panel .monaco-tl-row');
    await rows.first().waitFor({ state: 'visible' });
    return rows;
  }

  /** The webview frame whose document has an element matching `selector`. */
  async webviewFrame(selector: string): Promise<Frame> {
    return poll(`a webview showing ${selector}`, 30_000, async () => {
      for (const frame of this.page.frames()) {
        if (frame === this.page.mainFrame()) continue;
        const found = await frame.locator(selector).count().catch(() => 0);
        if (found > 0) return frame;
      }
      return undefined;
    });
  }

  /**
   * Saves a screenshot (of the window, or only of `region`) to the artifacts folder and, when asked
   * to, over the README's copy.
   */
  async failureScreenshot(testTitle: string): Promise<void> {
    mkdirSync(artifactsDir, { recursive: true });
    await this.page.screenshot({ path: join(artifactsDir, `failure-${testTitle.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`) });
  }

  async screenshot(name: string, region?: Locator): Promise<void> {
    const targets = [join(artifactsDir, `${name}.png`)];
    if (process.env.PLANTGAP_E2E_UPDATE_IMAGES === '1') targets.push(join(readmeImagesDir, `${name}.png`));
    for (const path of targets) {
      mkdirSync(dirname(path), { recursive: true });
      if (region) {
        await region.screenshot({ path });
      } else {
        // Park the mouse on an empty spot of the status bar, so no tooltip covers the window.
        await this.page.mouse.move(700, this.page.viewportSize()!.height - 8);
        await this.page.screenshot({ path });
      }
    }
  }
}
