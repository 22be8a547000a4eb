/**
 * The CLI's connection to the outside world, injectable so tests and other tools (the language
 * server, editors) can run commands in-process with their own streams and working directory.
 */
export interface CliIo {
  /**
   * Writes to standard output. May return a promise that settles when the output can take more
   * (stream backpressure); a long report awaits it chunk by chunk instead of piling up in memory.
   */
  stdout(text: string): void | Promise<void>;
  stderr(text: string): void;
  cwd: string;
  /** True when stderr is an interactive terminal (progress output is shown only then). */
  interactive: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

/** A mistake in how the CLI was called or configured: exit code 2 and a message, never a stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const exitCodes = { ok: 0, findings: 1, usage: 2 } as const;
