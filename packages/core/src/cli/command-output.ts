/**
 * What the document commands (report, soa, explain) share: reading a --format choice, running the
 * analysis for --profile/--config/paths, and delivering the output to stdout or, with --output, to
 * a file written atomically (a missing directory is an input error, exit code 2).
 */
import path from 'node:path';
import { writeFileAtomically } from '../files/write-file-atomically.js';
import { checkPlans, type CheckPlansResult } from '../workspace/check-plans.js';
import { collectGarbageWhileParsing, UsageError, type CliIo } from './io.js';
import { InputErrors, type CommandValues } from './main.js';

/** The value of `--format`, checked against the command's formats. */
export function readFormatOption<T extends string>(values: CommandValues, formats: readonly T[], fallback: T): T {
  const value = values.format ?? fallback;
  const match = formats.find((format) => format === value);
  if (match === undefined) throw new UsageError(`unknown --format "${String(value)}"; expected one of: ${formats.join(', ')}`);
  return match;
}

/** `checkPlans` for a command's positionals and its --profile/--config options; input problems stop the command (exit 2). */
export async function analyzeForCommand(positionals: readonly string[], values: CommandValues, io: CliIo): Promise<CheckPlansResult> {
  const result = await checkPlans({
    cwd: io.cwd,
    paths: positionals,
    configFile: typeof values.config === 'string' ? values.config : undefined,
    profile: typeof values.profile === 'string' ? values.profile : undefined,
    onProgress: collectGarbageWhileParsing(io),
  });
  if (!result.ok) throw new InputErrors(result.errors);
  return result.value;
}

/**
 * Prints `text`, or replaces FILE with it atomically when --output is given (and says where it went
 * on stderr). Text given in chunks is written as it is made, the stream's backpressure respected.
 */
export async function deliverOutput(text: string | Iterable<string>, values: CommandValues, io: CliIo): Promise<void> {
  const output = values.output;
  if (typeof output !== 'string') {
    for (const chunk of typeof text === 'string' ? [text] : text) await io.stdout(chunk);
    return;
  }
  if (output.trim() === '') throw new UsageError('--output needs a file name');
  const file = path.resolve(io.cwd, output);
  const written = await writeFileAtomically(file, text, { overwrite: true });
  if (!written.ok) throw new InputErrors(written.errors.map((error) => ({ ...error, file: output })));
  io.stderr(`plantgap: wrote ${output}\n`);
}
