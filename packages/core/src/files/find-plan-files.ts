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
import picomatch from 'picomatch';
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

/**
 * Whether a file is one of the config's plan files, without listing the directory: the language
 * server asks this for every document opened (a new file may not be on disk yet). It agrees with
 * {@link findPlanFiles} searching the config's directory: relative include globs only match inside
 * it, dot files and dot directories are not matched, and ignore globs win.
 */
export function planFileMatcher(options: { include: readonly string[]; ignore: readonly string[]; configDirectory: string }): (file: string) => boolean {
  const relativeIncludes = options.include.filter((pattern) => !isAbsoluteGlob(pattern));
  const absoluteIncludes = options.include.filter((pattern) => isAbsoluteGlob(pattern));
  const matchRelative = relativeIncludes.length > 0 ? picomatch(relativeIncludes, { dot: false }) : () => false;
  const matchAbsolute = absoluteIncludes.length > 0 ? picomatch(absoluteIncludes.map(toPosix), { dot: false }) : () => false;
  const ignored = options.ignore.length > 0 ? picomatch(options.ignore.map(toPosix), { dot: true }) : () => false;
  return (file) => {
    const absolute = path.resolve(file);
    const inside = isInsideDirectory(options.configDirectory, absolute);
    const relative = toPosix(path.relative(options.configDirectory, absolute));
    if (inside && ignored(relative)) return false;
    if (ignored(toPosix(absolute))) return false;
    return (inside && matchRelative(relative)) || matchAbsolute(toPosix(absolute));
  };
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}
