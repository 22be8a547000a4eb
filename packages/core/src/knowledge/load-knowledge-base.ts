/**
 * Loading the knowledge base: the built-in frameworks (validated at build time and shipped as one
 * JSON bundle, so start-up costs a JSON.parse and not a YAML parse plus validation), plus any custom
 * catalog, crosswalk or profile files, which are validated here.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { failure, type InputError, type Result } from '../input-error.js';
import { buildKnowledgeBase, type KnowledgeBase, type KnowledgeBaseSources, type Sourced } from './knowledge-base.js';
import { locateKeyPath, readDataFile } from './read-data-file.js';
import { catalogFileSchema, crosswalkFileSchema, profileFileSchema } from './schemas.js';

/** Custom data files to load beside (or instead of) the built-ins. */
export interface KnowledgeBaseOptions {
  /** Catalog files (frameworks and plant-control catalogs). */
  catalogs?: readonly string[];
  crosswalks?: readonly string[];
  profiles?: readonly string[];
  /** Load the frameworks shipped with plantgap (default true). */
  builtins?: boolean;
}

const bundleUrl = new URL('../builtin-frameworks.json', import.meta.url);
let builtinSources: Promise<KnowledgeBaseSources> | undefined;

/** The built-in catalogs, crosswalks and profiles, read once per process. */
export function loadBuiltinSources(): Promise<KnowledgeBaseSources> {
  builtinSources ??= readFile(bundleUrl, 'utf8').then((text) => JSON.parse(text) as KnowledgeBaseSources);
  return builtinSources;
}

let builtinKnowledgeBase: Promise<Result<KnowledgeBase>> | undefined;

/**
 * Loads and cross-checks the knowledge base. Without custom files the result is cached for the
 * process, since the language server and the CLI ask for it many times.
 */
export async function loadKnowledgeBase(options: KnowledgeBaseOptions = {}): Promise<Result<KnowledgeBase>> {
  const custom = (options.catalogs?.length ?? 0) + (options.crosswalks?.length ?? 0) + (options.profiles?.length ?? 0);
  if (custom === 0 && options.builtins !== false) {
    builtinKnowledgeBase ??= loadBuiltinSources().then(buildKnowledgeBase);
    return builtinKnowledgeBase;
  }
  const builtins = options.builtins === false ? { catalogs: [], crosswalks: [], profiles: [] } : await loadBuiltinSources();
  const customSources = await readSources(options.catalogs ?? [], options.crosswalks ?? [], options.profiles ?? []);
  if (!customSources.ok) return customSources;
  const built = buildKnowledgeBase({
    catalogs: [...builtins.catalogs, ...customSources.value.catalogs],
    crosswalks: [...builtins.crosswalks, ...customSources.value.crosswalks],
    profiles: [...builtins.profiles, ...customSources.value.profiles],
  });
  return built.ok ? built : failure(...(await withLines(built.errors)));
}

/**
 * Cross-file errors (a mapping to an unknown node, a duplicate profile id) are found on validated
 * data, which has no positions; the key path leads back to the line in the file.
 */
async function withLines(errors: readonly InputError[]): Promise<InputError[]> {
  const texts = new Map<string, Promise<string | undefined>>();
  return Promise.all(
    errors.map(async (error) => {
      if (error.line !== undefined || !error.key) return error;
      let text = texts.get(error.file);
      if (!text) {
        text = readFile(error.file, 'utf8').catch(() => undefined);
        texts.set(error.file, text);
      }
      const source = await text;
      return source === undefined ? error : { ...error, ...locateKeyPath(source, error.key) };
    }),
  );
}

/** Reads and validates data files; all files are read, so every error is reported at once. */
export async function readSources(
  catalogFiles: readonly string[],
  crosswalkFiles: readonly string[],
  profileFiles: readonly string[],
): Promise<Result<KnowledgeBaseSources>> {
  const [catalogs, crosswalks, profiles] = await Promise.all([
    Promise.all(catalogFiles.map((file) => readDataFile(file, catalogFileSchema))),
    Promise.all(crosswalkFiles.map((file) => readDataFile(file, crosswalkFileSchema))),
    Promise.all(profileFiles.map((file) => readDataFile(file, profileFileSchema))),
  ]);
  const errors: InputError[] = [];
  const collect = <T>(results: Result<T>[], files: readonly string[]): Sourced<T>[] =>
    results.flatMap((result, index) => {
      if (result.ok) return [{ file: files[index] ?? '', data: result.value }];
      errors.push(...result.errors);
      return [];
    });
  const sources = {
    catalogs: collect(catalogs, catalogFiles),
    crosswalks: collect(crosswalks, crosswalkFiles),
    profiles: collect(profiles, profileFiles),
  };
  return errors.length > 0 ? failure(...errors) : { ok: true, value: sources };
}

/**
 * Reads a `frameworks/` directory laid out as `catalogs/`, `crosswalks/` and `profiles/`
 * (the layout of the built-in data). Used to build the bundle and by tests.
 */
export async function readFrameworkDirectory(directory: string): Promise<Result<KnowledgeBaseSources>> {
  const list = async (sub: string) => {
    const folder = path.join(directory, sub);
    const names = await readdir(folder).catch(() => [] as string[]);
    return names.filter((name) => /\.(ya?ml|json)$/.test(name)).sort().map((name) => path.join(folder, name));
  };
  return readSources(await list('catalogs'), await list('crosswalks'), await list('profiles'));
}
