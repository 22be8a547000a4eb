/** Source positions. Lines and columns are 1-based; columns count UTF-16 code units, as LSP does. */

export interface Position {
  line: number;
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/**
 * Maps string offsets to positions in O(log lines). The position of an offset is made once and
 * shared by every range that starts or ends there (a value and its line end together, a list of
 * references starts where its value does): about a fifth of a plan's positions. Positions are
 * never changed once made.
 *
 * `firstLine` is the number of lines before the text (a section's first line in its file, 0-based):
 * positions then count lines in the file, so a section parsed where it stands needs no shifting.
 */
export class LineIndex {
  private readonly starts: number[] = [0];
  private readonly made = new Map<number, Position>();

  constructor(
    text: string,
    private readonly firstLine = 0,
  ) {
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) this.starts.push(index + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    let position = this.made.get(offset);
    if (!position) this.made.set(offset, (position = this.locate(offset)));
    return position;
  }

  private locate(offset: number): Position {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: this.firstLine + low + 1, column: offset - (this.starts[low] ?? 0) + 1 };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  /** Offset of the first character of a 1-based line (counted as positions count them). */
  lineStart(line: number): number {
    return this.starts[line - this.firstLine - 1] ?? this.starts[this.starts.length - 1] ?? 0;
  }
}

export function shiftRange(range: Range, lines: number): Range {
  if (lines === 0) return range;
  return {
    start: { line: range.start.line + lines, column: range.start.column },
    end: { line: range.end.line + lines, column: range.end.column },
  };
}

/**
 * `shiftRange` for many ranges of one section: a position shared by several ranges (see
 * LineIndex) stays shared after the shift.
 */
export function rangeShifter(lines: number): (range: Range) => Range {
  if (lines === 0) return (range) => range;
  const shifted = new Map<Position, Position>();
  const shift = (position: Position): Position => {
    let moved = shifted.get(position);
    if (!moved) shifted.set(position, (moved = { line: position.line + lines, column: position.column }));
    return moved;
  };
  return (range) => ({ start: shift(range.start), end: shift(range.end) });
}

/** A zero-width range at the start of a line. */
export function lineStartRange(line: number): Range {
  return { start: { line, column: 1 }, end: { line, column: 1 } };
}
