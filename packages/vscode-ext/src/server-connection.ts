/**
 * Owns the language client: starts the bundled server, restarts it, pushes settings changes, relays
 * `plantgap/analysisChanged`, and sends plantgap's own requests in a way that can never throw into
 * the editor (a failed request resolves to undefined and is reported once).
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LSPErrorCodes,
  ResponseError,
  State,
} from 'vscode-languageclient/node';
import { notifications, type AnalysisChangedParams } from '../../language-server/src/protocol.js';
import { clientOptions, serverOptions } from './client-options.js';
import { ErrorNotifier } from './error-notifier.js';
import { readPlantgapSettings, settingsSection } from './settings.js';

const clientId = 'plantgap';
const clientName = 'plantgap language server';

export class ServerConnection implements vscode.Disposable {
  private client: LanguageClient | undefined;
  /** Serialises start, stop and restart, so a restart never races a start still in progress. */
  private lifecycle: Promise<void> = Promise.resolve();
  private readonly analysisChangedEmitter = new vscode.EventEmitter<AnalysisChangedParams>();
  private readonly readyEmitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];

  /** A plan was analysed again; `uris` are its files. */
  readonly onAnalysisChanged = this.analysisChangedEmitter.event;
  /** A (re)started server is ready to answer requests. */
  readonly onReady = this.readyEmitter.event;

  constructor(
    private readonly serverModule: string,
    private readonly output: vscode.OutputChannel,
    private readonly errors: ErrorNotifier,
    private readonly fileWatchers: vscode.FileSystemWatcher[],
  ) {
    this.disposables.push(
      this.analysisChangedEmitter,
      this.readyEmitter,
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(settingsSection)) this.pushSettings();
      }),
    );
  }

  start(): Promise<void> {
    return this.serialised(() => this.startClient());
  }

  restart(): Promise<void> {
    return this.serialised(async () => {
      await this.stopClient();
      this.errors.forgetShownErrors();
      await this.startClient();
    });
  }

  stop(): Promise<void> {
    return this.serialised(() => this.stopClient());
  }

  /**
   * Sends a plantgap request. Resolves to undefined when the server is not running, when the request
   * was cancelled or overtaken by an edit, or when it failed (then the error is reported once).
   */
  async request<Result>(
    method: string,
    params: unknown,
    what: string,
    token?: vscode.CancellationToken,
  ): Promise<Result | undefined> {
    const client = this.client;
    if (!client || client.state === State.Stopped) return undefined;
    try {
      return await client.sendRequest<Result>(method, params, token);
    } catch (error) {
      if (token?.isCancellationRequested || isCancellation(error) || this.client !== client) return undefined;
      this.errors.report(what, error);
      return undefined;
    }
  }

  dispose(): void {
    void this.stop();
    for (const disposable of this.disposables) disposable.dispose();
  }

  private serialised(step: () => Promise<void>): Promise<void> {
    this.lifecycle = this.lifecycle.then(step, step);
    return this.lifecycle;
  }

  private async startClient(): Promise<void> {
    if (!fs.existsSync(this.serverModule)) {
      this.errors.report('Starting the language server', `${this.serverModule} is missing; reinstall the extension.`);
      return;
    }
    const client = new LanguageClient(
      clientId,
      clientName,
      serverOptions(this.serverModule),
      clientOptions(this.output, this.fileWatchers, this.errors),
    );
    client.onNotification(notifications.analysisChanged, (params: AnalysisChangedParams) => {
      if (params && Array.isArray(params.uris)) this.analysisChangedEmitter.fire(params);
    });
    client.onDidChangeState((event) => {
      if (event.newState === State.Running) this.readyEmitter.fire();
    });
    this.client = client;
    try {
      await client.start();
    } catch (error) {
      this.errors.report('Starting the language server', error);
    }
  }

  private async stopClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    try {
      await client.dispose(2000);
    } catch (error) {
      // The server may already be gone (crashed, or killed with the window); nothing left to stop.
      this.output.appendLine(`Stopping the language server: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Settings are pushed cleaned up (see settings.ts), not as the raw section with its empty defaults. */
  private pushSettings(): void {
    const client = this.client;
    if (!client || client.state !== State.Running) return;
    client
      .sendNotification(DidChangeConfigurationNotification.type, { settings: { [settingsSection]: readPlantgapSettings() } })
      .catch((error: unknown) => this.errors.report('Sending settings to the language server', error));
  }
}

function isCancellation(error: unknown): boolean {
  return (
    error instanceof ResponseError &&
    (error.code === LSPErrorCodes.RequestCancelled ||
      error.code === LSPErrorCodes.ServerCancelled ||
      error.code === LSPErrorCodes.ContentModified)
  );
}
