/**
 * A parsed section's events moved to the section's place in its file. A section is parsed with the
 * lines of the place it first stood at (ParsedSection.firstLine), so most sections need nothing
 * here; one that has moved since (lines added or removed above it in the editor) gets shifted
 * copies. They are remembered per section with their offset, so rebuilding a plan after an edit
 * shifts each moved section once. Events are treated as immutable once made.
 */
import type { Attribute, ParsedSection, ReferenceOccurrence, SectionEvent, TableCell } from './parsed-section.js';
import { rangeShifter, type Range } from './positions.js';

const shifted = new WeakMap<ParsedSection, { offset: number; events: readonly SectionEvent[] }>();

/** The section's events as they read where the section starts at `startLine` (0-based) of its file. */
export function shiftedEvents(section: ParsedSection, startLine: number): readonly SectionEvent[] {
  const offset = startLine - (section.firstLine ?? 0);
  if (offset === 0) return section.events;
  const cached = shifted.get(section);
  if (cached?.offset === offset) return cached.events;
  const shift = rangeShifter(offset);
  const events = section.events.map((event) => shiftEvent(event, offset, shift));
  shifted.set(section, { offset, events });
  return events;
}

type Shift = (range: Range) => Range;

function shiftReference(reference: ReferenceOccurrence, shift: Shift): ReferenceOccurrence {
  return { text: reference.text, range: shift(reference.range), resolution: reference.resolution };
}

function shiftAttribute(attribute: Attribute, shift: Shift): Attribute {
  const range = shift(attribute.range);
  // A table cell's attribute has one range object for both.
  return { ...attribute, range, lineRange: attribute.lineRange === attribute.range ? range : shift(attribute.lineRange) };
}

function shiftCell(cell: TableCell, shift: Shift): TableCell {
  return { text: cell.text, raw: cell.raw, range: shift(cell.range), extent: shift(cell.extent), references: cell.references.length === 0 ? cell.references : cell.references.map((reference) => shiftReference(reference, shift)) };
}

function shiftEvent(event: SectionEvent, offset: number, shift: Shift): SectionEvent {
  switch (event.type) {
    case 'front-matter':
      return { ...event, range: shift(event.range), valueStartLine: event.valueStartLine + offset };
    case 'heading':
      return {
        ...event,
        range: shift(event.range),
        ...(event.controlId && { controlId: { ...event.controlId, range: shift(event.controlId.range) } }),
        ...(event.key && { key: shiftReference(event.key, shift) }),
      };
    case 'attribute':
      return { ...event, attribute: shiftAttribute(event.attribute, shift) };
    case 'prose':
      return { ...event, range: shift(event.range) };
    case 'references':
      return { type: 'references', references: event.references.map((reference) => shiftReference(reference, shift)) };
    case 'table':
      return {
        type: 'table',
        header: event.header.map((cell) => shiftCell(cell, shift)),
        rows: event.rows.map((row) => row.map((cell) => shiftCell(cell, shift))),
        range: shift(event.range),
      };
    case 'directive':
      return { ...event, range: shift(event.range) };
    case 'description':
      return event;
  }
}
