/**
 * The plantgap language server: wires the protocol to the plan analyses and the language features.
 * Every handler runs under {@link guard}, so an exception in one request is logged to the client's
 * output and answered with an empty result — the server keeps serving.
 */
import {
  CancellationToken,
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  TextDocumentSyncKind,
  type CodeActionParams,
  type CodeLensParams,
  type CompletionParams,
  type Connection,
  type DocumentSymbolParams,
  type HoverParams,
  type Position,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { OpenDocuments } from './open-documents.js';
import { provideCodeActions } from './features/code-actions.js';
import { provideCodeLenses } from './features/code-lenses.js';
import { completionTriggerCharacters, provideCompletion } from './features/completion.js';
import { provideDocumentSymbols } from './features/document-symbols.js';
import { provideHover } from './features/hover.js';
import { checkWorkspaceResult, coverageSummary, gaps, report } from './features/plan-requests.js';
import { describeError, PlanAnalyses, showMessage, type DocumentAnalysis, type WorkspaceFolderRef } from './plan-analyses.js';
import { requests, type CheckWorkspaceResult, type DocumentParams, type Gap, type PlantgapSettings, type ReportParams } from './protocol.js';
import { defaultDebounceMs, readInitializationOptions, readSettings, type SettingsProblem } from './settings.js';
import { filePathOf } from './uris.js';
import { serverVersion } from './version.js';

/** The globs the server asks the client to watch: plans, config files, and data files a config may name. */
const watchedGlobs = ['**/*.{md,markdown}', '**/.plantgap.{yml,yaml}', '**/*.{yml,yaml,json}'];

/** Starts serving on a connection; returns when the connection is set up (it then runs until closed). */
export function startServer(connection: Connection): void {
  const documents = new OpenDocuments();
  let initialSettings: PlantgapSettings = {};
  let settings: PlantgapSettings = {};
  let initialDebounceMs: number | undefined;
  let supportsConfigurationRequest = false;
  let supportsWatcherRegistration = false;
  let supportsConfigurationRegistration = false;
  let supportsWorkspaceFolders = false;

  // Built in `initialize`, once the client has said which folders it has and whether they are trusted.
  let planAnalyses: PlanAnalyses | undefined;

  const guard = <P, R>(name: string, fallback: R, handler: (params: P, token: CancellationToken) => R | Promise<R>) =>
    async (params: P, token?: CancellationToken): Promise<R> => {
      try {
        return await handler(params, token ?? CancellationToken.None);
      } catch (error) {
        connection.console.error(`plantgap: ${name} failed: ${describeError(error)}`);
        return fallback;
      }
    };
  const reportSettingsProblems = (problems: readonly SettingsProblem[]) => {
    if (problems.length === 0) return;
    const text = problems.map((problem) => `${problem.key}: ${problem.message}`).join('; ');
    connection.console.warn(`plantgap: ignored invalid settings: ${text}`);
    showMessage(connection, MessageType.Warning, `plantgap: ignored invalid settings: ${text}`);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const initialization = readInitializationOptions(params.initializationOptions);
    reportSettingsProblems(initialization.problems);
    initialSettings = initialization.options.settings;
    settings = initialSettings;
    initialDebounceMs = initialization.options.debounceMs;
    planAnalyses = new PlanAnalyses({
      connection,
      documents,
      trusted: initialization.options.trusted,
      debounceMs: () => settings.debounceMs ?? initialDebounceMs ?? defaultDebounceMs,
      settings: () => settings,
    });
    const capabilities = params.capabilities;
    supportsConfigurationRequest = capabilities.workspace?.configuration === true;
    supportsWatcherRegistration = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    supportsConfigurationRegistration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    supportsWorkspaceFolders = capabilities.workspace?.workspaceFolders === true;
    planAnalyses.setFolders(initialFolders(params));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        hoverProvider: true,
        completionProvider: { triggerCharacters: completionTriggerCharacters, resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        codeLensProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'plantgap-language-server', version: serverVersion },
    };
  });

  const refreshSettings = async () => {
    if (!supportsConfigurationRequest) return;
    const [section] = (await connection.workspace.getConfiguration([{ section: 'plantgap' }])) as unknown[];
    const read = readSettings(section);
    reportSettingsProblems(read.problems);
    // Settings the client has not set leave the initialization options' values in place.
    settings = { ...initialSettings, ...read.settings };
  };

  connection.onInitialized(
    guard('initialized', undefined, async () => {
      if (supportsWatcherRegistration) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: watchedGlobs.map((globPattern) => ({ globPattern })) });
      }
      if (supportsConfigurationRegistration) await connection.client.register(DidChangeConfigurationNotification.type, { section: 'plantgap' });
      if (supportsWorkspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders(
          guard('didChangeWorkspaceFolders', undefined, async () => {
            const folders = await connection.workspace.getWorkspaceFolders();
            planAnalyses?.setFolders(toFolderRefs(folders ?? []));
          }),
        );
      }
      await refreshSettings();
      planAnalyses?.settingsChanged();
    }),
  );

  connection.onDidChangeConfiguration(
    guard('didChangeConfiguration', undefined, async (params: { settings?: unknown }) => {
      if (supportsConfigurationRequest) await refreshSettings();
      else {
        const section = (params.settings as { plantgap?: unknown } | undefined)?.plantgap;
        const read = readSettings(section);
        reportSettingsProblems(read.problems);
        settings = { ...initialSettings, ...read.settings };
      }
      planAnalyses?.settingsChanged();
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard('didChangeWatchedFiles', undefined, async (params: { changes?: { uri: string; type: FileChangeType }[] }) => {
      const changes = (Array.isArray(params.changes) ? params.changes : []).flatMap((change) => {
        const filePath = typeof change?.uri === 'string' ? filePathOf(change.uri) : undefined;
        if (filePath === undefined) return [];
        const kind = change.type === FileChangeType.Created ? 'created' : change.type === FileChangeType.Deleted ? 'deleted' : 'changed';
        return [{ filePath, kind } as const];
      });
      await planAnalyses?.filesChanged(changes);
    }),
  );

  /** The analysis a request about a document answers from; undefined when the document is not part of a plan. */
  const analysisFor = async (params: { textDocument?: { uri?: unknown } } | undefined, token: CancellationToken): Promise<DocumentAnalysis | undefined> => {
    const uri = params?.textDocument?.uri;
    if (typeof uri !== 'string' || !planAnalyses || !documents.get(uri)) return undefined;
    const found = await planAnalyses.analysisFor(uri, token);
    return token.isCancellationRequested ? undefined : found;
  };
  const planFor = async (params: DocumentParams | undefined, token: CancellationToken): Promise<DocumentAnalysis | undefined> => {
    const uri = params?.uri;
    if (typeof uri !== 'string' || !planAnalyses) return undefined;
    const found = await planAnalyses.analysisFor(uri, token);
    return token.isCancellationRequested ? undefined : found;
  };
  const validPosition = (position: unknown): position is Position =>
    typeof position === 'object' && position !== null && Number.isInteger((position as Position).line) && Number.isInteger((position as Position).character) && (position as Position).line >= 0 && (position as Position).character >= 0;

  connection.onHover(
    guard('hover', null, async (params: HoverParams, token) => {
      if (!validPosition(params?.position)) return null;
      const found = await analysisFor(params, token);
      return found ? provideHover(params, found) : null;
    }),
  );
  connection.onCompletion(
    guard('completion', null, async (params: CompletionParams, token) => {
      const document = typeof params?.textDocument?.uri === 'string' ? documents.get(params.textDocument.uri) : undefined;
      if (!document || !planAnalyses || !validPosition(params.position)) return null;
      // Completion needs the knowledge base only, not a fresh analysis: answer while the user types.
      const context = await planAnalyses.scopeFor(document.uri).context();
      if (token.isCancellationRequested || !context.ok) return null;
      return provideCompletion(params, document, context.value.knowledgeBase);
    }),
  );
  connection.onCodeAction(
    guard('codeAction', [], async (params: CodeActionParams, token) => {
      if (!params?.context || !Array.isArray(params.context.diagnostics)) return [];
      const found = await analysisFor(params, token);
      return found ? provideCodeActions(params, found) : [];
    }),
  );
  connection.onCodeLens(
    guard('codeLens', [], async (params: CodeLensParams, token) => {
      const found = await analysisFor(params, token);
      return found ? provideCodeLenses(found) : [];
    }),
  );
  connection.onDocumentSymbol(
    guard('documentSymbol', [], async (params: DocumentSymbolParams, token) => {
      const found = await analysisFor(params, token);
      return found ? provideDocumentSymbols(found, found.scope.parsedFile(found.file, found.result.context)) : [];
    }),
  );

  connection.onRequest(
    requests.coverageSummary,
    guard('coverageSummary', null, async (params: DocumentParams, token) => {
      const found = await planFor(params, token);
      return found ? coverageSummary(found) : null;
    }),
  );
  connection.onRequest(
    requests.gaps,
    guard('gaps', [] as Gap[], async (params: DocumentParams, token) => {
      const found = await planFor(params, token);
      return found ? gaps(found) : [];
    }),
  );
  connection.onRequest(
    requests.report,
    guard('report', null, async (params: ReportParams, token) => {
      const found = await planFor(params, token);
      return found ? report(params, found) : null;
    }),
  );
  connection.onRequest(
    requests.checkWorkspace,
    guard('checkWorkspace', { files: 0, errors: 0, warnings: 0, infos: 0 } as CheckWorkspaceResult, async (_params: unknown, token) => {
      if (!planAnalyses) return { files: 0, errors: 0, warnings: 0, infos: 0 };
      return checkWorkspaceResult(await planAnalyses.checkWorkspace(token));
    }),
  );

  documents.listen(connection, {
    opened: (document) => planAnalyses?.documentChanged(document.uri),
    changed: (document) => planAnalyses?.documentChanged(document.uri),
    closed: (document) => planAnalyses?.documentClosed(document.uri),
  });
  connection.listen();
}

function initialFolders(params: InitializeParams): WorkspaceFolderRef[] {
  if (Array.isArray(params.workspaceFolders)) return toFolderRefs(params.workspaceFolders);
  const root = typeof params.rootUri === 'string' ? params.rootUri : undefined;
  return root ? toFolderRefs([{ uri: root }]) : [];
}

function toFolderRefs(folders: readonly { uri: string }[]): WorkspaceFolderRef[] {
  return folders.flatMap((folder) => {
    const filePath = typeof folder?.uri === 'string' ? filePathOf(folder.uri) : undefined;
    return filePath === undefined ? [] : [{ uri: folder.uri, path: filePath }];
  });
}
