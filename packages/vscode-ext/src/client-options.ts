/**
 * How the language client starts and talks to the bundled plantgap language server: which process,
 * which documents, which settings and which file events it receives.
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  RevealOutputChannelOn,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import type { PlantgapInitializationOptions } from '../../language-server/src/protocol.js';
import type { ErrorNotifier } from './error-notifier.js';
import { RestartBudget } from './restart-budget.js';
import { readDebounceMs, readPlantgapSettings, settingsSection } from './settings.js';

/** Plans are Markdown files on disk, and untitled Markdown documents not saved yet. */
export const planDocumentSelector = [
  { scheme: 'file', language: 'markdown' },
  { scheme: 'untitled', language: 'markdown' },
];

export function isPlanCandidate(document: vscode.TextDocument): boolean {
  return vscode.languages.match(planDocumentSelector, document) > 0;
}

/**
 * The server is a self-contained ESM bundle started with the extension host's own Node
 * (`process.execPath`, which is Electron's Node in desktop VS Code): no separate Node install needed.
 */
export function serverOptions(serverModule: string): ServerOptions {
  const run = { module: serverModule, transport: TransportKind.stdio };
  return {
    run,
    debug: { ...run, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
}

/**
 * A crashed server is started again within a restart budget, and the user is told once (ErrorNotifier
 * shows each message once); past the budget it stays stopped until "plantgap: Restart server".
 * Errors on the connection (a malformed message) are logged, not shown, while the server keeps going.
 */
export function crashHandler(errors: ErrorNotifier): ErrorHandler {
  const budget = new RestartBudget();
  return {
    error: (_error, _message, count) => ({ action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true }),
    closed: () => {
      if (budget.crashed(Date.now())) {
        errors.report('The language server', 'it stopped unexpectedly and was restarted');
        return { action: CloseAction.Restart, handled: true };
      }
      errors.report('The language server', 'it stopped again and again, so it is not restarted; run "plantgap: Restart server" to try again');
      return { action: CloseAction.DoNotRestart, handled: true };
    },
  };
}

export function clientOptions(
  outputChannel: vscode.OutputChannel,
  fileWatchers: vscode.FileSystemWatcher[],
  errors: ErrorNotifier,
): LanguageClientOptions {
  return {
    documentSelector: planDocumentSelector,
    outputChannel,
    errorHandler: crashHandler(errors),
    // Errors reach the user once through ErrorNotifier; an output panel popping up on every logged
    // error would take the focus away from the plan being written.
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    // A function, so that a restart (after workspace trust is granted or settings change) sends the
    // values of that moment.
    initializationOptions: (): PlantgapInitializationOptions => ({
      debounceMs: readDebounceMs(),
      trusted: vscode.workspace.isTrusted,
      settings: readPlantgapSettings(),
    }),
    synchronize: { fileEvents: fileWatchers },
    middleware: {
      workspace: {
        // Answer pulls of the `plantgap` section with the same cleaned-up settings that are pushed
        // on change (see SettingsSync), never with raw empty defaults.
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) return answers;
          return params.items.map((item, index) =>
            item.section === settingsSection
              ? readPlantgapSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined)
              : answers[index],
          );
        },
      },
    },
  };
}

/** Config files and plan files: changes to either change the analysis of plans not open. */
export function createFileWatchers(): vscode.FileSystemWatcher[] {
  return [
    vscode.workspace.createFileSystemWatcher('**/.plantgap.{yml,yaml}'),
    vscode.workspace.createFileSystemWatcher('**/*.md'),
  ];
}
