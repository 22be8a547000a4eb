/**
 * JSON text whose object keys come out in the order we choose. `JSON.stringify` always writes
 * integer-like keys (ISO clauses `4`…`10`) first, in numeric order, before every other key; a
 * `Map` here is written as a JSON object in its insertion order instead. Everything else is
 * written exactly as `JSON.stringify(value, null, indent)` writes plain data.
 */
export function stringifyOrderedJson(value: unknown, indent = 2): string {
  return write(value, '', ' '.repeat(indent)) ?? 'null';
}

function write(value: unknown, current: string, step: string): string | undefined {
  if (value instanceof Map) return writeEntries([...value.entries()].map(([key, entry]) => [String(key), entry] as const), current, step);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inner = current + step;
    const items = value.map((item) => `${inner}${write(item, inner, step) ?? 'null'}`);
    return `[\n${items.join(',\n')}\n${current}]`;
  }
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON !== 'function') {
    return writeEntries(Object.entries(value), current, step);
  }
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
