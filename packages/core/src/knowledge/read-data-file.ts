/**
 * Reads one YAML/JSON data file and validates it against a zod schema.
 * Validation errors are mapped back to the line and column of the offending key,
 * because "nodes[212].parent" alone is hard to find in a 3,000-line catalog.
 */
import { readFile } from 'node:fs/promises';
import { parseDocument, isMap, isNode, isScalar, isSeq, type Document } from 'yaml';
import type { z } from 'zod';
import { failure, formatKeyPath, success, type InputError, type Result } from '../input-error.js';
import { LineIndex } from '../parse/positions.js';

/** Largest data file we read; a framework catalog is well under 1 MB. */
export const MAX_DATA_FILE_BYTES = 8 * 1024 * 1024;

/**
 * Keys that reach an object's prototype when a naive consumer assigns or deep-merges them
 * (`obj[key] = value`, lodash `merge`). No plantgap file has a use for them, so they are refused
 * wherever they appear, before any of our code or a library sees them.
 */
export const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses YAML text (JSON is YAML) and validates it; `file` is only used in messages. */
export function parseDataText<Schema extends z.ZodType>(text: string, file: string, schema: Schema): Result<z.infer<Schema>> {
  const checked = checkDataText(text, file, schema);
  if (checked.errors.length > 0 || !checked.parsed?.success) return failure(...checked.errors);
  return success(checked.parsed.data as z.infer<Schema>);
}

/**
 * Like {@link parseDataText}, but never all-or-nothing: every problem is reported, and the value is
 * `lenient` applied to the data, so a caller keeps the valid parts of a partly wrong file (the
 * `plantgap:` block of a plan's front matter, where one bad key must not drop the others).
 * `value` is absent only when the text is not YAML at all.
 */
export function parseDataTextLeniently<Schema extends z.ZodType>(
  text: string,
  file: string,
  strict: z.ZodType,
  lenient: Schema,
): { value?: z.infer<Schema>; errors: InputError[] } {
  const checked = checkDataText(text, file, strict);
  if (checked.parsed === undefined) return { errors: checked.errors };
  const salvaged = lenient.safeParse(checked.data);
  return { value: salvaged.success ? salvaged.data : undefined, errors: checked.errors };
}

interface CheckedData<Schema extends z.ZodType> {
  /** The data with unsafe keys removed; undefined when the YAML did not parse. */
  data?: unknown;
  parsed?: ReturnType<Schema['safeParse']>;
  errors: InputError[];
}

function checkDataText<Schema extends z.ZodType>(text: string, file: string, schema: Schema): CheckedData<Schema> {
  // Positions come from our own index of the text: the yaml library's LineCounter misses newlines
  // it skips while recovering from a syntax error, and then reports lines that do not exist.
  const lineCounter = new LineIndex(text);
  // uniqueKeys: a repeated key is an error, not a silent overwrite. logLevel 'error': the yaml
  // library would otherwise print warnings (complex keys) straight to the console.
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false, logLevel: 'error' });
  if (document.errors.length > 0) {
    return {
      errors: document.errors.map((error) => {
        const position = lineCounter.position(error.pos[0]);
        return { file, message: error.message.split('\n')[0] ?? error.message, line: position?.line, column: position?.column };
      }),
    };
  }
  let data: unknown;
  try {
    // maxAliasCount guards against alias bombs (a few lines expanding to gigabytes).
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { errors: [{ file, message: (error as Error).message }] };
  }
  const errors = unsafeKeyErrors(document.contents, [], lineCounter, file);
  if (errors.length > 0) data = withoutUnsafeKeys(data);
  const parsed = schema.safeParse(data) as ReturnType<Schema['safeParse']>;
  if (!parsed.success) errors.push(...parsed.error.issues.flatMap((issue) => issueToErrors(issue, document, lineCounter, file)));
  return { data, parsed, errors };
}

/**
 * Where a key path (`nodes[3].mappings[0].id`, as {@link formatKeyPath} writes it) is in a YAML
 * text: for errors found after validation (cross-file checks), which know the key but not the line.
 */
