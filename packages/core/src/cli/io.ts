/**
 * The CLI's connection to the outside world, injectable so tests and other tools (the language
 * server, editors) can run commands in-process with their own streams and working directory.
 */
export interface CliIo {
  stdout(text: string): void;
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
