/**
 * The documents the client has open, kept in sync from `didOpen`/`didChange`/`didClose`
 * (incremental changes). Unlike the library's TextDocuments, every notification is validated first:
 * a URI that is not a string, a change with a malformed range, a version that goes backwards — the
 * notification is logged and ignored instead of corrupting a buffer or throwing inside the server.
 */
import type { Connection, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { EditorDocument } from './editor-document.js';

export interface DocumentEvents {
  opened(document: TextDocument): void;
  changed(document: TextDocument): void;
  closed(document: TextDocument): void;
}

export class OpenDocuments {
  private readonly documents = new Map<string, EditorDocument>();

  get(uri: string): EditorDocument | undefined {
    return this.documents.get(uri);
  }

  all(): EditorDocument[] {
    return [...this.documents.values()];
  }

  listen(connection: Connection, events: DocumentEvents): void {
    const ignore = (what: string, params: unknown) => connection.console.warn(`plantgap: ignored a malformed ${what} notification: ${preview(params)}`);
    connection.onDidOpenTextDocument((params) => {
      const item = params?.textDocument;
      if (!item || !isUri(item.uri) || typeof item.text !== 'string' || !isVersion(item.version)) return ignore('didOpen', params);
      const document = EditorDocument.create(item.uri, typeof item.languageId === 'string' ? item.languageId : 'markdown', item.version, item.text);
      this.documents.set(item.uri, document);
      events.opened(document);
    });
    connection.onDidChangeTextDocument((params) => {
      const identifier = params?.textDocument;
      const document = identifier && isUri(identifier.uri) ? this.documents.get(identifier.uri) : undefined;
      const changes = params?.contentChanges;
      if (!document || !identifier || !isVersion(identifier.version) || !Array.isArray(changes) || !changes.every(isValidChange)) return ignore('didChange', params);
      // Versions only grow; an older one is a stale or replayed message.
      if (identifier.version < document.version) return ignore('didChange (older version)', params);
      document.update(changes, identifier.version);
      events.changed(document);
    });
    connection.onDidCloseTextDocument((params) => {
      const uri = params?.textDocument?.uri;
      const document = isUri(uri) ? this.documents.get(uri) : undefined;
      if (!document) return ignore('didClose', params);
      this.documents.delete(document.uri);
      events.closed(document);
    });
  }
}

function isUri(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 8192;
}

function isVersion(value: unknown): value is number {
  return Number.isSafeInteger(value);
}

function isPosition(value: unknown): boolean {
  const position = value as { line?: unknown; character?: unknown } | null;
  return typeof position === 'object' && position !== null && Number.isSafeInteger(position.line) && Number.isSafeInteger(position.character) && (position.line as number) >= 0 && (position.character as number) >= 0;
}

function isValidChange(change: unknown): change is TextDocumentContentChangeEvent {
  const candidate = change as { text?: unknown; range?: Range } | null;
  if (typeof candidate !== 'object' || candidate === null || typeof candidate.text !== 'string') return false;
  if (candidate.range === undefined) return true;
  const range = candidate.range;
  if (typeof range !== 'object' || range === null || !isPosition(range.start) || !isPosition(range.end)) return false;
  return range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
}

function preview(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
