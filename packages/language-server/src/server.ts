/**
 * The plantgap language server: wires the protocol to the plan analyses and the language features.
 * Every handler runs under {@link guard}, so an exception in one request is logged to the client's
 * output and answered with an empty result — the server keeps serving.
 */
import {
  CancellationToken,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describeError, PlanAnalyses, type WorkspaceFolderRef } from './plan-analyses.js';
import type { PlantgapSettings } from './protocol.js';
import { defaultDebounceMs, readInitializationOptions, readSettings, type SettingsProblem } from './settings.js';
import { filePathOf } from './uris.js';
import { serverVersion } from './version.js';

/** The globs the server asks the client to watch: plans, config files, and data files a config may name. */
const watchedGlobs = ['**/*.{md,markdown}', '**/.plantgap.{yml,yaml}', '**/*.{yml,yaml,json}'];

/** Starts serving on a connection; returns when the connection is set up (it then runs until closed). */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
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
    void connection.window.showWarningMessage(`plantgap: ignored invalid settings: ${text}`);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const initialization = readInitializationOptions(params.initializationOptions);
    reportSettingsProblems(initialization.problems);
    settings = initialization.options.settings;
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
    settings = { ...settings, ...read.settings };
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
        settings = read.settings;
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

  documents.onDidChangeContent((event) => planAnalyses?.documentChanged(event.document.uri));
  documents.onDidClose((event) => planAnalyses?.documentClosed(event.document.uri));

  documents.listen(connection);
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
