/**
 * What one section yields, positions relative to the section's first line (line 1).
 * It is a flat list of events in document order; build-plan.ts folds the events of all sections into
 * the plan model. Kept free of plan context so a cached section can be reused anywhere in a document.
 */
import type { ReferenceMatch, Resolution } from '../knowledge/references.js';
import type { Range } from './positions.js';

/** A framework reference found in a plan, with its place. */
export interface ReferenceOccurrence {
  text: string;
  range: Range;
  resolution: Resolution;
}

/** A `Key: value` attribute (list item, paragraph line) or a table cell read as one. */
export interface Attribute {
  /** Canonical name (`status`, `owner`, …) or the lower-cased key as written. */
  name: string;
  /** The key as written (`Owned by`), or the column header. */
  key: string;
  /** Plain text of the value (Markdown emphasis and link syntax removed). */
  value: string;
  /** Range of the value (zero-width right after the key when the value is empty). */
  range: Range;
  /** Range of the whole `Key: value` line or cell. */
  lineRange: Range;
  placeholder: boolean;
  hasLink: boolean;
}

export interface TableCell {
  text: string;
  raw: string;
  /** The cell's text (without pipes and padding); zero-width after the opening pipe when empty. */
  range: Range;
  /** The whole cell as remark delimits it, pipes and padding included (row ranges are made of these). */
  extent: Range;
  /** The references in the cell (most cells have none, and share one empty array). */
  references: readonly ReferenceOccurrence[];
}

export type SectionEvent =
  | { type: 'front-matter'; value: string; range: Range; valueStartLine: number }
  | {
      type: 'heading';
      depth: number;
      text: string;
      range: Range;
      /** Set when the heading starts with a control id (`OT-SEG-01 — …`). */
      controlId?: { id: string; range: Range; title: string };
      /** Set when the heading starts with a framework reference (`PR.IR-01 …`, `A.8.22 …`). */
      key?: ReferenceOccurrence;
      title: string;
    }
  | { type: 'attribute'; attribute: Attribute; listItem: boolean }
  /** Template text left unfilled (`[Owner]`), as plain text. */
  | { type: 'prose'; range: Range; placeholder: true; text: string }
  /** Other prose of three words or more: it describes the control it is in. Its text and place are not kept. */
  | { type: 'description' }
  | { type: 'references'; references: ReferenceOccurrence[] }
  | { type: 'table'; header: TableCell[]; rows: TableCell[][]; range: Range }
  | { type: 'directive'; command: 'disable' | 'enable' | 'disable-next-line' | 'disable-line'; rules: string[]; range: Range };

export interface ParsedSection {
  events: SectionEvent[];
  lineCount: number;
  /**
   * The line (0-based) of its file the section was parsed at: the events' lines count from there.
   * Absent or 0 means lines relative to the section. Where the section stands elsewhere in its
   * file (lines were added above it since), its events are shifted (shift-events.ts).
   */
  firstLine?: number;
}

export type { ReferenceMatch };
