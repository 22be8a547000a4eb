/**
 * `plantgap report`: the coverage report a plant security manager reads at a glance — current and
 * planned coverage per CSF function and ISO clause/theme, gaps, why each requirement counts, missing
 * targets and the balance of the plan — as a self-contained HTML page or as GitHub Markdown.
 */
import { buildCoverageReport } from '../../report/build-coverage-report.js';
import { analyzeForCommand, deliverOutput, readFormatOption } from '../command-output.js';
import { exitCodes } from '../io.js';
import type { Command, CommandValues } from '../main.js';

const formats = ['html', 'markdown'] as const;
type Format = (typeof formats)[number];

/** `--format` if given; else Markdown for an --output ending in .md, HTML otherwise. */
function reportFormat(values: CommandValues): Format {
  if (values.format === undefined && typeof values.output === 'string' && /\.(?:md|markdown)$/i.test(values.output)) return 'markdown';
  return readFormatOption(values, formats, 'html');
}

export const reportCommand: Command = {
  usage: `Usage: plantgap report [paths...] [--format html|markdown] [--output FILE] [options]

Write a coverage report: current and planned coverage per CSF function and ISO clause/theme (with
charts), the gap list (mandatory first), why each covered requirement counts, missing targets, the
plan's targets and its balance across people/process/technology and prevention/detection/persistence.

Options:
  --format html|markdown  self-contained HTML page (no scripts, no remote content) or GitHub Markdown
                          (default: markdown when --output ends in .md, else html)
  --output FILE           write the report to FILE (replaced atomically) instead of stdout
  --profile NAME|FILE     profile to assess against (default: plan front matter, config, then ot-baseline)
  --config FILE           use this config file instead of searching for .plantgap.yml

Exit codes: 0 report written, 2 usage, config or input error (findings do not change the exit code;
use 'plantgap check' to gate CI).`,
  options: {
    format: { type: 'string' },
    output: { type: 'string' },
    profile: { type: 'string' },
    config: { type: 'string' },
  },
  async run({ positionals, values }, io) {
    const format = reportFormat(values);
    const result = await analyzeForCommand(positionals, values, io);
    const report = buildCoverageReport(result);
    const text =
      format === 'html'
        ? (await import('../../report/render-html-report.js')).renderHtmlReportChunks(report)
        : (await import('../../report/render-markdown-report.js')).renderMarkdownReportChunks(report);
    await deliverOutput(text, values, io);
    return exitCodes.ok;
  },
};
