/**
 * A real LSP client for the tests: spawns the bundled server (`node dist/server/server.mjs --stdio`)
 * and speaks the protocol to it over stdio with vscode-languageserver-protocol, the way an editor
 * does. Notifications are recorded; tests wait for the one they expect with a generous timeout,
 * never for a fixed time.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { repositoryRoot } from '../helpers/run-cli.js';

export const serverPath = path.join(repositoryRoot, 'packages', 'language-server', 'dist', 'server', 'server.mjs');

/** Long enough for a loaded CI machine; tests poll, so a fast run never waits this long. */
export const waitLimitMs = 20_000;

export function fileUri(filePath: string): string {
  return pathToFileURL(filePath).href;
}

export interface StartOptions {
  /** Workspace folders (absolute paths). */
  folders?: string[];
  initializationOptions?: unknown;
  /** Answer to `workspace/configuration` for the `plantgap` section; when set, the client says it supports the request. */
  settings?: unknown;
  watchFiles?: boolean;
}

export class LspTestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly messages: { type: number; message: string }[] = [];
  readonly logs: string[] = [];
  readonly analysisChanged: { uris: string[] }[] = [];
  stderr = '';
  exit: Promise<number | null>;
  settings: unknown;
  private listeners: (() => void)[] = [];

  private constructor(
    readonly process: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
  ) {
    this.exit = new Promise((resolve) => process.on('exit', (code) => resolve(code)));
    process.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    const notify = () => {
      for (const listener of this.listeners) listener();
    };
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.push(params);
      notify();
    });
    connection.onNotification('window/showMessage', (params: { type: number; message: string }) => {
      this.messages.push(params);
      notify();
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
      notify();
    });
    connection.onNotification('plantgap/analysisChanged', (params: { uris: string[] }) => {
      this.analysisChanged.push(params);
      notify();
    });
    connection.onRequest('workspace/configuration', () => [this.settings ?? null]);
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/workspaceFolders', () => null);
  }

  static async start(options: StartOptions = {}): Promise<LspTestClient> {
    const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspTestClient(child, connection);
    client.settings = options.settings;
    connection.listen();
    const folders = (options.folders ?? []).map((folder) => ({ uri: fileUri(folder), name: path.basename(folder) }));
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders,
      capabilities: {
        workspace: {
          configuration: options.settings !== undefined,
          didChangeWatchedFiles: { dynamicRegistration: options.watchFiles ?? false },
        },
        textDocument: { publishDiagnostics: { versionSupport: true } },
      },
      initializationOptions: options.initializationOptions ?? { debounceMs: 0 },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  async open(uri: string, text: string, version = 1, languageId = 'markdown'): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  async change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** Resolves once `predicate` holds, re-checked on every notification. */
  waitFor<T>(description: string, predicate: () => T | undefined | false): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = predicate();
        if (value === undefined || value === false) return false;
        this.listeners = this.listeners.filter((listener) => listener !== check);
        clearTimeout(timer);
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((listener) => listener !== check);
        reject(new Error(`timed out waiting for ${description}; published: ${JSON.stringify(this.published.map((p) => [p.uri, p.version, p.diagnostics.length]))}; messages: ${JSON.stringify(this.messages)}; stderr: ${this.stderr}`));
      }, waitLimitMs);
      if (!check()) this.listeners.push(check);
    });
  }

  /** The latest diagnostics published for `uri` that satisfy `predicate` (default: any). */
  diagnostics(uri: string, predicate: (params: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    return this.waitFor(`diagnostics for ${uri}`, () => {
      const latest = this.published.filter((params) => params.uri === uri).at(-1);
      return latest && predicate(latest) ? latest : undefined;
    });
  }

  /** Diagnostics for a document version (the analysis of exactly that text). */
  diagnosticsForVersion(uri: string, version: number): Promise<Diagnostic[]> {
    return this.diagnostics(uri, (params) => params.version === version).then((params) => params.diagnostics);
  }

  async stop(): Promise<void> {
    if (this.process.exitCode === null) {
      try {
        await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 5000))]);
        await this.connection.sendNotification('exit');
      } catch {
        // The server may already be gone (robustness tests); it is killed below either way.
      }
    }
    const exited = await Promise.race([this.exit, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5000))]);
    if (exited === 'timeout') this.process.kill();
    this.connection.dispose();
  }
}

/** Applies LSP text edits to a text (edits must not overlap; applied from the last to the first). */
export function applyEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const lineStarts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  const offset = (position: { line: number; character: number }) => {
    if (position.line >= lineStarts.length) throw new Error(`edit position ${JSON.stringify(position)} is past the last line (${lineStarts.length - 1})`);
    const start = lineStarts[position.line] ?? 0;
    const end = position.line + 1 < lineStarts.length ? (lineStarts[position.line + 1] ?? 0) - 1 : text.length;
    if (start + position.character > end) throw new Error(`edit position ${JSON.stringify(position)} is past the end of its line`);
    return start + position.character;
  };
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  return result;
}
