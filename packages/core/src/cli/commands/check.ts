/**
 * `plantgap check`: analyse plans and fail (exit 1) on error-level findings — by default an
 * uncovered mandatory requirement — or on more warnings than --max-warnings allows. The report
 * goes to stdout or, atomically, to --output; progress (terminals only) goes to stderr.
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { summarizeFindings } from '../../analyze/analyze-plan.js';
import { writeFileAtomically } from '../../files/write-file-atomically.js';
import type { CheckReportInput } from '../../format/report-input.js';
import { checkPlansFileByFile } from '../../workspace/check-plans.js';
import { collectGarbageWhileParsing, exitCodes, UsageError, type CliIo } from '../io.js';
import { InputErrors, type Command } from '../main.js';
import { createProgressLine } from '../progress.js';
import { findRepositoryRoot } from '../repository-root.js';

const formats = ['stylish', 'json', 'sarif', 'junit', 'markdown'] as const;
type Format = (typeof formats)[number];

export const checkCommand: Command = {
  usage: `Usage: plantgap check [paths/globs...] [options]

Analyse security plans against a profile. Without paths, the config's include globs are used.

Options:
  --profile NAME|FILE    profile to check against (default: plan front matter, config, then ot-baseline)
  --format FORMAT        ${formats.join(' | ')} (default stylish)
  --output FILE          write the report to FILE instead of stdout (replacing it)
  --max-warnings N       exit 1 when there are more than N warnings
  --config FILE          use this config file instead of searching for .plantgap.yml
  --quiet                report errors only, no coverage summary, no progress

Exit codes: 0 no errors, 1 error-level findings (or too many warnings), 2 usage, config or input error.`,
  options: {
    profile: { type: 'string' },
    format: { type: 'string', default: 'stylish' },
    output: { type: 'string' },
    'max-warnings': { type: 'string' },
    config: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
  async run({ positionals, values }, io: CliIo) {
    const format = values.format as string;
    if (!isFormat(format)) throw new UsageError(`--format must be one of ${formats.join(', ')}; got "${format}"`);
    const maxWarnings = parseMaxWarnings(values['max-warnings'] as string | undefined);
    const quiet = values.quiet === true;
    const output = typeof values.output === 'string' ? await checkOutputPath(path.resolve(io.cwd, values.output), values.output) : undefined;

    const progress = createProgressLine(io, { quiet });
    const result = await checkPlansFileByFile({
      cwd: io.cwd,
      paths: positionals,
      configFile: values.config as string | undefined,
      profile: values.profile as string | undefined,
      onProgress: collectGarbageWhileParsing(io, progress.report),
    }).finally(progress.finish);
    if (!result.ok) throw new InputErrors(result.errors);
    const { analysis, files } = result.value;
    if (output !== undefined) await refuseInputAsOutput(output, files.map((file) => path.resolve(io.cwd, file)), values.output as string);

    const color = format === 'stylish' && output === undefined && io.interactive && !io.env.NO_COLOR;
    const chunks = await render(format, result.value, { quiet, color, cwd: io.cwd });
    if (output !== undefined) {
      const written = await writeFileAtomically(output, chunks, { overwrite: true });
      if (!written.ok) throw new InputErrors(written.errors.map((error) => ({ ...error, file: values.output as string })));
    } else {
      for (const chunk of chunks) await io.stdout(chunk);
    }

    // Like ESLint, --quiet hides warnings from the report but --max-warnings still counts them.
    const summary = summarizeFindings(analysis.findings);
    if (summary.errors > 0) return exitCodes.findings;
    if (maxWarnings !== undefined && summary.warnings > maxWarnings) {
      io.stderr(`plantgap: ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'} exceed${summary.warnings === 1 ? 's' : ''} --max-warnings ${maxWarnings}\n`);
      return exitCodes.findings;
    }
    return exitCodes.ok;
  },
};

function isFormat(value: string): value is Format {
  return (formats as readonly string[]).includes(value);
}

/** A whole number written in digits: `1e3`, `2.0`, ` 3` and `-1` are mistakes, not limits. */
function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`--max-warnings takes a whole number ≥ 0; got "${value}"`);
  }
  return Number(value);
}

/** Checked before the analysis, so a typo in a CI script fails at once with a clear message. */
async function checkOutputPath(file: string, given: string): Promise<string> {
  const directory = await stat(path.dirname(file)).catch(() => undefined);
  if (!directory) throw new InputErrors([{ file: given, key: '--output', message: `cannot write: directory ${path.dirname(file)} does not exist` }]);
  if (!directory.isDirectory()) throw new InputErrors([{ file: given, key: '--output', message: `cannot write: ${path.dirname(file)} is not a directory` }]);
  if ((await stat(file).catch(() => undefined))?.isDirectory()) throw new InputErrors([{ file: given, key: '--output', message: 'cannot write: it is a directory' }]);
  return file;
}

/** Writing the report over a plan it was made from would destroy the plan. */
async function refuseInputAsOutput(output: string, inputs: readonly string[], given: string): Promise<void> {
  const canonical = async (file: string) => realpath(file).catch(() => path.resolve(file));
  const target = await canonical(output);
  for (const input of inputs) {
    if ((await canonical(input)) === target) {
      throw new InputErrors([{ file: given, key: '--output', message: 'is one of the plan files being checked; the report would replace it; choose another file' }]);
    }
  }
}

/**
 * The report's text in chunks. The JSON, SARIF, JUnit and stylish reports (megabytes for a large
 * plan) are made as they are written; the Markdown summary is one string.
 */
async function render(format: Format, input: CheckReportInput, options: { quiet: boolean; color: boolean; cwd: string }): Promise<Iterable<string>> {
  switch (format) {
    case 'json':
      return (await import('../../format/json-report.js')).formatJsonChunks(input.analysis, input.files, input.knowledgeBase, { quiet: options.quiet });
    case 'stylish':
      return (await import('../../format/stylish.js')).formatStylishChunks(input.analysis, { quiet: options.quiet, color: options.color });
    case 'sarif': {
      const root = (await findRepositoryRoot(options.cwd)) ?? options.cwd;
      const pathFromRoot = path.relative(root, options.cwd).split(path.sep).join('/');
      return (await import('../../format/sarif.js')).formatSarifChunks(input, { quiet: options.quiet, pathFromRoot, sourceRoot: root });
    }
    case 'junit':
      return (await import('../../format/junit.js')).formatJunitChunks(input, { quiet: options.quiet });
    case 'markdown':
      return [(await import('../../format/markdown.js')).formatMarkdown(input, { quiet: options.quiet })];
  }
}