export function locateKeyPath(text: string, keyPath: string): { line?: number; column?: number } {
  const document = parseDocument(text, { logLevel: 'error' });
  if (document.errors.length > 0) return {};
  const path: PropertyKey[] = [];
  for (const match of keyPath.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) path.push(match[2] !== undefined ? Number(match[2]) : (match[1] ?? ''));
  return locate(document, new LineIndex(text), path);
}

/** Reads and validates a data file from disk. Binary and non-UTF-8 files are refused, not decoded with replacement characters. */
export async function readDataFile<Schema extends z.ZodType>(file: string, schema: Schema): Promise<Result<z.infer<Schema>>> {
  let text: string;
  try {
    const buffer = await readFile(file);
    if (buffer.byteLength > MAX_DATA_FILE_BYTES) {
      return failure({ file, message: `file is ${buffer.byteLength} bytes; data files are limited to ${MAX_DATA_FILE_BYTES}` });
    }
    if (buffer.includes(0)) return failure({ file, message: 'binary file (contains NUL bytes); expected YAML or JSON text' });
    try {
      text = utf8.decode(buffer);
    } catch {
      return failure({ file, message: 'not valid UTF-8 text; save the file as UTF-8' });
    }
  } catch (error) {
    return failure({ file, message: `cannot read file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
  }
  return parseDataText(text, file, schema);
}

/** One error per unsafe key anywhere in the document, placed on the key. */
function unsafeKeyErrors(node: unknown, path: PropertyKey[], lineCounter: LineIndex, file: string): InputError[] {
  const errors: InputError[] = [];
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key !== undefined && UNSAFE_KEYS.has(key)) {
        const position = pair.key && isNode(pair.key) && pair.key.range ? lineCounter.position(pair.key.range[0]) : undefined;
        errors.push({
          file,
          key: formatKeyPath([...path, key]),
          message: `key "${key}" is not allowed (it could alter JavaScript object prototypes); remove it`,
          line: position?.line,
          column: position?.column,
        });
      } else {
        errors.push(...unsafeKeyErrors(pair.value, [...path, key ?? '?'], lineCounter, file));
      }
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => errors.push(...unsafeKeyErrors(item, [...path, index], lineCounter, file)));
  }
  return errors;
}

/** A copy of plain data without unsafe keys, so that neither a schema nor a caller ever sees them. */
function withoutUnsafeKeys(data: unknown): unknown {
  if (Array.isArray(data)) return data.map(withoutUnsafeKeys);
  if (data === null || typeof data !== 'object') return data;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (!UNSAFE_KEYS.has(key)) copy[key] = withoutUnsafeKeys(value);
  }
  return copy;
}

function issueToErrors(issue: z.core.$ZodIssue, document: Document, lineCounter: LineIndex, file: string): InputError[] {
  const path = issue.path as PropertyKey[];
  // One error per unknown key, placed on the key itself: a typo is easier to spot on its own line.
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const keyPath = [...path, key];
      return { file, key: formatKeyPath(keyPath), message: `unknown key "${key}"`, ...locateKey(document, lineCounter, path, key) };
    });
  }
  return [{ file, key: formatKeyPath(path) || undefined, message: issue.message, ...locate(document, lineCounter, path) }];
}

/** The position of a key (not its value) in the mapping at `path`. */
function locateKey(document: Document, lineCounter: LineIndex, path: PropertyKey[], key: string): { line?: number; column?: number } {
  const mapping = path.length === 0 ? document.contents : document.getIn(path, true);
  if (isMap(mapping)) {
    for (const pair of mapping.items) {
      if (isScalar(pair.key) && String(pair.key.value) === key && pair.key.range) {
        const position = lineCounter.position(pair.key.range[0]);
        return { line: position.line, column: position.column };
      }
    }
  }
  return locate(document, lineCounter, path);
}

/** Finds the deepest existing node on the path, so a missing key points at its parent mapping. */
function locate(document: Document, lineCounter: LineIndex, path: PropertyKey[]): { line?: number; column?: number } {
  for (let length = path.length; length >= 0; length--) {
    const node = length === 0 ? document.contents : document.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) {
      const position = lineCounter.position(node.range[0]);
      return { line: position.line, column: position.column };
    }
  }
  return {};
}
