/**
 * `plantgap soa`: the ISO/IEC 27001:2022 Statement of Applicability of a plan — all Annex A
 * controls in order, applicable or excluded, justification, implementing plan controls and status —
 * as Markdown, CSV (for spreadsheets) or JSON.
 */
import { buildStatementOfApplicability, soaCatalogId } from '../../soa/build-statement-of-applicability.js';
import { renderSoaCsv, renderSoaJson, renderSoaMarkdown } from '../../soa/render-statement-of-applicability.js';
import { analyzeForCommand, deliverOutput, readFormatOption } from '../command-output.js';
import { exitCodes } from '../io.js';
import { InputErrors, type Command } from '../main.js';

const formats = ['markdown', 'csv', 'json'] as const;

export const soaCommand: Command = {
  usage: `Usage: plantgap soa [paths...] [--format markdown|csv|json] [--output FILE] [options]

Write the ISO/IEC 27001:2022 Statement of Applicability: every Annex A control in order, whether the
plan includes or excludes it, the justification (the plan's SoA table, or what implements it), the
plan controls that implement it (directly, via a plant control or a crosswalk) and its status.

Options:
  --format markdown|csv|json  output format (default: markdown). CSV follows RFC 4180; cells that start
                              with = + - @ are prefixed with ' so spreadsheets do not run them
  --output FILE               write to FILE (replaced atomically) instead of stdout
  --profile NAME|FILE         profile used for the "mandatory" column and accepted exclusions
  --config FILE               use this config file instead of searching for .plantgap.yml

Exit codes: 0 written, 2 usage, config or input error.`,
  options: {
    format: { type: 'string' },
    output: { type: 'string' },
    profile: { type: 'string' },
    config: { type: 'string' },
  },
  async run({ positionals, values }, io) {
    const format = readFormatOption(values, formats, 'markdown');
    const result = await analyzeForCommand(positionals, values, io);
    const soa = buildStatementOfApplicability(result);
    if (!soa) throw new InputErrors([{ file: result.config.file ?? '.plantgap.yml', message: `no "${soaCatalogId}" catalog is loaded; the Statement of Applicability lists its Annex A controls` }]);
    const render = { markdown: renderSoaMarkdown, csv: renderSoaCsv, json: renderSoaJson }[format];
    await deliverOutput(render(soa), values, io);
    return exitCodes.ok;
  },
};
