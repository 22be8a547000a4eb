/**
 * How often a crashed language server is started again. A server that crashes on every start (a
 * broken install, a document that trips a bug) must not be restarted, and announced, in a loop:
 * within a window only a few restarts are allowed, then the extension gives up and says how to
 * retry. Free of `vscode` so it can be tested on its own.
 */
export interface RestartBudgetOptions {
  /** Restarts allowed within the window. */
  restarts: number;
  windowMs: number;
}

export const defaultRestartBudget: RestartBudgetOptions = { restarts: 4, windowMs: 3 * 60 * 1000 };

export class RestartBudget {
  private readonly crashes: number[] = [];

  constructor(private readonly options: RestartBudgetOptions = defaultRestartBudget) {}

  /** Records a crash at `now`; true when the server may be started again. */
  crashed(now: number): boolean {
    this.crashes.push(now);
    while (this.crashes.length > 0 && (this.crashes[0] ?? now) <= now - this.options.windowMs) this.crashes.shift();
    return this.crashes.length <= this.options.restarts;
  }
}
