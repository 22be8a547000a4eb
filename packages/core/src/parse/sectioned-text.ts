/**
 * A document kept as its sections (split-sections.ts) instead of one string, for editors: an edit
 * replaces the few sections it touches and re-splits only them, so unchanged sections keep their
 * string objects. Nothing then copies or re-hashes the whole document on a keystroke: the parser's
 * cache finds an unchanged section by a string whose hash V8 has already computed.
 *
 * It holds text whose line breaks are `\n` or `\r\n` and that has no byte-order mark: for those,
 * splitting the raw text and normalising each section gives exactly the sections that normalising
 * and then splitting the whole text gives. Text with a BOM or a lone `\r` is refused
 * ({@link SectionedText.from} returns undefined, {@link SectionedText.replace} false); callers keep
 * such a document as a plain string.
 */
import { splitSections, splitSectionsToEnd, type SectionSlice } from './split-sections.js';

interface SectionRecord {
  /** The section's text as the editor holds it. */
  readonly text: string;
  /** The same with `\r\n` as `\n`, as the parser reads it (the same string when there is no `\r`). */
  readonly normalized: string;
  /** Lines the parser counts (a final line without a line break counts). */
  readonly lineCount: number;
  /** Offsets in `text` where lines start; computed when first needed. */
  lineStarts?: number[];
  /** Length of the longest line (without its line break); computed when first needed. */
  longestLine?: number;
  /** The slice last handed out for this section: the same object while its first line stays. */
  slice?: SectionSlice;
}

const loneCarriageReturn = /\r(?!\n)/;

export class SectionedText {
  private records: SectionRecord[];
  /** Per record: its first character's offset and its first line (0-based); rebuilt after an edit. */
  private offsets: number[] = [];
  private firstLines: number[] = [];
  private indexed = false;
  private joined: string | undefined;
  private sliced: SectionSlice[] | undefined;
  private totalLength: number;

  private constructor(records: SectionRecord[]) {
    this.records = records;
    this.totalLength = records.reduce((sum, record) => sum + record.text.length, 0);
  }

  /** The text as sections, or undefined when it has a byte-order mark or a lone `\r` (see above). */
  static from(text: string): SectionedText | undefined {
    if (!isRegular(text)) return undefined;
    const sectioned = new SectionedText(text === '' ? [] : splitSections(text).map(toRecord));
    sectioned.joined = text;
    return sectioned;
  }

  get length(): number {
    return this.totalLength;
  }

  /** Lines as editors count them: line breaks plus one (a text ending with a line break has an empty last line). */
  get lineCount(): number {
    this.index();
    const last = this.records.length - 1;
    const lastRecord = this.records[last];
    if (!lastRecord) return 1;
    const lastLines = lineStartsOf(lastRecord).length;
    return (this.firstLines[last] ?? 0) + lastLines + (lastRecord.text.endsWith('\n') ? 1 : 0);
  }

  /** The whole text (joined once per version, only when asked for). */
  get text(): string {
    this.joined ??= this.records.map((record) => record.text).join('');
    return this.joined;
  }

  /** The sections as the parser reads them: normalised text, first line (0-based) and line count. */
  slices(): readonly SectionSlice[] {
    if (this.sliced) return this.sliced;
    if (this.records.length === 0) return (this.sliced = splitSections(''));
    this.index();
    // An edit leaves the records of the sections it did not touch: above it (and below it, when it
    // kept the line count) their slices stay as they were, and are not made again on every keystroke.
    this.sliced = this.records.map((record, index) => {
      const startLine = this.firstLines[index] ?? 0;
      if (record.slice?.startLine !== startLine) record.slice = { text: record.normalized, startLine, lineCount: record.lineCount };
      return record.slice;
    });
    return this.sliced;
  }

  /** Offset where a 0-based line starts; the text's length for a line past the last. */
  lineStart(line: number): number {
    this.index();
    if (line <= 0) return 0;
    const index = lastAtOrBefore(this.firstLines, line);
    const record = this.records[index];
    if (!record) return this.totalLength;
    const local = lineStartsOf(record)[line - (this.firstLines[index] ?? 0)];
    return local === undefined ? this.totalLength : (this.offsets[index] ?? 0) + local;
  }

  /** The 0-based line an offset is on (the text's end is on the last line). */
  lineAt(offset: number): number {
    this.index();
    if (offset >= this.totalLength) return this.lineCount - 1;
    const index = lastAtOrBefore(this.offsets, Math.max(0, offset));
    const record = this.records[index] as SectionRecord;
    return (this.firstLines[index] ?? 0) + lastAtOrBefore(lineStartsOf(record), offset - (this.offsets[index] ?? 0));
  }

