/**
 * A parsed section's events moved to the section's place in its file (line numbers shifted).
 * The result is remembered per section with its offset, so rebuilding a plan after an edit inside
 * one line shifts only the edited section: every other section's shifted events are reused as
 * they are. Events are treated as immutable once made.
 */
import type { Attribute, ParsedSection, ReferenceOccurrence, SectionEvent, TableCell } from './parsed-section.js';
import { shiftRange } from './positions.js';

const shifted = new WeakMap<ParsedSection, { offset: number; events: readonly SectionEvent[] }>();

/** The section's events with every line moved down by `offset` lines. */
export function shiftedEvents(section: ParsedSection, offset: number): readonly SectionEvent[] {
  if (offset === 0) return section.events;
  const cached = shifted.get(section);
  if (cached?.offset === offset) return cached.events;
  const events = section.events.map((event) => shiftEvent(event, offset));
  shifted.set(section, { offset, events });
  return events;
}

function shiftReference(reference: ReferenceOccurrence, offset: number): ReferenceOccurrence {
  return { text: reference.text, range: shiftRange(reference.range, offset), resolution: reference.resolution };
}

function shiftAttribute(attribute: Attribute, offset: number): Attribute {
  return { ...attribute, range: shiftRange(attribute.range, offset), lineRange: shiftRange(attribute.lineRange, offset) };
}

function shiftCell(cell: TableCell, offset: number): TableCell {
  return { text: cell.text, raw: cell.raw, range: shiftRange(cell.range, offset), extent: shiftRange(cell.extent, offset), references: cell.references.map((reference) => shiftReference(reference, offset)) };
}

function shiftEvent(event: SectionEvent, offset: number): SectionEvent {
  switch (event.type) {
    case 'front-matter':
      return { ...event, range: shiftRange(event.range, offset), valueStartLine: event.valueStartLine + offset };
    case 'heading':
      return {
        ...event,
        range: shiftRange(event.range, offset),
        ...(event.controlId && { controlId: { ...event.controlId, range: shiftRange(event.controlId.range, offset) } }),
        ...(event.key && { key: shiftReference(event.key, offset) }),
      };
    case 'attribute':
      return { ...event, attribute: shiftAttribute(event.attribute, offset) };
    case 'prose':
      return { ...event, range: shiftRange(event.range, offset) };
    case 'references':
      return { type: 'references', references: event.references.map((reference) => shiftReference(reference, offset)) };
    case 'table':
      return {
        type: 'table',
        header: event.header.map((cell) => shiftCell(cell, offset)),
        rows: event.rows.map((row) => row.map((cell) => shiftCell(cell, offset))),
        range: shiftRange(event.range, offset),
      };
    case 'directive':
      return { ...event, range: shiftRange(event.range, offset) };
  }
}
