/**
 * `plantgap check`: analyse plans and fail (exit 1) on error-level findings — by default an
 * uncovered mandatory requirement — or on more warnings than --max-warnings allows.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { summarizeFindings } from '../../analyze/analyze-plan.js';
import { checkPlans } from '../../workspace/check-plans.js';
import { exitCodes, UsageError, type CliIo } from '../io.js';
import { InputErrors, type Command } from '../main.js';

const formats = ['stylish', 'json'] as const;
type Format = (typeof formats)[number];

export const checkCommand: Command = {
  usage: `Usage: plantgap check [paths/globs...] [options]

Analyse security plans against a profile. Without paths, the config's include globs are used.

Options:
  --profile NAME|FILE    profile to check against (default: plan front matter, config, then ot-baseline)
  --format FORMAT        ${formats.join(' | ')} (default stylish)
  --output FILE          write the report to FILE instead of stdout
  --max-warnings N       exit 1 when there are more than N warnings
  --config FILE          use this config file instead of searching for .plantgap.yml
  --quiet                report errors only

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
    if (!(formats as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${formats.join(', ')}; got "${format}"`);
    let maxWarnings = -1;
    if (values['max-warnings'] !== undefined) {
      maxWarnings = Number(values['max-warnings']);
      if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError(`--max-warnings takes a whole number ≥ 0; got "${String(values['max-warnings'])}"`);
    }
    const result = await checkPlans({
      cwd: io.cwd,
      paths: positionals,
      configFile: values.config as string | undefined,
      profile: values.profile as string | undefined,
    });
    if (!result.ok) throw new InputErrors(result.errors);
    const { analysis, files } = result.value;
    const output = await render(format as Format, analysis, files, { color: io.interactive && !io.env.NO_COLOR && values.output === undefined, quiet: values.quiet === true });
    if (typeof values.output === 'string') await writeFile(path.resolve(io.cwd, values.output), output);
    else io.stdout(output);
    const summary = summarizeFindings(analysis.findings);
    if (summary.errors > 0) return exitCodes.findings;
    if (maxWarnings >= 0 && summary.warnings > maxWarnings) {
      io.stderr(`plantgap: ${summary.warnings} warnings exceed --max-warnings ${maxWarnings}\n`);
      return exitCodes.findings;
    }
    return exitCodes.ok;
  },
};

async function render(format: Format, ...[analysis, files, options]: [import('../../analyze/analyze-plan.js').PlanAnalysis, string[], { color: boolean; quiet: boolean }]): Promise<string> {
  switch (format) {
    case 'json':
      return (await import('../../format/json-report.js')).formatJson(analysis, files);
    case 'stylish':
      return (await import('../../format/stylish.js')).formatStylish(analysis, options);
  }
}
