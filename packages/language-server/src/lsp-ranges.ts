/**
 * The one place where plantgap's positions meet the protocol's. The core counts lines and columns
 * from 1 in text whose line endings were normalised to `\n` and whose byte-order mark was dropped;
 * LSP counts from 0 in the document as the client holds it. Every conversion also clamps to the
 * document (an analysis may be of an older version): a position past the last line becomes the
 * document's end, never a line that does not exist.
 */
import type { Position as CorePosition, Range as CoreRange, TextEdit as CoreTextEdit } from '@plantgap/core';
import type { Position, Range, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** The core dropped a byte-order mark, so its first line's columns are one less than the document's. */
function bomShift(document: TextDocument, line: number): number {
  return line === 0 && document.getText({ start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }) === '\uFEFF' ? 1 : 0;
}

/** True when a 1-based core line is past the document's last line. */
function pastEnd(position: CorePosition, document: TextDocument): boolean {
  return position.line - 1 >= document.lineCount;
}

/** A core position (1-based) as an LSP position (0-based), clamped to the document. */
export function toLspPosition(position: CorePosition, document: TextDocument): Position {
  if (pastEnd(position, document)) return document.positionAt(document.getText().length);
  const line = Math.max(0, position.line - 1);
  const character = Math.max(0, position.column - 1) + bomShift(document, line);
  // offsetAt clamps the character to the line's end (before its line break); positionAt turns it back.
  return document.positionAt(document.offsetAt({ line, character }));
}

export function toLspRange(range: CoreRange, document: TextDocument): Range {
  return { start: toLspPosition(range.start, document), end: toLspPosition(range.end, document) };
}

/** An LSP position (0-based) as a core position (1-based), for finding what is under the cursor. */
export function toCorePosition(position: Position, document: TextDocument): CorePosition {
  return { line: position.line + 1, column: Math.max(0, position.character - bomShift(document, position.line)) + 1 };
}

/** A core text edit as an LSP edit (the core already keeps insertions inside files without a final newline). */
export function toLspTextEdit(edit: CoreTextEdit, document: TextDocument): TextEdit {
  return { range: toLspRange(edit.range, document), newText: edit.newText };
}

/** True when a core range contains a core position (ends inclusive, so the cursor right after a word counts). */
export function rangeContains(range: CoreRange, position: CorePosition): boolean {
  const before = (a: CorePosition, b: CorePosition) => a.line < b.line || (a.line === b.line && a.column <= b.column);
  return before(range.start, position) && before(position, range.end);
}
