/**
 * The plantgap extension: a language client for the bundled plantgap language server (diagnostics,
 * hovers, completion, quick fixes, code lenses, symbols come from the server), plus the coverage
 * status bar item, the Gaps view, the coverage report and the commands.
 */
import * as vscode from 'vscode';
import { ActivePlan } from './active-plan.js';
import { checkWorkspace } from './check-workspace.js';
import { createFileWatchers } from './client-options.js';
import { CoverageStatusBar, showCoverageReportCommand } from './coverage-status-bar.js';
import { ErrorNotifier } from './error-notifier.js';
import { GapsView } from './gaps-view.js';
import { CoverageReportPanel } from './report-panel.js';
import { ServerConnection } from './server-connection.js';

let connection: ServerConnection | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('plantgap');
  const errors = new ErrorNotifier(output);
  const fileWatchers = createFileWatchers();
  const serverModule = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server', 'server.mjs').fsPath;
  connection = new ServerConnection(serverModule, output, errors, fileWatchers);
  const activePlan = new ActivePlan(connection);
  const reportPanel = new CoverageReportPanel(connection, activePlan, vscode.Uri.joinPath(context.extensionUri, 'dist', 'media'));
  const server = connection;

  context.subscriptions.push(
    output,
    ...fileWatchers,
    server,
    activePlan,
    new CoverageStatusBar(activePlan),
    new GapsView(activePlan),
    reportPanel,
    vscode.commands.registerCommand(showCoverageReportCommand, () => guarded(errors, 'Showing the coverage report', () => reportPanel.show())),
    vscode.commands.registerCommand('plantgap.checkWorkspace', () => guarded(errors, 'Checking the workspace', () => checkWorkspace(server))),
    vscode.commands.registerCommand('plantgap.restartServer', () => guarded(errors, 'Restarting the language server', () => server.restart())),
    // Restricted Mode started the server with built-in catalogs only (trusted: false); once the
    // user trusts the workspace, a fresh server reads the workspace's own framework files.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void guarded(errors, 'Restarting the language server', () => server.restart())),
  );

  void guarded(errors, 'Starting the language server', () => server.start());
}

export async function deactivate(): Promise<void> {
  await connection?.stop();
  connection = undefined;
}

/** Commands and event handlers must never throw into the editor: a failure is reported once. */
async function guarded(errors: ErrorNotifier, what: string, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    errors.report(what, error);
  }
}
