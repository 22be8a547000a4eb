/**
 * Shows each distinct plantgap error to the user once. A failing request is retried by the next edit
 * or editor switch, so without this the same message would pop up again and again; repeats go to the
 * output channel only. A restart of the server forgets what was shown, so a new failure is seen.
 */
import * as vscode from 'vscode';

export class ErrorNotifier {
  private readonly shown = new Set<string>();

  constructor(private readonly output: vscode.OutputChannel) {}

  /** `what` says what failed ("Coverage summary"), `error` why. */
  report(what: string, error: unknown): void {
    const message = `plantgap: ${what} failed: ${describeError(error)}`;
    this.output.appendLine(`[${new Date().toISOString()}] ${message}`);
    if (this.shown.has(message)) return;
    this.shown.add(message);
    void vscode.window.showErrorMessage(message, 'Show output').then(
      (choice) => {
        if (choice === 'Show output') this.output.show(true);
      },
      () => undefined,
    );
  }

  forgetShownErrors(): void {
    this.shown.clear();
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}
