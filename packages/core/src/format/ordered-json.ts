/**
 * JSON text whose object keys come out in the order we choose. `JSON.stringify` always writes
 * integer-like keys (ISO clauses `4`…`10`) first, in numeric order, before every other key; a
 * `Map` here is written as a JSON object in its insertion order instead. Everything else is
 * written exactly as `JSON.stringify(value, null, indent)` writes plain data.
 *
 * The text comes in chunks (text-chunks.ts), so a report of tens of megabytes is written out as it
 * is made instead of first being held as one string (with the pieces it was joined from) on top of
 * the analysis it describes. Only the outer levels are
 * written member by member; deeper values (a finding, a SARIF result) are written whole, which is
 * about twice as fast as visiting each small object through a generator.
 */

import { inChunks } from './text-chunks.js';

/**
 * An array whose items are made only as they are written: the JSON of a long list of findings
 * then never needs all of its per-item objects at once. Written exactly as an array of the items.
 */
export class LazyJsonArray {
  constructor(readonly items: Iterable<unknown>) {}
}

export interface OrderedJsonOptions {
  /** Spaces per level (default 2). */
  indent?: number;
  /**
   * How many levels are written member by member: 1 streams the items of a top-level object's
   * lists, each item written whole. The long lists must lie within these levels.
   */
  streamedLevels: number;
}

/** The JSON text of `value` in chunks; joined, they are the whole text. */
export function orderedJsonChunks(value: unknown, options: OrderedJsonOptions): Generator<string, void, undefined> {
  const layout: Layout = { levels: options.streamedLevels, step: ' '.repeat(options.indent ?? 2) };
  return inChunks(isContainer(value) ? streamContainer(value, '', 0, layout) : [JSON.stringify(value) ?? 'null']);
}

interface Layout {
  readonly levels: number;
  readonly step: string;
}

type Container = Map<unknown, unknown> | LazyJsonArray | readonly unknown[] | Record<string, unknown>;

function isContainer(value: unknown): value is Container {
  return value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/** Writes a container member by member: a piece per member of the streamed levels. */
function* streamContainer(value: Container, current: string, level: number, layout: Layout): Generator<string, void, undefined> {
  const inner = current + layout.step;
  const streamed = level < layout.levels;
  if (Array.isArray(value) || value instanceof LazyJsonArray) {
    let first = true;
    for (const item of Array.isArray(value) ? value : value.items) {
      const separator = first ? `[\n${inner}` : `,\n${inner}`;
      first = false;
      if (streamed && isContainer(item)) {
        yield separator;
        yield* streamContainer(item, inner, level + 1, layout);
      } else {
        yield separator + (write(item, inner, layout.step) ?? 'null');
      }
    }
    yield first ? '[]' : `\n${current}]`;
    return;
  }
  let first = true;
  for (const [key, entry] of value instanceof Map ? value.entries() : Object.entries(value)) {
    const stream = streamed && isContainer(entry);
    // A member JSON leaves out (undefined, a function) gets no separator either.
    const text = stream ? '' : write(entry, inner, layout.step);
    if (text === undefined) continue;
    yield `${first ? '{\n' : ',\n'}${inner}${JSON.stringify(String(key))}: ${text}`;
    first = false;
    if (stream) yield* streamContainer(entry, inner, level + 1, layout);
  }
  yield first ? '{}' : `\n${current}}`;
}

/** The whole JSON text of a value below the streamed levels. */
function write(value: unknown, current: string, step: string): string | undefined {
  if (value instanceof Map) return writeEntries([...value.entries()].map(([key, entry]) => [String(key), entry] as const), current, step);
  if (Array.isArray(value) || value instanceof LazyJsonArray) {
    const items = Array.isArray(value) ? value : [...value.items];
    if (items.length === 0) return '[]';
    const inner = current + step;
    return `[\n${items.map((item) => `${inner}${write(item, inner, step) ?? 'null'}`).join(',\n')}\n${current}]`;
  }
  if (isContainer(value)) return writeEntries(Object.entries(value), current, step);
  return JSON.stringify(value);
}

function writeEntries(entries: readonly (readonly [string, unknown])[], current: string, step: string): string {
  const inner = current + step;
  const members: string[] = [];
  for (const [key, entry] of entries) {
    const text = write(entry, inner, step);
    if (text !== undefined) members.push(`${inner}${JSON.stringify(key)}: ${text}`);
  }
  return members.length === 0 ? '{}' : `{\n${members.join(',\n')}\n${current}}`;
}
