/**
 * Where plan-level findings and inserted text go. Shared by the rules that report on the plan
 * as a whole or offer to insert lines into a control.
 */
import type { Plan, PlanEntry } from '../parse/plan-model.js';
import type { Range } from '../parse/positions.js';
import type { TextEdit } from './rule.js';

/** The first file's title heading, or its first line. */
export function planAnchor(plan: Plan): { file: string; range: Range } {
  const first = plan.files[0];
  return { file: first?.path ?? '', range: first?.anchor ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } };
}

/** An insertion of a `- **Key:** value` line after the entry's last attribute (or its heading). */
export function insertAttributeEdit(entry: PlanEntry, key: string, value: string): TextEdit | undefined {
  if (entry.origin !== 'heading') return undefined;
  let line = entry.range.end.line;
  for (const attribute of Object.values(entry.attributes)) line = Math.max(line, attribute.lineRange.end.line);
  const position = { line: line + 1, column: 1 };
  return { file: entry.file, range: { start: position, end: position }, newText: `- **${key}:** ${value}\n` };
}

/** Every reference in the plan with its file: entry keys, entry references and loose ones. */
export function allReferences(plan: Plan) {
  const references = plan.looseReferences.map((reference) => ({ ...reference, entry: undefined as PlanEntry | undefined }));
  for (const entry of plan.entries) {
    if (entry.key) references.push({ ...entry.key, file: entry.file, entry });
    for (const reference of entry.references) references.push({ ...reference, file: entry.file, entry });
  }
  return references;
}
