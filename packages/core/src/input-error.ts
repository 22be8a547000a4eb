/**
 * Errors in external input (plans, config, framework files, CLI arguments) are values, not exceptions:
 * each names the file and, where known, the line, column and key path, so a user can go straight to it.
 */

/** A problem with something a user supplied. Lines and columns are 1-based. */
export interface InputError {
  file: string;
  message: string;
  line?: number;
  column?: number;
  /** Dotted key path inside a structured file, e.g. `nodes[3].mappings[0].relationship`. */
  key?: string;
}

/** The outcome of reading external input: a value, or the errors that prevented it. */
export type Result<T> = { ok: true; value: T } | { ok: false; errors: InputError[] };

export function success<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function failure<T>(...errors: InputError[]): Result<T> {
  return { ok: false, errors };
}

/** `file:line:column: key: message`, the shape editors and terminals turn into links. */
export function formatInputError(error: InputError): string {
  let where = error.file;
  if (error.line !== undefined) where += `:${error.line}`;
  if (error.line !== undefined && error.column !== undefined) where += `:${error.column}`;
  return error.key ? `${where}: ${error.key}: ${error.message}` : `${where}: ${error.message}`;
}

/** Renders a zod-style path (`['nodes', 3, 'id']`) as `nodes[3].id`. */
export function formatKeyPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text;
}
