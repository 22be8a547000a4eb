/**
 * Expanding the paths and globs given on the command line (or the config's `include`) into plan
 * files, minus the config's `ignore` globs. Directories are searched with the include globs.
 *
 * Discovery stays inside the directory searched: symbolic links are not followed while searching
 * (a link in a checked-out repository could point anywhere, such as a home directory), and a
 * relative include glob never yields a file outside the search directory, whatever it says. A file
 * named explicitly on the command line is read as given: the person running plantgap chose it.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { isAbsoluteGlob, isInsideDirectory } from '../config/load-config.js';

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
    glob([...globs], {
      cwd,
      ignore: [...options.ignore],
      absolute: true,
      onlyFiles: true,
      dot: false,
      expandDirectories: false,
      followSymbolicLinks: false,
    });
  // Include globs come from a config file, which may not be trusted: a relative one is confined to
  // the directory searched. An absolute one passed config validation (allowOutsidePaths: true).
  const searchConfined = async (directory: string) => {
    const relative = options.include.filter((pattern) => !isAbsoluteGlob(pattern));
    const absolute = options.include.filter((pattern) => isAbsoluteGlob(pattern));
    const inside = relative.length > 0 ? (await search(directory, relative)).filter((file) => isInsideDirectory(directory, file)) : [];
    return absolute.length > 0 ? [...inside, ...(await search(directory, absolute))] : inside;
  };

  if (patterns.length === 0) {
    for (const file of await searchConfined(options.configDirectory)) found.add(path.normalize(file));
  }
  for (const pattern of patterns) {
    let matches: string[] = [];
    const absolute = path.resolve(options.cwd, pattern);
    const info = isDynamicPattern(pattern) ? undefined : await stat(absolute).catch(() => undefined);
    if (info?.isFile()) matches = [absolute];
    else if (info?.isDirectory()) matches = await searchConfined(absolute);
    else if (isDynamicPattern(pattern)) matches = await search(options.cwd, [pattern]);
    if (matches.length === 0) unmatched.push(pattern);
    for (const file of matches) found.add(path.normalize(file));
  }
  return { files: [...found].sort(), unmatched };
}
