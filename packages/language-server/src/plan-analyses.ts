/**
 * The server's analyses: which scope (workspace folder, or lone document) each document belongs
 * to, when to analyse (debounced after edits, at once when a request needs the result), and
 * publishing what was found — diagnostics for every file of the plan, open or not, with the
 * document version the analysis saw; cleared when they go away. A newer edit supersedes an
 * analysis in flight: its results are dropped and the newer one publishes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isInsideDirectory, type ConfigOverrides, type InputError } from '@plantgap/core';
import type { CancellationToken, Connection, Diagnostic } from 'vscode-languageserver';
import { MessageType, ShowMessageNotification } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { OpenDocuments } from './open-documents.js';
import { describeInputErrors, DiagnosticReuse, inputErrorToDiagnostic } from './diagnostics.js';
import { PlanScope, type AnalysedFile, type ScopeAnalysis, type ScopeEnvironment, type ScopeOutcome } from './plan-scope.js';
import { notifications, type AnalysisChangedParams, type PlantgapSettings } from './protocol.js';
import { filePathOf, fileUriOf } from './uris.js';

export interface WorkspaceFolderRef {
  uri: string;
  path: string;
}

export interface PlanAnalysesOptions {
  connection: Connection;
  documents: OpenDocuments;
  trusted: boolean;
  debounceMs: () => number;
  settings: () => PlantgapSettings;
}

interface ScopeState {
  /** The pending analysis; cancel it with its `cancel`. */
  timer?: { cancel(): void };
  /** Bumped by every analysis started; an analysis whose number is no longer current is dropped. */
  generation: number;
  /** Something changed since the last analysis started. */
  dirty: boolean;
  inFlight?: Promise<void>;
  last?: ScopeOutcome;
  /** What was last published per URI (the version of an open document, else the diagnostics as JSON), to skip unchanged ones. */
  published: Map<string, string>;
  /** The diagnostics of the last publication, handed out again for unchanged findings. */
  diagnostics: DiagnosticReuse;
  /** The last message shown about this scope's input errors, so it is not repeated on every edit. */
  shownMessage?: string;
}

/** A document's place in an analysis: the scope's result and the file's entry in it. */
export interface DocumentAnalysis {
  scope: PlanScope;
  result: ScopeAnalysis;
  file: AnalysedFile;
}

export class PlanAnalyses {
  private readonly scopes = new Map<string, PlanScope>();
  private readonly states = new Map<PlanScope, ScopeState>();
  private folders: WorkspaceFolderRef[] = [];
  private readonly environment: ScopeEnvironment;

  constructor(private readonly options: PlanAnalysesOptions) {
    const documents = options.documents;
    this.environment = {
      openDocuments: () => documents.all(),
      openDocument: (uri) => documents.get(uri),
      openFile: (filePath) => {
        const direct = documents.get(fileUriOf(filePath));
        if (direct) return direct;
        // Clients escape URIs their own way (VS Code writes `%3A` for a drive colon); compare paths.
        return documents.all().find((document) => filePathOf(document.uri) === filePath);
      },
      overrides: () => settingsToOverrides(options.settings()),
      trusted: () => options.trusted,
    };
  }

  setFolders(folders: WorkspaceFolderRef[]): void {
    this.folders = [...folders].sort((a, b) => b.path.length - a.path.length);
    // Documents may now belong elsewhere: start again from the documents that are open.
    for (const scope of [...this.scopes.values()]) this.dropScope(scope);
    for (const document of this.options.documents.all()) this.documentChanged(document.uri);
  }

  /** The scope a document belongs to (created on first use). */
  scopeFor(uri: string): PlanScope {
    const filePath = filePathOf(uri);
    const folder = filePath === undefined ? undefined : this.folders.find((candidate) => isInsideDirectory(candidate.path, filePath));
    return this.scope(folder, uri, filePath);
  }

  private scope(folder: WorkspaceFolderRef | undefined, uri: string, filePath: string | undefined): PlanScope {
    const key = folder ? folder.uri : uri;
    let scope = this.scopes.get(key);
    if (!scope) {
      scope = new PlanScope(
        folder
          ? { kind: 'folder', key, folderPath: folder.path }
          : { kind: 'document', key, uri, directory: filePath !== undefined ? path.dirname(filePath) : this.folders[this.folders.length - 1]?.path },
        this.environment,
      );
      this.scopes.set(key, scope);
      this.states.set(scope, { generation: 0, dirty: true, published: new Map(), diagnostics: new DiagnosticReuse() });
    }
    return scope;
  }

  /** A document was opened or edited: analyse its scope once the edits pause. */
  documentChanged(uri: string): void {
    this.schedule(this.scopeFor(uri), this.options.debounceMs());
  }

  documentClosed(uri: string): void {
    const scope = this.scopeFor(uri);
    if (scope.definition.kind === 'document') {
      // An untitled or outside document exists only while open: its findings go with it.
      this.dropScope(scope);
      return;
    }
    // The file is read from disk again (the buffer may have been closed without saving).
    const filePath = filePathOf(uri);
    if (filePath !== undefined) scope.invalidateFile(filePath, false);
    this.schedule(scope, 0);
  }

