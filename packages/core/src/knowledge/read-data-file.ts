/**
 * Reads one YAML/JSON data file and validates it against a zod schema.
 * Validation errors are mapped back to the line and column of the offending key,
 * because "nodes[212].parent" alone is hard to find in a 3,000-line catalog.
 */
import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument, isMap, isNode, isScalar, type Document } from 'yaml';
import type { z } from 'zod';
import { failure, formatKeyPath, success, type InputError, type Result } from '../input-error.js';

/** Largest data file we read; a framework catalog is well under 1 MB. */
export const MAX_DATA_FILE_BYTES = 8 * 1024 * 1024;

/** Parses YAML text (JSON is YAML) and validates it; `file` is only used in messages. */
export function parseDataText<Schema extends z.ZodType>(text: string, file: string, schema: Schema): Result<z.infer<Schema>> {
  const lineCounter = new LineCounter();
  // uniqueKeys: a repeated key is an error, not a silent overwrite; maxAliasCount guards against alias bombs.
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) {
    return failure(
      ...document.errors.map((error) => {
        const position = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
        return { file, message: error.message.split('\n')[0] ?? error.message, line: position?.line, column: position?.col };
      }),
    );
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return failure({ file, message: (error as Error).message });
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return success(parsed.data);
  return failure(...parsed.error.issues.flatMap((issue) => issueToErrors(issue, document, lineCounter, file)));
}

/** Reads and validates a data file from disk. */
export async function readDataFile<Schema extends z.ZodType>(file: string, schema: Schema): Promise<Result<z.infer<Schema>>> {
  let text: string;
  try {
    const buffer = await readFile(file);
    if (buffer.byteLength > MAX_DATA_FILE_BYTES) {
      return failure({ file, message: `file is ${buffer.byteLength} bytes; data files are limited to ${MAX_DATA_FILE_BYTES}` });
    }
    text = buffer.toString('utf8');
  } catch (error) {
    return failure({ file, message: `cannot read file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
  }
  return parseDataText(text, file, schema);
}

function issueToErrors(issue: z.core.$ZodIssue, document: Document, lineCounter: LineCounter, file: string): InputError[] {
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
function locateKey(document: Document, lineCounter: LineCounter, path: PropertyKey[], key: string): { line?: number; column?: number } {
  const mapping = path.length === 0 ? document.contents : document.getIn(path, true);
  if (isMap(mapping)) {
    for (const pair of mapping.items) {
      if (isScalar(pair.key) && String(pair.key.value) === key && pair.key.range) {
        const position = lineCounter.linePos(pair.key.range[0]);
        return { line: position.line, column: position.col };
      }
    }
  }
  return locate(document, lineCounter, path);
}

/** Finds the deepest existing node on the path, so a missing key points at its parent mapping. */
function locate(document: Document, lineCounter: LineCounter, path: PropertyKey[]): { line?: number; column?: number } {
  for (let length = path.length; length >= 0; length--) {
    const node = length === 0 ? document.contents : document.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) {
      const position = lineCounter.linePos(node.range[0]);
      return { line: position.line, column: position.col };
    }
  }
  return {};
}
