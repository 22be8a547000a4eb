import type { CheckProgress } from '../workspace/check-plans.js';

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
  /**
   * Offers V8 a full garbage collection, which the process may decline (bin/plantgap.js declines
   * below a floor, and after a parsed file until the heap has grown well past what the last
   * collection kept). Commands offer it as each plan file has been parsed (`file-parsed`): parsing
   * leaves about as much garbage as the plan model it builds, and V8 would otherwise let the heap
   * grow over it, holding the peak for the rest of the run. Once every file is parsed
   * (`all-parsed`), what is left is what the analysis needs, and whether the garbage on top of it
   * was collected decided whether 10 MB of plans peaked at 148 or 158 MiB.
   */
  collectGarbage?(moment: 'file-parsed' | 'all-parsed'): void;
}

/** A `checkPlans` progress hook that offers the garbage of each parsed file, then of all of them, for collection. */
export function collectGarbageWhileParsing(io: CliIo, then: (progress: CheckProgress) => void = () => undefined): (progress: CheckProgress) => void {
  return (progress) => {
    then(progress);
    if (progress.stage === 'parsing' && progress.done > 0) io.collectGarbage?.(progress.done === progress.total ? 'all-parsed' : 'file-parsed');
  };
}

/** A mistake in how the CLI was called or configured: exit code 2 and a message, never a stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const exitCodes = { ok: 0, findings: 1, usage: 2 } as const;
