/**
 * Reads one YAML/JSON data file and validates it against a zod schema.
 * Validation errors are mapped back to the line and column of the offending key,
 * because "nodes[212].parent" alone is hard to find in a 3,000-line catalog.
 */
import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
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
        const position = error.linePos?.[0];
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
  return failure(...parsed.error.issues.map((issue) => issueToError(issue, document, lineCounter, file)));
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

function issueToError(issue: z.core.$ZodIssue, document: Document, lineCounter: LineCounter, file: string): InputError {
  const path = issue.path as PropertyKey[];
  const location = locate(document, lineCounter, path);
  return { file, key: formatKeyPath(path) || undefined, message: issue.message, ...location };
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
