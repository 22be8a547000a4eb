/**
 * Expanding the paths and globs given on the command line (or the config's `include`) into plan
 * files, minus the config's `ignore` globs. Directories are searched with the include globs.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

export interface PlanFileSelection {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  /** Arguments that matched nothing (each is a usage error). */
  unmatched: string[];
}

export async function findPlanFiles(
  patterns: readonly string[],
  options: { cwd: string; include: readonly string[]; ignore: readonly string[]; configDirectory: string },
): Promise<PlanFileSelection> {
  const found = new Set<string>();
  const unmatched: string[] = [];
  const search = async (cwd: string, globs: readonly string[]) =>
    glob([...globs], { cwd, ignore: [...options.ignore], absolute: true, onlyFiles: true, dot: false, expandDirectories: false });

  if (patterns.length === 0) {
    for (const file of await search(options.configDirectory, options.include)) found.add(path.normalize(file));
  }
  for (const pattern of patterns) {
    let matches: string[] = [];
    const absolute = path.resolve(options.cwd, pattern);
    const info = isDynamicPattern(pattern) ? undefined : await stat(absolute).catch(() => undefined);
    if (info?.isFile()) matches = [absolute];
    else if (info?.isDirectory()) matches = await search(absolute, options.include);
    else if (isDynamicPattern(pattern)) matches = await search(options.cwd, [pattern]);
    if (matches.length === 0) unmatched.push(pattern);
    for (const file of matches) found.add(path.normalize(file));
  }
  return { files: [...found].sort(), unmatched };
}
