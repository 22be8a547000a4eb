/**
 * Finding and loading `.plantgap.yml`: discovery upward from the working directory (or an explicit
 * --config file), validation with line numbers, and resolution of the file paths it names.
 *
 * A config file sits in a repository that may not be trusted (a CI job checking a pull request),
 * so the paths it names are confined to the config file's directory, the workspace: only an
 * absolute path together with `allowOutsidePaths: true` may point elsewhere. The same holds for
 * the `include` and `ignore` globs.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { failure, formatKeyPath, success, type InputError, type Result } from '../input-error.js';
import { readDataFile } from '../knowledge/read-data-file.js';
import { configSchema, defaultConfig, type PlantgapConfig } from './config-schema.js';

/** Names looked for in each directory, in this order. */
export const CONFIG_FILE_NAMES = ['.plantgap.yml', '.plantgap.yaml'] as const;

/** A configuration and where it came from. */
export interface LoadedConfig {
  /** Absolute path of the config file; absent when no file was found and defaults are used. */
  file?: string;
  /** The workspace: the config file's directory, or the working directory without a config file. */
  directory: string;
  /**
   * The configuration with defaults applied. Paths in `frameworks`, `crosswalks`, `profiles`, and
   * `profile` when it is a path, are absolute; a `profile` that is a built-in id is unchanged.
   */
  config: PlantgapConfig;
}

export interface LoadConfigOptions {
  /** Where discovery starts and what a relative `configFile` is resolved against. */
  cwd: string;
  /** An explicit config file (the CLI's --config); it must exist. */
  configFile?: string;
}

/**
 * Looks for `.plantgap.yml`, then `.plantgap.yaml`, in `startDirectory` and each parent up to the
 * filesystem root. Returns the absolute path of the first found.
 */
export async function findConfigFile(startDirectory: string): Promise<string | undefined> {
  let directory = path.resolve(startDirectory);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(directory, name);
      if ((await fileKind(candidate)) === 'file') return candidate;
    }
    const parent = path.dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

/**
 * Loads the configuration: `configFile` if given, else the nearest config file above `cwd`, else
 * the defaults. Errors name the config file, the key path (`frameworks[1]`) and the line.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<Result<LoadedConfig>> {
  const cwd = path.resolve(options.cwd);
  let file: string | undefined;
  if (options.configFile !== undefined) {
    file = path.resolve(cwd, options.configFile);
    const kind = await fileKind(file);
    if (kind === 'missing') return failure({ file, message: 'config file not found' });
    if (kind === 'directory') return failure({ file, message: 'config file is a directory' });
  } else {
    file = await findConfigFile(cwd);
  }
  if (file === undefined) return success({ directory: cwd, config: defaultConfig() });
  const directory = path.dirname(file);
  const loaded = await readDataFile(file, configFileSchema(directory));
  // zod lists unknown keys after all other issues; file order is how a user reads them.
  if (!loaded.ok) return failure(...loaded.errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)));
  const links = await linksLeavingWorkspace(loaded.value, directory, file);
  if (links.length > 0) return failure(...links);
  return success({ file, directory, config: loaded.value });
}

/**
 * The lexical check cannot see symbolic links: `catalogs/site.yaml` may be a link to a file
 * anywhere. A relative path must stay inside the workspace once links are resolved too; only an
 * absolute path with `allowOutsidePaths: true` may lead elsewhere. Missing files are left to the
 * reader, which reports them.
 */
async function linksLeavingWorkspace(config: PlantgapConfig, directory: string, file: string): Promise<InputError[]> {
  const lineCounter = new LineCounter();
  const written = await readFile(file, 'utf8').then((text) => parseDocument(text, { lineCounter, logLevel: 'error' }));
  const entries: [string, (string | number)[]][] = [
    ...(['frameworks', 'crosswalks', 'profiles'] as const).flatMap((key) => config[key].map((value, index): [string, (string | number)[]] => [value, [key, index]])),
    ...(config.profile !== undefined && path.isAbsolute(config.profile) ? [[config.profile, ['profile']] as [string, (string | number)[]]] : []),
  ];
  const realWorkspace = await realpath(directory).catch(() => directory);
  const errors: InputError[] = [];
  for (const [resolved, key] of entries) {
    const original = written.getIn(key);
    if (typeof original === 'string' && path.isAbsolute(original) && config.allowOutsidePaths) continue;
    const real = await realpath(resolved).catch(() => undefined);
    if (real === undefined || isInsideDirectory(realWorkspace, real)) continue;
    const node = written.getIn(key, true);
    const position = isNode(node) && node.range ? lineCounter.linePos(node.range[0]) : undefined;
    errors.push({
      file,
      line: position?.line,
      column: position?.col,
      key: formatKeyPath(key),
      message: `"${String(original ?? resolved)}" is a symbolic link to ${real}, outside the workspace ${directory}; write the absolute path and set allowOutsidePaths: true to use it`,
    });
  }
  return errors;
}

/** True when a `profile` value names a file rather than a built-in profile id. */
export function looksLikeProfilePath(profile: string): boolean {
  return profile.includes('/') || profile.includes(path.sep) || /\.(ya?ml|json)$/i.test(profile);
}

