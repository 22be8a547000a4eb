/**
 * The root of the repository the CLI runs in, found by looking upward for `.git` (a directory, or
 * a file in worktrees and submodules). SARIF paths are relative to it, as code scanning expects.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';

/** The nearest directory at or above `start` holding `.git`, or undefined outside any repository. */
export async function findRepositoryRoot(start: string): Promise<string | undefined> {
  for (let directory = path.resolve(start); ; directory = path.dirname(directory)) {
    if (await stat(path.join(directory, '.git')).catch(() => undefined)) return directory;
    if (path.dirname(directory) === directory) return undefined;
  }
}