  /** Settings or trust changed: every scope reloads its context. */
  settingsChanged(): void {
    for (const scope of this.scopes.values()) {
      scope.invalidateContext();
      this.schedule(scope, 0);
    }
  }

  /** Files changed on disk: a config or data file reloads its scope's context; a plan file is read again. */
  async filesChanged(changes: readonly { filePath: string; kind: 'created' | 'changed' | 'deleted' }[]): Promise<void> {
    for (const scope of this.scopes.values()) {
      let touched = false;
      for (const change of changes) {
        if (await scope.dependsOn(change.filePath)) {
          scope.invalidateContext();
          touched = true;
          continue;
        }
        const folderPath = scope.definition.kind === 'folder' ? scope.definition.folderPath : undefined;
        if (folderPath !== undefined && isInsideDirectory(folderPath, change.filePath)) {
          scope.invalidateFile(change.filePath, change.kind === 'changed' ? false : change.kind === 'deleted' ? 'deleted' : true);
          touched = true;
        }
      }
      if (touched && this.state(scope).last) this.schedule(scope, 0);
    }
  }

  /** The analysis a request about this document should answer from: current, with no edit pending. */
  async analysisFor(uri: string, token?: CancellationToken): Promise<DocumentAnalysis | undefined> {
    const scope = this.scopeFor(uri);
    const outcome = await this.settled(scope, token);
    if (!outcome?.ok) return undefined;
    const filePath = filePathOf(uri);
    const file = [...outcome.value.files.values()].find((candidate) => candidate.uri === uri || (filePath !== undefined && candidate.filePath === filePath));
    return file ? { scope, result: outcome.value, file } : undefined;
  }

  /** The settled analysis of a scope (analysing now if something changed). */
  async settled(scope: PlanScope, token?: CancellationToken): Promise<ScopeOutcome | undefined> {
    const state = this.state(scope);
    // Bounded: a client typing without pause must not keep a request waiting forever.
    for (let round = 0; round < 8; round++) {
      if (token?.isCancellationRequested) return undefined;
      if (state.inFlight) await state.inFlight;
      else if (state.dirty || !state.last) await this.run(scope);
      else return state.last;
    }
    return state.last;
  }

  /** Analyses every plan file of every workspace folder and publishes the findings. */
  async checkWorkspace(token?: CancellationToken): Promise<ScopeOutcome[]> {
    const outcomes: ScopeOutcome[] = [];
    for (const folder of this.folders) {
      const scope = this.scope(folder, folder.uri, folder.path);
      const outcome = await this.settled(scope, token);
      if (outcome) outcomes.push(outcome);
    }
    for (const scope of this.scopes.values()) {
      if (scope.definition.kind !== 'document') continue;
      const outcome = await this.settled(scope, token);
      if (outcome) outcomes.push(outcome);
    }
    return outcomes;
  }

  private state(scope: PlanScope): ScopeState {
    let state = this.states.get(scope);
    if (!state) {
      state = { generation: 0, dirty: true, published: new Map(), diagnostics: new DiagnosticReuse() };
      this.states.set(scope, state);
    }
    return state;
  }

  private schedule(scope: PlanScope, delay: number): void {
    const state = this.state(scope);
    state.dirty = true;
    state.timer?.cancel();
    state.timer = later(() => {
      state.timer = undefined;
      this.run(scope).catch((error: unknown) => this.options.connection.console.error(`plantgap: analysis failed: ${describeError(error)}`));
    }, delay);
  }

  private run(scope: PlanScope): Promise<void> {
    const state = this.state(scope);
    state.timer?.cancel();
    state.timer = undefined;
    state.dirty = false;
    const generation = ++state.generation;
    const running = this.analyseAndPublish(scope, state, generation).finally(() => {
      if (state.inFlight === running) state.inFlight = undefined;
    });
    state.inFlight = running;
    return running;
  }

  private async analyseAndPublish(scope: PlanScope, state: ScopeState, generation: number): Promise<void> {
    let outcome: ScopeOutcome;
    try {
      outcome = await scope.analyze();
    } catch (error) {
      // A bug in the analysis must not take the server down; say so once and keep serving.
      this.options.connection.console.error(`plantgap: analysis of ${scope.key} failed: ${describeError(error)}`);
      outcome = { ok: false, errors: [{ file: scope.key, message: `internal error while analysing: ${(error as Error)?.message ?? String(error)}` }] };
    }
    if (generation !== state.generation || this.states.get(scope) !== state) return; // superseded
    if (outcome.ok && [...outcome.value.files.values()].some((file) => file.version !== undefined && this.options.documents.get(file.uri)?.version !== file.version)) {
      // An edit arrived after the texts were taken: a newer analysis is scheduled and will publish.
      return;
    }
    state.last = outcome;
    this.publish(scope, state, outcome);
  }

