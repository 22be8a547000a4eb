/**
 * `plantgap explain ID [paths...]`: for a requirement, what in the plan covers it and why (or why
 * not, and what would); for a plan control, everything it covers and through which path.
 */
import { explainId } from '../../explain/explain-id.js';
import { renderExplanationText } from '../../explain/render-explanation.js';
import { analyzeForCommand, readFormatOption } from '../command-output.js';
import { exitCodes, UsageError } from '../io.js';
import type { Command } from '../main.js';

const formats = ['text', 'json'] as const;

export const explainCommand: Command = {
  usage: `Usage: plantgap explain ID [paths...] [--format text|json] [options]

Explain one id against the plan:
  - a requirement (PR.IR-01, A.8.22, "Annex A 8.22", "Clause 6.1.2", "ISO 27001 6.1.2") or a plant
    control (PC-SEG-01): each plan entry that covers it, by which path (direct, via a plant control,
    via a crosswalk) with weight and status — or why nothing does, and what would;
  - an old id (PR.AC-5, A.13.1.3): what replaced it, explained;
  - a control of the plan (OT-SEG-01, as written): everything it covers, with file:line.

Options:
  --format text|json   output format (default: text)
  --profile NAME|FILE  profile to assess against (default: plan front matter, config, then ot-baseline)
  --config FILE        use this config file instead of searching for .plantgap.yml

Exit codes: 0 explained, 2 unknown id (with suggestions), usage, config or input error.`,
  options: {
    format: { type: 'string' },
    profile: { type: 'string' },
    config: { type: 'string' },
  },
  async run({ positionals, values }, io) {
    const format = readFormatOption(values, formats, 'text');
    const [id, ...paths] = positionals;
    if (id === undefined || id.trim() === '') throw new UsageError('give the id to explain (a requirement, plant control or plan control id)');
    const result = await analyzeForCommand(paths, values, io);
    const explained = explainId(id, result);
    if (!explained.ok) {
      const hint = explained.suggestions.length > 0 ? `; did you mean ${explained.suggestions.join(', ')}?` : '';
      io.stderr(`plantgap explain: ${explained.message}${hint}\n`);
      return exitCodes.usage;
    }
    io.stdout(format === 'json' ? `${JSON.stringify({ profile: result.analysis.profile.id, files: result.files, explanations: explained.explanations }, null, 2)}\n` : renderExplanationText(explained.explanations));
    return exitCodes.ok;
  },
};