/**
 * `configSchema` as a config file is checked: an empty or null document means "all defaults",
 * and paths are confined to the workspace and resolved. Issues keep their key paths and codes, so
 * readDataFile can add line numbers.
 */
function configFileSchema(directory: string) {
  return z.unknown().transform((input, context): PlantgapConfig => {
    const parsed = configSchema.safeParse(input ?? {});
    if (!parsed.success) {
      for (const issue of parsed.error.issues) reraise(issue, context);
      return z.NEVER;
    }
    const config = parsed.data;
    let valid = true;
    const resolve = (value: string, key: (string | number)[]): string => {
      const resolved = resolveWorkspacePath(value, directory, config.allowOutsidePaths);
      if (resolved.ok) return resolved.path;
      valid = false;
      context.addIssue({ code: 'custom', path: key, message: resolved.message });
      return value;
    };
    const resolved: PlantgapConfig = {
      ...config,
      frameworks: config.frameworks.map((value, index) => resolve(value, ['frameworks', index])),
      crosswalks: config.crosswalks.map((value, index) => resolve(value, ['crosswalks', index])),
      profiles: config.profiles.map((value, index) => resolve(value, ['profiles', index])),
    };
    if (config.profile !== undefined && looksLikeProfilePath(config.profile)) resolved.profile = resolve(config.profile, ['profile']);
    for (const key of ['include', 'ignore'] as const) {
      config[key].forEach((value, index) => {
        const problem = workspaceGlobProblem(value, config.allowOutsidePaths);
        if (problem === undefined) return;
        valid = false;
        context.addIssue({ code: 'custom', path: [key, index], message: problem });
      });
    }
    return valid ? resolved : z.NEVER;
  });
}

/**
 * Re-raises a zod issue from `configSchema` unchanged (readDataFile places unknown keys on the key
 * itself), except that a bad record key also says what a key should look like.
 */
function reraise(issue: z.core.$ZodIssue, context: z.core.$RefinementCtx): void {
  if (issue.code === 'invalid_key') {
    // "Invalid key in record" alone does not say what is wrong; the nested issue does.
    const detail = issue.issues.map((nested) => nested.message).join('; ');
    context.addIssue({ code: 'custom', path: issue.path, message: detail ? `invalid key: ${detail}` : issue.message });
  } else {
    context.addIssue({ ...issue } as z.core.$ZodRawIssue);
  }
}

type Resolution = { ok: true; path: string } | { ok: false; message: string };

/**
 * Resolves a path written in the config file. The check is lexical, after normalisation, so `..`
 * segments cannot escape; symlinks are not followed (a link inside the workspace is trusted like
 * the workspace itself).
 */
function resolveWorkspacePath(value: string, workspace: string, allowOutsidePaths: boolean): Resolution {
  const absolute = path.isAbsolute(value);
  const resolved = path.resolve(workspace, value);
  if (isInsideDirectory(workspace, resolved)) return { ok: true, path: resolved };
  if (absolute && allowOutsidePaths) return { ok: true, path: resolved };
  if (absolute) {
    return { ok: false, message: `"${value}" is outside the workspace ${workspace}; set allowOutsidePaths: true to allow absolute paths outside it` };
  }
  return {
    ok: false,
    message:
      `"${value}" resolves to ${resolved}, outside the workspace ${workspace}; relative paths must stay inside it ` +
      '(to use a file elsewhere, write its absolute path and set allowOutsidePaths: true)',
  };
}

/**
 * Why a glob from the config could match files outside the workspace, if it could. A `..` segment
 * is refused wherever it appears (also inside braces or extglobs, `{..,docs}/*.md`), since the
 * glob library would walk up to it; an absolute glob needs `allowOutsidePaths: true`.
 */
export function workspaceGlobProblem(glob: string, allowOutsidePaths: boolean): string | undefined {
  if (parentSegment.test(glob)) {
    return `"${glob}" has a ".." segment and could match files outside the workspace; globs are relative to the directory of the config file`;
  }
  if (isAbsoluteGlob(glob) && !allowOutsidePaths) {
    return `"${glob}" is an absolute glob; set allowOutsidePaths: true to match files outside the workspace`;
  }
  return undefined;
}

/** `..` as a whole path segment, where segments are also delimited by brace and extglob syntax. */
const parentSegment = /(?:^|[/\\{,(|])\.\.(?:$|[/\\},)|])/;

/** Absolute on this platform or on another (a config file travels between Windows and POSIX). */
export function isAbsoluteGlob(glob: string): boolean {
  return glob.startsWith('/') || glob.startsWith('\\') || /^[A-Za-z]:[/\\]/.test(glob) || path.isAbsolute(glob);
}

export function isInsideDirectory(directory: string, target: string): boolean {
  const relative = path.relative(directory, target);
  // `..foo` is a file inside; `..` and `../foo` are not. An absolute result means another drive (Windows).
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

async function fileKind(file: string): Promise<'file' | 'directory' | 'missing' | 'other'> {
  try {
    const stats = await stat(file);
    return stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : 'other';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Any other failure (EACCES, ...) is left for the reader to report with its real cause.
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'other';
  }
}
