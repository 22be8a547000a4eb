/**
 * "plantgap: Check workspace": analyses every plan file of the workspace (the server publishes the
 * diagnostics of files that are not open), then shows the totals and opens the Problems panel.
 */
import * as vscode from 'vscode';
import { requests, type CheckWorkspaceResult } from '../../language-server/src/protocol.js';
import type { ServerConnection } from './server-connection.js';

export async function checkWorkspace(connection: ServerConnection): Promise<void> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'plantgap: checking the workspace…', cancellable: true },
    (_progress, token) => connection.request<CheckWorkspaceResult>(requests.checkWorkspace, undefined, 'Checking the workspace', token),
  );
  if (!result) return;
  void vscode.window.showInformationMessage(checkSummary(result));
  await vscode.commands.executeCommand('workbench.actions.view.problems');
}

export function checkSummary(result: CheckWorkspaceResult): string {
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  if (result.files === 0) return 'plantgap: no plan files found in the workspace (see plantgap.include and .plantgap.yml).';
  return `plantgap checked ${count(result.files, 'plan file')}: ${count(result.errors, 'error')}, ${count(result.warnings, 'warning')}, ${count(result.infos, 'info')}.`;
}
