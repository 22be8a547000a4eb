/**
 * An open document as the server holds it. Plans are long and a writer changes a few characters
 * at a time, so the text is kept as sections ({@link SectionedText} from the core): an edit
 * re-splits only the sections it touches and never copies the whole buffer, and the parser gets
 * the unchanged sections as the very strings it cached. A text the sections cannot hold (a
 * byte-order mark, a lone `\r` line break) is kept as a plain {@link TextDocument} instead.
 * Positions and offsets behave exactly as vscode-languageserver-textdocument's (tests compare them).
 */
import { SectionedText } from '@plantgap/core';
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';

export class EditorDocument implements TextDocument {
  private sections: SectionedText | undefined;
  private plain: TextDocument | undefined;

  private constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    text: string,
  ) {
    this.setText(text);
  }

  static create(uri: string, languageId: string, version: number, text: string): EditorDocument {
    return new EditorDocument(uri, languageId, version, text);
  }

  get version(): number {
    return this.currentVersion;
  }

  /** The text for the parser: the sections when the document is held as sections. */
  get planText(): string | SectionedText {
    return this.sections ?? this.getText();
  }

  get lineCount(): number {
    return this.sections?.lineCount ?? (this.plain as TextDocument).lineCount;
  }

  getText(range?: Range): string {
    if (!this.sections) return (this.plain as TextDocument).getText(range);
    if (!range) return this.sections.text;
    return this.sections.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  positionAt(offset: number): Position {
    const sections = this.sections;
    if (!sections) return (this.plain as TextDocument).positionAt(offset);
    const clamped = Math.max(0, Math.min(offset, sections.length));
    const line = sections.lineAt(clamped);
    const lineOffset = sections.lineStart(line);
    return { line, character: this.beforeLineBreak(clamped, lineOffset) - lineOffset };
  }

  offsetAt(position: Position): number {
    const sections = this.sections;
    if (!sections) return (this.plain as TextDocument).offsetAt(position);
    const lineCount = sections.lineCount;
    if (position.line >= lineCount) return sections.length;
    if (position.line < 0) return 0;
    const lineOffset = sections.lineStart(position.line);
    if (position.character <= 0) return lineOffset;
    const nextLineOffset = position.line + 1 < lineCount ? sections.lineStart(position.line + 1) : sections.length;
    return this.beforeLineBreak(Math.min(lineOffset + position.character, nextLineOffset), lineOffset);
  }

  /** The line's range without its line break (the last line for a line past the end). */
  getLineRange(line: number): Range {
    const sections = this.sections;
    if (!sections) return (this.plain as TextDocument).getLineRange(line);
    const lastLine = sections.lineCount - 1;
    if (line > lastLine) return { start: { line: lastLine, character: 0 }, end: { line: lastLine, character: sections.length - sections.lineStart(lastLine) } };
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = sections.lineStart(line);
    const next = line < lastLine ? sections.lineStart(line + 1) : sections.length;
    return { start: { line, character: 0 }, end: { line, character: this.beforeLineBreak(next, start) - start } };
  }

  /** The line break that ends a line (`''` for the last line or a line past the end). */
  getEOLCharacters(line: number): string {
    const sections = this.sections;
    if (!sections) return (this.plain as TextDocument).getEOLCharacters(line);
    if (line < 0 || line >= sections.lineCount) return '';
    const start = sections.lineStart(line);
    const next = line + 1 < sections.lineCount ? sections.lineStart(line + 1) : sections.length;
    return sections.slice(this.beforeLineBreak(next, start), next);
  }

  /** Applies changes (validated by the caller) in order, then takes the new version. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if (!('range' in change) || change.range === undefined) {
        this.setText(change.text);
        continue;
      }
      const start = this.offsetAt(change.range.start);
      const end = this.offsetAt(change.range.end);
      if (this.sections?.replace(start, end, change.text)) continue;
      // Plain from now on: the change would give the text a byte-order mark or a lone `\r`.
      const plain = (this.plain ??= TextDocument.create(this.uri, this.languageId, this.currentVersion, this.getText()));
      this.sections = undefined;
      // A range clamped to the text: TextDocument.update keeps a wrong line table after one past the last line.
      TextDocument.update(plain, [{ range: { start: plain.positionAt(start), end: plain.positionAt(end) }, text: change.text }], version);
    }
    this.currentVersion = version;
  }

  private setText(text: string): void {
    this.sections = SectionedText.from(text);
    this.plain = this.sections ? undefined : TextDocument.create(this.uri, this.languageId, this.currentVersion, text);
  }

  /** Moves an offset back over the line break it is inside or after, within its line. */
  private beforeLineBreak(offset: number, lineOffset: number): number {
    const sections = this.sections as SectionedText;
    let result = offset;
    while (result > lineOffset && isLineBreak(sections.charCodeAt(result - 1))) result--;
    return result;
  }
}

function isLineBreak(code: number): boolean {
  return code === 10 || code === 13;
}

/** The text of an open document for the parser (sections when it has them). */
export function planTextOf(document: TextDocument): string | SectionedText {
  return document instanceof EditorDocument ? document.planText : document.getText();
}