  /** The character code at an offset (NaN outside the text), like String#charCodeAt. */
  charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.totalLength) return Number.NaN;
    this.index();
    const index = lastAtOrBefore(this.offsets, offset);
    return (this.records[index] as SectionRecord).text.charCodeAt(offset - (this.offsets[index] ?? 0));
  }

  /** The text between two offsets, like String#slice with non-negative offsets. */
  slice(start: number, end: number): string {
    const from = Math.max(0, Math.min(start, this.totalLength));
    const to = Math.max(from, Math.min(end, this.totalLength));
    if (this.joined !== undefined || to - from > this.totalLength / 2) return this.text.slice(from, to);
    this.index();
    let result = '';
    for (let index = lastAtOrBefore(this.offsets, from); index < this.records.length && (this.offsets[index] ?? 0) < to; index++) {
      const offset = this.offsets[index] ?? 0;
      result += (this.records[index] as SectionRecord).text.slice(Math.max(0, from - offset), to - offset);
    }
    return result;
  }

  /**
   * The first line (1-based) longer than `limit` characters, without its `\n`, and its length;
   * each section measures its lines once.
   */
  lineLongerThan(limit: number): { line: number; length: number } | undefined {
    this.index();
    for (let index = 0; index < this.records.length; index++) {
      const record = this.records[index] as SectionRecord;
      if (longestLineOf(record) <= limit) continue;
      const starts = lineStartsOf(record);
      for (let line = 0; line < starts.length; line++) {
        const length = lineLength(record.text, starts, line);
        if (length > limit) return { line: (this.firstLines[index] ?? 0) + line + 1, length };
      }
    }
    return undefined;
  }

  /**
   * Replaces the text between two offsets. Only the sections the change touches are split again
   * (and, while the change leaves a fence, HTML block or front matter open, the following ones, in
   * growing steps). Returns false, changing nothing, when the result would have a byte-order mark
   * or a lone `\r`.
   */
  replace(start: number, end: number, insert: string): boolean {
    this.index();
    const from = Math.max(0, Math.min(start, end, this.totalLength));
    const to = Math.max(from, Math.min(Math.max(start, end), this.totalLength));
    if (this.records.length === 0) {
      if (!isRegular(insert)) return false;
      this.records = insert === '' ? [] : splitSections(insert).map(toRecord);
      this.changed(insert.length);
      return true;
    }
    let first = lastAtOrBefore(this.offsets, from);
    // A change on a section's first line may turn its heading into text that belongs to the
    // previous section: start one section earlier then, at a cut that certainly stays.
    const headingLineEnd = (this.records[first] as SectionRecord).text.indexOf('\n');
    if (first > 0 && (headingLineEnd === -1 || from - (this.offsets[first] ?? 0) <= headingLineEnd)) first--;
    let last = lastAtOrBefore(this.offsets, to);
    const firstOffset = this.offsets[first] ?? 0;
    const touched = this.records.slice(first, last + 1).map((record) => record.text).join('');
    let stretch = touched.slice(0, from - firstOffset) + insert + touched.slice(to - firstOffset);
    if (loneCarriageReturn.test(stretch) || (first === 0 && stretch.charCodeAt(0) === 0xfeff)) return false;
    let split = splitSectionsToEnd(stretch);
    for (let step = 1; !split.closed && last < this.records.length - 1; step *= 2) {
      const more = this.records.slice(last + 1, last + 1 + step);
      stretch += more.map((record) => record.text).join('');
      last += more.length;
      split = splitSectionsToEnd(stretch);
    }
    // Sections whose text did not change keep their records (and so their string objects).
    const previous = new Map(this.records.slice(first, last + 1).map((record) => [record.text, record]));
    const replacement = stretch === '' ? [] : split.sections.map((slice) => previous.get(slice.text) ?? toRecord(slice));
    this.records.splice(first, last - first + 1, ...replacement);
    this.changed(this.totalLength - (to - from) + insert.length);
    return true;
  }

  private changed(length: number): void {
    this.totalLength = length;
    this.indexed = false;
    this.joined = undefined;
    this.sliced = undefined;
  }

  private index(): void {
    if (this.indexed) return;
    const count = this.records.length;
    this.offsets = new Array<number>(count);
    this.firstLines = new Array<number>(count);
    let offset = 0;
    let line = 0;
    for (let index = 0; index < count; index++) {
      const record = this.records[index] as SectionRecord;
      this.offsets[index] = offset;
      this.firstLines[index] = line;
      offset += record.text.length;
      line += record.lineCount;
    }
    this.indexed = true;
  }
}

function isRegular(text: string): boolean {
  return text.charCodeAt(0) !== 0xfeff && !loneCarriageReturn.test(text);
}

function toRecord(slice: SectionSlice): SectionRecord {
  return { text: slice.text, normalized: slice.text.includes('\r') ? slice.text.replace(/\r\n/g, '\n') : slice.text, lineCount: slice.lineCount };
}

function lineStartsOf(record: SectionRecord): number[] {
  if (record.lineStarts) return record.lineStarts;
  const starts = [0];
  const text = record.text;
  for (let index = text.indexOf('\n'); index !== -1 && index + 1 < text.length; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  record.lineStarts = starts;
  return starts;
}

function longestLineOf(record: SectionRecord): number {
  if (record.longestLine !== undefined) return record.longestLine;
  const starts = lineStartsOf(record);
  let longest = 0;
  for (let line = 0; line < starts.length; line++) longest = Math.max(longest, lineLength(record.text, starts, line));
  record.longestLine = longest;
  return longest;
}

/** Length of a line of a section without its `\n` (a `\r` before it counts, as in checkPlanText). */
function lineLength(text: string, starts: readonly number[], line: number): number {
  const start = starts[line] ?? 0;
  const end = starts[line + 1] ?? text.length;
  return end - start - (text.charCodeAt(end - 1) === 10 ? 1 : 0);
}

/** Index of the last element ≤ value in an ascending array whose first element is ≤ value. */
function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((sorted[middle] ?? 0) <= value) low = middle;
    else high = middle - 1;
  }
  return low;
}
