/**
 * Document symbols: the outline of a plan — its headings, nested by level, with controls (heading
 * controls and control-matrix rows) and requirement entries marked as such under their headings.
 * Headings come from the parsed sections (the parser's cache makes this cheap); controls from the
 * analysed plan.
 */
import { shiftedEvents, type ParsedFile, type PlanEntry, type Range as CoreRange } from '@plantgap/core';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toLspPosition, toLspRange } from '../lsp-ranges.js';
import type { DocumentAnalysis } from '../plan-analyses.js';
import { entriesOf } from '../plan-lookup.js';

interface Heading {
  depth: number;
  text: string;
  range: CoreRange;
}

interface OpenSymbol {
  depth: number;
  symbol: DocumentSymbol;
}

export function provideDocumentSymbols({ result, file }: DocumentAnalysis, parsed: ParsedFile | undefined): DocumentSymbol[] {
  const analysis = result.analysis;
  if (!analysis || !parsed) return [];
  const document = file.document;
  const entries = entriesOf(analysis.plan, file.path);
  const headingEntries = new Map(entries.filter((entry) => entry.origin === 'heading').map((entry) => [entry.range.start.line, entry]));
  const rows = entries.filter((entry) => entry.origin === 'table-row');
  const roots: DocumentSymbol[] = [];
  const open: OpenSymbol[] = [];
  const endOfDocument = document.positionAt(document.getText().length);
  const close = (depth: number, beforeLine: number) => {
    while (open.length > 0 && (open[open.length - 1]?.depth ?? 0) >= depth) {
      const closed = open.pop();
      // A heading's symbol spans its section: up to the end of the line before the next heading of its level or above.
      if (closed) closed.symbol.range.end = beforeLine <= 1 ? endOfDocument : lineEnd(document, beforeLine - 1);
    }
  };
  const place = (symbol: DocumentSymbol) => {
    const parent = open[open.length - 1];
    if (parent) (parent.symbol.children ??= []).push(symbol);
    else roots.push(symbol);
  };
  let rowIndex = 0;
  const placeRowsBefore = (line: number) => {
    for (; rowIndex < rows.length && (rows[rowIndex]?.range.start.line ?? 0) < line; rowIndex++) {
      const row = rows[rowIndex];
      if (row) place(entrySymbol(row, toLspRange(row.range, document), document));
    }
  };
  for (const heading of headingsOf(parsed)) {
    placeRowsBefore(heading.range.start.line);
    close(heading.depth, heading.range.start.line);
    const entry = headingEntries.get(heading.range.start.line);
    const selection = toLspRange(heading.range, document);
    const symbol = entry
      ? entrySymbol(entry, { start: selection.start, end: endOfDocument }, document)
      : { name: heading.text.trim() || '(empty heading)', kind: SymbolKind.Namespace, range: { start: selection.start, end: endOfDocument }, selectionRange: selection };
    symbol.selectionRange = selection;
    place(symbol);
    open.push({ depth: heading.depth, symbol });
  }
  placeRowsBefore(Number.MAX_SAFE_INTEGER);
  close(0, Number.MAX_SAFE_INTEGER);
  return roots;
}

function entrySymbol(entry: PlanEntry, range: DocumentSymbol['range'], document: TextDocument): DocumentSymbol {
  const symbol: DocumentSymbol = {
    name: entry.title ? `${entry.id} — ${entry.title}` : entry.id,
    kind: entry.kind === 'control' ? SymbolKind.Class : SymbolKind.Key,
    range,
    selectionRange: toLspRange(entry.idRange, document),
  };
  if (entry.status) symbol.detail = entry.status;
  return symbol;
}

/** Every heading of the file, in order, at its place in the file (the plan builder's shifted events, shared). */
function headingsOf(parsed: ParsedFile): Heading[] {
  const headings: Heading[] = [];
  for (const section of parsed.sections) {
    for (const event of shiftedEvents(section.parsed, section.startLine)) {
      if (event.type === 'heading') headings.push({ depth: event.depth, text: event.text, range: event.range });
    }
  }
  return headings;
}

/** The end of a 1-based line, as an LSP position. */
function lineEnd(document: TextDocument, line: number): DocumentSymbol['range']['end'] {
  return toLspPosition({ line, column: Number.MAX_SAFE_INTEGER }, document);
}
