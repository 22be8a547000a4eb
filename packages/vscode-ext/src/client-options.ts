/**
 * How the language client starts and talks to the bundled plantgap language server: which process,
 * which documents, which settings and which file events it receives.
 */
import * as vscode from 'vscode';
import {
  RevealOutputChannelOn,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import type { PlantgapInitializationOptions } from '../../language-server/src/protocol.js';
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

export function clientOptions(
  outputChannel: vscode.OutputChannel,
  fileWatchers: vscode.FileSystemWatcher[],
): LanguageClientOptions {
  return {
    documentSelector: planDocumentSelector,
    outputChannel,
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
