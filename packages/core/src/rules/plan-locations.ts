/**
 * Where plan-level findings and inserted text go. Shared by the rules that report on the plan
 * as a whole or offer to insert lines into a control.
 */
import { EntryValues } from '../analyze/entry-values.js';
import type { Plan, PlanEntry, PlanFileSummary, PlanSummary } from '../parse/plan-model.js';
import type { ReferenceOccurrence } from '../parse/parsed-section.js';
import type { Range } from '../parse/positions.js';
import type { Fix, TextEdit } from './rule.js';

/** The plan's title heading (in its main file), or the first file's first line. */
export function planAnchor(plan: PlanSummary): { file: string; range: Range } {
  const title = plan.metadata.title;
  if (title) return { file: title.file, range: title.range };
  return { file: plan.files[0]?.path ?? '', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } };
}

/** The file that holds the plan's title (its main file), else the last file: where new sections go. */
export function planMainFile(plan: PlanSummary): PlanFileSummary | undefined {
  const titleFile = plan.metadata.title?.file;
  return plan.files.find((file) => file.path === titleFile) ?? plan.files[plan.files.length - 1];
}

/**
 * An insertion of `text` (whole lines, ending in a newline) at the end of a file. A file without
 * a final newline gets one first, so the edit never points past the file's last line.
 */
export function appendToFileEdit(file: PlanFileSummary, text: string): TextEdit {
  const endsWithNewline = file.end.column === 1;
  return { file: file.path, range: { start: file.end, end: file.end }, newText: endsWithNewline ? text : `\n${text.replace(/\n$/, '')}` };
}

/**
 * A fix giving a control written under a heading a `Key: value`: when the key is there with no value
 * (`- **Owner:**`), the line is completed in place; else a `- **Key:** value` line is inserted after
 * the entry's last attribute (or its heading). `name` is the attribute's canonical name; `file` is the
 * entry's file.
 */
export function attributeFix(file: PlanFileSummary | undefined, entry: PlanEntry, name: string, key: string, value: string): Fix | undefined {
  if (entry.origin !== 'heading') return undefined;
  const empty = entry.attributes[name];
  if (empty && empty.value.trim() === '' && !empty.placeholder) {
    const { lineRange, range } = empty;
    const end = range.end.line === lineRange.end.line && range.end.column > lineRange.end.column ? range.end : lineRange.end;
    return { title: `Fill in the ${key}`, edits: [{ file: entry.file, range: { start: lineRange.start, end }, newText: `**${key}:** ${value}` }] };
  }
  let line = entry.range.end.line;
  for (const attribute of Object.values(entry.attributes)) line = Math.max(line, attribute.lineRange.end.line);
  const newText = `- **${key}:** ${value}\n`;
  const title = `Add ${/^[AEIOU]/.test(key) ? 'an' : 'a'} ${key} line`;
  // The entry's last line is the file's last line and has no newline: append after it instead.
  if (file && line >= file.end.line) return { title, edits: [appendToFileEdit(file, newText)] };
  const position = { line: line + 1, column: 1 };
  return { title, edits: [{ file: entry.file, range: { start: position, end: position }, newText }] };
}

export type PlanReference = ReferenceOccurrence & { file: string; entry: PlanEntry | undefined };

/**
 * True for references some rule reports on: unknown, deprecated, ambiguous or naming a group.
 * Nearly all references in a real plan are plain known requirements; the rules that look at
 * references only need the few others, and an edit re-runs them all.
 */
function needsAttention(reference: ReferenceOccurrence): boolean {
  const resolution = reference.resolution;
  return resolution.status !== 'known' || resolution.alternatives.length > 0 || !resolution.node.assessable;
}

const flaggedByPlan = new WeakMap<Plan, readonly PlanReference[]>();
/** Per entry: an unchanged entry keeps its object and its place across edits (analyze/entry-values.ts). */
const flaggedOfEntries = new EntryValues<PlanEntry, readonly PlanReference[]>();
const noReferences: readonly PlanReference[] = [];
/** Loose references are kept across edits too; the same object each time lets rules remember their findings. */
const flaggedLoose = new WeakMap<object, PlanReference>();

/** Every reference of the plan (entry keys, entry references, loose ones) that some rule may report on. */
export function referencesNeedingAttention(plan: Plan): readonly PlanReference[] {
  const cached = flaggedByPlan.get(plan);
  if (cached) return cached;
  const flagged: PlanReference[] = [];
  for (const reference of plan.looseReferences) {
    if (!needsAttention(reference)) continue;
    let loose = flaggedLoose.get(reference);
    if (!loose) flaggedLoose.set(reference, (loose = flaggedReference(reference, reference.file, undefined)));
    flagged.push(loose);
  }
  const ofEntries = flaggedOfEntries.of(plan, {
    context: [],
    compute: (entry) => {
      const occurrences = entry.key ? [entry.key, ...entry.references] : entry.references;
      const found = occurrences.filter(needsAttention).map((reference) => flaggedReference(reference, entry.file, entry));
      return found.length > 0 ? found : noReferences;
    },
  });
  for (const ofEntry of ofEntries) for (const reference of ofEntry) flagged.push(reference);
  flaggedByPlan.set(plan, flagged);
  return flagged;
}

function flaggedReference(reference: ReferenceOccurrence, file: string, entry: PlanEntry | undefined): PlanReference {
  return { text: reference.text, range: reference.range, resolution: reference.resolution, file, entry };
}

/** Every reference in the plan with its file: entry keys, entry references and loose ones. */
export function allReferences(plan: Plan): PlanReference[] {
  const references: PlanReference[] = plan.looseReferences.map((reference) => ({ ...reference, entry: undefined }));
  for (const entry of plan.entries) {
    if (entry.key) references.push({ ...entry.key, file: entry.file, entry });
    for (const reference of entry.references) references.push({ ...reference, file: entry.file, entry });
  }
  return references;
}
