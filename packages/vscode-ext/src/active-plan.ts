/**
 * The plan of the active editor, with its coverage summary and gaps: the one model the status bar,
 * the Gaps view and the coverage report render. It asks the server again when the user switches to
 * another Markdown editor, when the server re-analyses this plan, and when a (re)started server
 * becomes ready; an answer that arrives after a newer question was asked is dropped.
 */
import * as vscode from 'vscode';
import { requests, type CoverageSummary, type Gap } from '../../language-server/src/protocol.js';
import { isPlanCandidate } from './client-options.js';
import type { ServerConnection } from './server-connection.js';

export interface ActivePlanState {
  /** The document the figures are about; undefined when no Markdown editor is active. */
  document: vscode.Uri | undefined;
  /** Null when the document is not (part of) a plan, undefined while unknown. */
  summary: CoverageSummary | null | undefined;
  gaps: Gap[];
}

export class ActivePlan implements vscode.Disposable {
  private current: ActivePlanState = { document: undefined, summary: undefined, gaps: [] };
  private generation = 0;
  private pending: vscode.CancellationTokenSource | undefined;
  private readonly changeEmitter = new vscode.EventEmitter<ActivePlanState>();
  private readonly disposables: vscode.Disposable[] = [];

  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly connection: ServerConnection) {
    this.disposables.push(
      this.changeEmitter,
      vscode.window.onDidChangeActiveTextEditor((editor) => this.followEditor(editor)),
      connection.onAnalysisChanged(({ uris }) => {
        if (this.isAbout(uris)) void this.refresh();
      }),
      connection.onReady(() => void this.refresh()),
      vscode.workspace.onDidCloseTextDocument((document) => {
        // An untitled plan that is closed is gone for good; do not keep showing its figures.
        if (document.uri.scheme === 'untitled' && sameUri(document.uri, this.current.document)) this.show(undefined);
      }),
    );
    this.followEditor(vscode.window.activeTextEditor);
  }

  get state(): ActivePlanState {
    return this.current;
  }

  /** Asks the server for the summary and gaps of the current document. */
  async refresh(): Promise<void> {
    const document = this.current.document;
    this.pending?.cancel();
    const generation = ++this.generation;
    if (!document) {
      this.publish({ document, summary: undefined, gaps: [] });
      return;
    }
    const cancellation = new vscode.CancellationTokenSource();
    this.pending = cancellation;
    const params = { uri: document.toString() };
    const [summary, gaps] = await Promise.all([
      this.connection.request<CoverageSummary | null>(requests.coverageSummary, params, 'Coverage summary', cancellation.token),
      this.connection.request<Gap[]>(requests.gaps, params, 'Gaps', cancellation.token),
    ]);
    cancellation.dispose();
    if (generation !== this.generation) return;
    this.pending = undefined;
    // An unanswered summary request (server not ready, request failed) keeps the figures shown so far
    // rather than blanking the status bar; `null` is the server saying "not a plan".
    this.publish({
      document,
      summary: summary === undefined && sameUri(document, this.current.document) ? this.current.summary : summary,
      gaps: Array.isArray(gaps) ? gaps : [],
    });
  }

  dispose(): void {
    this.pending?.cancel();
    for (const disposable of this.disposables) disposable.dispose();
  }

  private followEditor(editor: vscode.TextEditor | undefined): void {
    // Focus moving to a panel, a webview or the Gaps view leaves no active text editor: keep
    // showing the last plan, which is what the user is still looking at.
    if (!editor) return;
    this.show(isPlanCandidate(editor.document) ? editor.document.uri : undefined);
  }

  private show(document: vscode.Uri | undefined): void {
    if (sameUri(document, this.current.document)) return;
    this.current = { document, summary: undefined, gaps: [] };
    void this.refresh();
  }

  private publish(state: ActivePlanState): void {
    this.current = state;
    this.changeEmitter.fire(state);
  }

  /** Whether an analysis of `uris` concerns the shown document or a file of its plan. */
  private isAbout(uris: string[]): boolean {
    const document = this.current.document;
    if (!document) return false;
    const planFiles = new Set([document.toString(), ...(this.current.summary?.planFiles ?? []).map(normaliseUri)]);
    return uris.some((uri) => planFiles.has(normaliseUri(uri)));
  }
}

/** Servers may spell the same URI differently (percent-encoding, drive letter case). */
function normaliseUri(uri: string): string {
  try {
    return vscode.Uri.parse(uri).toString();
  } catch {
    return uri;
  }
}

function sameUri(left: vscode.Uri | undefined, right: vscode.Uri | undefined): boolean {
  return left?.toString() === right?.toString();
}
