/**
 * A one-line progress display on stderr while `plantgap check` reads and analyses many plan files.
 * It is shown only to a person at a terminal: never when stderr is piped or redirected, never in
 * CI (`CI` set), never with --quiet; stdout, where the report goes, is never touched. The line is
 * rewritten in place (carriage return + erase line) and erased when the check is done.
 */
import type { CheckProgress } from '../workspace/check-plans.js';
import type { CliIo } from './io.js';

/** Fewer files than this are read and analysed too quickly for a progress line to help. */
export const progressMinimumFiles = 10;

const eraseLine = '\r\u001b[2K';

export interface ProgressLine {
  /** Takes a check's progress events (`checkPlans`' `onProgress`). */
  report(progress: CheckProgress): void;
  /** Erases the line, if one was drawn, before the report is printed. */
  finish(): void;
}

export function progressShown(io: CliIo, quiet: boolean): boolean {
  return io.interactive && !io.env.CI && !quiet;
}

/** A progress line on `io.stderr`, or one that draws nothing when progress is not to be shown. */
export function createProgressLine(io: CliIo, options: { quiet: boolean }): ProgressLine {
  if (!progressShown(io, options.quiet)) return { report: () => undefined, finish: () => undefined };
  let drawn = false;
  let lastText = '';
  const draw = (text: string) => {
    if (text === lastText) return;
    lastText = text;
    drawn = true;
    io.stderr(`${eraseLine}${text}`);
  };
  return {
    report({ stage, done, total }) {
      if (total < progressMinimumFiles) return;
      if (stage === 'analysing') {
        draw(`plantgap: analysing ${total} plan files…`);
        return;
      }
      // About a hundred redraws at most, however many files there are.
      const step = Math.max(1, Math.floor(total / 100));
      if (done % step === 0 || done === total) draw(`plantgap: ${stage} plan files ${done}/${total}`);
    },
    finish() {
      if (drawn) io.stderr(eraseLine);
      drawn = false;
    },
  };
}
