/** Runs the built `plantgap` CLI as a real process, the way users and CI do. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cliPath = path.join(repositoryRoot, 'packages', 'core', 'bin', 'plantgap.js');
export const fixtures = path.join(repositoryRoot, 'tests', 'fixtures');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `timeout` (ms) turns a hang into a failed assertion instead of a stalled suite. */
export function runCli(args: string[], options: { cwd?: string; input?: string; timeout?: number } = {}): CliResult {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: options.cwd ?? repositoryRoot,
    input: options.input,
    encoding: 'utf8',
    timeout: options.timeout,
    env: { ...process.env, CI: 'true', NO_COLOR: '1' },
  });
  if (result.error) throw new Error(`the CLI did not finish: ${String(result.error)}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
