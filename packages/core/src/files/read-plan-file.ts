/**
 * Reading plan files from disk with explicit limits: a file that is too large, binary, not UTF-8
 * or has an absurdly long line is reported and skipped — never silently truncated.
 */
import { readFile, stat } from 'node:fs/promises';
import type { SectionedText } from '../parse/sectioned-text.js';

export interface PlanFileLimits {
  maxFileBytes: number;
  maxLineLength: number;
}

export const defaultPlanFileLimits: PlanFileLimits = { maxFileBytes: 25 * 1024 * 1024, maxLineLength: 1_000_000 };

export type PlanFileRead = { ok: true; path: string; text: string } | { ok: false; path: string; reason: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Checks text that is already in memory (an editor buffer, kept as sections or not) against the
 * line-length limit. A line's length counts everything before its `\n`.
 */
export function checkPlanText(text: string | SectionedText, limits: PlanFileLimits = defaultPlanFileLimits): string | undefined {
  const long = typeof text === 'string' ? lineLongerThan(text, limits.maxLineLength) : text.lineLongerThan(limits.maxLineLength);
  return long && `line ${long.line} is ${long.length} characters long; the limit is ${limits.maxLineLength} (limits.maxLineLength)`;
}

function lineLongerThan(text: string, limit: number): { line: number; length: number } | undefined {
  if (text.length <= limit) return undefined;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); ; index = text.indexOf('\n', index + 1)) {
    const end = index === -1 ? text.length : index;
    if (end - lineStart > limit) return { line: text.slice(0, lineStart).split('\n').length, length: end - lineStart };
    if (index === -1) return undefined;
    lineStart = index + 1;
  }
}

/** Reads one plan file; `displayPath` is what messages and findings call it. */
export async function readPlanFile(absolutePath: string, displayPath: string, limits: PlanFileLimits = defaultPlanFileLimits): Promise<PlanFileRead> {
  try {
    const info = await stat(absolutePath);
    if (!info.isFile()) return { ok: false, path: displayPath, reason: 'not a regular file' };
    if (info.size > limits.maxFileBytes) {
      return { ok: false, path: displayPath, reason: `file is ${info.size} bytes; the limit is ${limits.maxFileBytes} (limits.maxFileBytes)` };
    }
    const buffer = await readFile(absolutePath);
    if (buffer.subarray(0, 8192).includes(0)) return { ok: false, path: displayPath, reason: 'binary file (contains NUL bytes)' };
    let text: string;
    try {
      text = decoder.decode(buffer);
    } catch {
      return { ok: false, path: displayPath, reason: 'not valid UTF-8 text; save the plan as UTF-8' };
    }
    const lineProblem = checkPlanText(text, limits);
    if (lineProblem) return { ok: false, path: displayPath, reason: lineProblem };
    return { ok: true, path: displayPath, text };
  } catch (error) {
    return { ok: false, path: displayPath, reason: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
}
