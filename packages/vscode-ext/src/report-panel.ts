/**
 * The coverage report webview. The HTML comes from the server (`plantgap/report`, the same renderer
 * as `plantgap report`); the page runs no script and loads nothing remote. Its policy allows only
 * the report's own stylesheet (by nonce) and the extension's theme stylesheet, which maps the
 * report's colours onto the VS Code theme. The panel follows the active plan and re-renders when it
 * is analysed again.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { requests, type ReportParams, type ReportResult } from '../../language-server/src/protocol.js';
import type { ActivePlan, ActivePlanState } from './active-plan.js';
import { messagePage, reportContentSecurityPolicy, themedReport } from './report-page.js';
import type { ServerConnection } from './server-connection.js';

const viewType = 'plantgap.coverageReport';

export class CoverageReportPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private shownDocument: vscode.Uri | undefined;
  private generation = 0;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly connection: ServerConnection,
    private readonly activePlan: ActivePlan,
    /** Folder holding report-theme.css, the only local resource the webview may load. */
    private readonly mediaFolder: vscode.Uri,
  ) {
    this.subscription = activePlan.onDidChange((state) => {
      // ActivePlan fires after every re-analysis of the plan and every switch to another plan.
      if (this.panel && state.document) void this.render(state);
    });
  }

  /** Opens the report of the active plan, or brings the open report to the front. */
  async show(): Promise<void> {
    const state = this.activePlan.state;
    if (!state.document) {
      void vscode.window.showInformationMessage('plantgap: open a Markdown security plan to see its coverage report.');
      return;
    }
    if (this.panel) {
      this.panel.reveal(undefined, true);
    } else {
      this.panel = vscode.window.createWebviewPanel(
        viewType,
        'Coverage report',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: false, enableCommandUris: false, enableFindWidget: true, localResourceRoots: [this.mediaFolder] },
      );
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.shownDocument = undefined;
      });
    }
    await this.render(state);
  }

  dispose(): void {
    this.subscription.dispose();
    this.panel?.dispose();
  }

  private async render(state: ActivePlanState): Promise<void> {
    const panel = this.panel;
    const document = state.document;
    if (!panel || !document) return;
    const generation = ++this.generation;
    const webview = panel.webview;
    const nonce = randomBytes(18).toString('base64');
    const policy = reportContentSecurityPolicy(webview.cspSource, nonce);
    const params: ReportParams = { uri: document.toString(), contentSecurityPolicy: policy, styleNonce: nonce };
    const result = await this.connection.request<ReportResult | null>(requests.report, params, 'Coverage report');
    if (generation !== this.generation || this.panel !== panel) return;
    // No answer (server not ready, or the request failed and was reported): keep the page shown.
    if (result === undefined && sameUri(this.shownDocument, document)) return;
    panel.title = `Coverage report: ${path.basename(document.path) || document.toString()}`;
    const themeStylesheet = webview.asWebviewUri(vscode.Uri.joinPath(this.mediaFolder, 'report-theme.css'));
    panel.webview.html =
      result && typeof result.html === 'string'
        ? themedReport(result.html, policy, themeStylesheet.toString())
        : messagePage(
            result === null ? 'This document is not a plantgap plan, so it has no coverage report.' : 'The coverage report is not available yet.',
            policy,
            themeStylesheet.toString(),
          );
    this.shownDocument = document;
  }
}

function sameUri(left: vscode.Uri | undefined, right: vscode.Uri | undefined): boolean {
  return left?.toString() === right?.toString();
}
