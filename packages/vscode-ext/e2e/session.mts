/**
 * One end-to-end session: a temp folder with the test's workspace, code-server with the freshly built
 * .vsix installed, and a Chromium page on the workbench. Closing it stops everything it started and
 * removes the temp folder, unless a test failed (then its logs are kept for inspection).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startCodeServer, type CodeServer } from './code-server.mjs';
import { repositoryRoot } from './fixtures.mjs';
import { launchBrowser, Workbench } from './workbench.mjs';

const vsix = join(repositoryRoot, 'packages', 'vscode-ext', 'plantgap-0.1.0.vsix');

export interface Session {
  workbench: Workbench;
  close(keepFiles: boolean): Promise<void>;
}

export interface SessionOptions {
  /** Writes the workspace's files into `folder`. */
  createWorkspace(folder: string): Promise<void>;
  folderName: string;
  settings?: Record<string, unknown>;
}

/**
 * One session for the enclosing mocha suite: opened before its tests, a screenshot of every failed
 * test, closed after them (its files kept when a test failed). Returns the session's workbench.
 */
export function useSession(options: SessionOptions): () => Workbench {
  let session: Session | undefined;
  let failures = 0;
  before(async function () {
    session = await openSession(options);
  });
  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    failures++;
    await session?.workbench.failureScreenshot(this.currentTest.title).catch(() => undefined);
  });
  after(async function () {
    await session?.close(failures > 0);
  });
  return () => {
    assert.ok(session, 'the session did not open');
    return session.workbench;
  };
}

export async function openSession(options: SessionOptions): Promise<Session> {
  assert.ok(existsSync(vsix), `${vsix} is missing: run "npm run build" first`);
  const tempRoot = await mkdtemp(join(tmpdir(), 'plantgap-e2e-'));
  const folder = join(tempRoot, options.folderName);
  let codeServer: CodeServer | undefined;
  let browser: Browser | undefined;
  const close = async (keepFiles: boolean) => {
    await browser?.close().catch(() => undefined);
    await codeServer?.stop();
    if (keepFiles) console.log(`kept ${tempRoot} (code-server.log, user-data/logs, workspace) for inspection`);
    else await rm(tempRoot, { recursive: true, force: true });
  };
  try {
    await options.createWorkspace(folder);
    codeServer = await startCodeServer({ vsix, folder, tempRoot, settings: options.settings });
    browser = await launchBrowser();
    const workbench = await Workbench.open(browser, codeServer.url, folder);
    return { workbench, close };
  } catch (error) {
    await close(true);
    throw error;
  }
}