  private publish(scope: PlanScope, state: ScopeState, outcome: ScopeOutcome): void {
    const connection = this.options.connection;
    const next = new Map<string, { diagnostics: Diagnostic[]; version?: number }>();
    const add = (uri: string, diagnostic: Diagnostic | undefined, version?: number) => {
      let entry = next.get(uri);
      if (!entry) next.set(uri, (entry = { diagnostics: [], version }));
      if (diagnostic) entry.diagnostics.push(diagnostic);
    };
    if (outcome.ok) {
      const { files, analysis, errors } = outcome.value;
      for (const file of files.values()) add(file.uri, undefined, file.version);
      for (const finding of analysis?.findings ?? []) {
        const file = files.get(finding.file);
        if (file) add(file.uri, state.diagnostics.diagnostic(finding, file.document), file.version);
      }
      state.diagnostics.published();
      for (const error of errors) this.placeInputError(error, files, add);
      const ignored = outcome.value.context.ignoredAsUntrusted;
      if (errors.length > 0) this.showOnce(state, describeInputErrors(errors), MessageType.Error);
      else if (ignored.length > 0) {
        this.showOnce(state, `plantgap: this workspace is not trusted, so only the built-in catalogs, crosswalks and profiles are used; not used: ${ignored.join(', ')}`, MessageType.Warning);
      } else this.showOnce(state, undefined, MessageType.Info);
    } else {
      for (const error of outcome.errors) this.placeInputError(error, new Map(), add);
      this.showOnce(state, describeInputErrors(outcome.errors), MessageType.Error);
    }
    for (const [uri, { diagnostics, version }] of next) {
      // An open document's new version is always published (the client ties diagnostics to it); a
      // file not open is published only when its diagnostics changed, so an edit in one file of a
      // large workspace does not resend every other file's.
      const previous = state.published.get(uri);
      const serialized = version === undefined ? JSON.stringify(diagnostics) : `version ${version}`;
      if (previous === serialized) continue;
      state.published.set(uri, serialized);
      sendQuietly(connection.sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics }));
    }
    for (const uri of [...state.published.keys()]) {
      if (next.has(uri)) continue;
      state.published.delete(uri);
      sendQuietly(connection.sendDiagnostics({ uri, diagnostics: [] }));
    }
    const params: AnalysisChangedParams = { uris: outcome.ok ? [...outcome.value.files.values()].map((file) => file.uri) : [] };
    sendQuietly(connection.sendNotification(notifications.analysisChanged, params));
  }

  /** An input error shown where it is: on the plan file or config file it names, at its line. */
  private placeInputError(error: InputError, files: Map<string, AnalysedFile>, add: (uri: string, diagnostic: Diagnostic) => void): void {
    const planFile = files.get(error.file);
    if (planFile) {
      add(planFile.uri, inputErrorToDiagnostic(error, planFile.document));
      return;
    }
    if (!path.isAbsolute(error.file)) return; // `settings`, `--profile`: only the message box can say it
    const open = this.environment.openFile(error.file);
    let document = open;
    if (!document) {
      try {
        document = TextDocument.create(fileUriOf(error.file), 'yaml', 0, readFileSync(error.file, 'utf8'));
      } catch {
        document = TextDocument.create(fileUriOf(error.file), 'yaml', 0, '');
      }
    }
    add(document.uri, inputErrorToDiagnostic(error, document));
  }

  private showOnce(state: ScopeState, message: string | undefined, type: MessageType): void {
    if (message === state.shownMessage) return;
    state.shownMessage = message;
    if (message === undefined) return;
    showMessage(this.options.connection, type, message);
  }

  private dropScope(scope: PlanScope): void {
    const state = this.states.get(scope);
    state?.timer?.cancel();
    for (const uri of state?.published.keys() ?? []) sendQuietly(this.options.connection.sendDiagnostics({ uri, diagnostics: [] }));
    this.states.delete(scope);
    this.scopes.delete(scope.key);
  }
}

function settingsToOverrides(settings: PlantgapSettings): ConfigOverrides {
  const overrides: ConfigOverrides = {};
  if (typeof settings.profile === 'string') overrides.profile = settings.profile;
  if (settings.rules) overrides.rules = settings.rules;
  if (settings.include) overrides.include = settings.include;
  if (settings.ignore) overrides.ignore = settings.ignore;
  return overrides;
}

/**
 * A `window/showMessage` notification. Not `connection.window.showErrorMessage`: that sends a
 * request, which a client without message actions may refuse, and nothing here waits for an answer.
 */
export function showMessage(connection: Connection, type: MessageType, message: string): void {
  sendQuietly(connection.sendNotification(ShowMessageNotification.type, { type, message }));
}

/** Sends a notification without waiting; a connection already closed is no error worth a crash. */
export function sendQuietly(sending: Promise<void>): void {
  sending.catch(() => undefined);
}

export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/**
 * Runs `action` after `delay` ms. No debounce means as soon as the messages already received are
 * handled: setImmediate, not setTimeout(0), which waits at least a millisecond.
 */
function later(action: () => void, delay: number): { cancel(): void } {
  if (delay <= 0) {
    const immediate = setImmediate(action);
    return { cancel: () => clearImmediate(immediate) };
  }
  const timeout = setTimeout(action, delay);
  return { cancel: () => clearTimeout(timeout) };
}
