/**
 * `plantgap init [DIR]`: writes a starter plan (security-plan.md) and a .plantgap.yml. An existing
 * file is never touched unless --force is given (then it is replaced atomically); skipped files are
 * listed, and the command still succeeds, so running it twice is harmless.
 */
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { defaultProfileId } from '../../analyze/select-profile.js';
import { writeFileAtomically } from '../../files/write-file-atomically.js';
import { starterConfig, starterConfigFile, starterPlan, starterPlanFile } from '../../init/starter-files.js';
import { loadKnowledgeBase } from '../../knowledge/load-knowledge-base.js';
import { exitCodes, UsageError } from '../io.js';
import { InputErrors, type Command } from '../main.js';

export const initCommand: Command = {
  usage: `Usage: plantgap init [DIR] [--profile ID] [--force]

Write a starter plan (${starterPlanFile}) and a ${starterConfigFile} into DIR (default: the current
directory; created if missing). The plan cites real requirements of the profile and leaves template
text for everything you still have to fill in; 'plantgap check' then lists it.

Options:
  --profile ID   built-in profile for the plan and config (default: ${defaultProfileId})
  --force        replace existing files (atomically); without it existing files are skipped

Exit codes: 0 done (files written, or skipped because they exist), 2 usage or write error.`,
  options: {
    profile: { type: 'string' },
    force: { type: 'boolean', default: false },
  },
  async run({ positionals, values }, io) {
    if (positionals.length > 1) throw new UsageError(`give at most one directory; got ${positionals.length} arguments`);
    const loaded = await loadKnowledgeBase();
    if (!loaded.ok) throw new InputErrors(loaded.errors);
    const profileId = typeof values.profile === 'string' ? values.profile : defaultProfileId;
    const profile = loaded.value.profiles.get(profileId);
    if (!profile) throw new UsageError(`unknown profile "${profileId}"; built-in profiles: ${[...loaded.value.profiles.keys()].join(', ')}`);

    const directoryArgument = positionals[0] ?? '.';
    const directory = path.resolve(io.cwd, directoryArgument);
    const existing = await stat(directory).catch(() => undefined);
    if (existing && !existing.isDirectory()) throw new InputErrors([{ file: directoryArgument, message: 'not a directory' }]);
    if (!existing) await mkdir(directory, { recursive: true });

    const files: [string, string][] = [
      [starterPlanFile, starterPlan(profile, loaded.value)],
      [starterConfigFile, starterConfig(profile)],
    ];
    const shown = (name: string) => path.relative(io.cwd, path.join(directory, name)).split(path.sep).join('/') || name;
    for (const [name, text] of files) {
      const target = path.join(directory, name);
      const written = await writeFileAtomically(target, text, { overwrite: values.force === true });
      if (written.ok) {
        io.stdout(`${written.value === 'replaced' ? 'replaced' : 'created'} ${shown(name)}\n`);
      } else if ((await stat(target).catch(() => undefined))?.isFile() && values.force !== true) {
        io.stdout(`skipped ${shown(name)} (already exists; --force replaces it)\n`);
      } else {
        throw new InputErrors(written.errors.map((error) => ({ ...error, file: shown(name) })));
      }
    }
    io.stdout(`Next: fill in the template text, then run 'plantgap check${directoryArgument === '.' ? '' : ` ${directoryArgument}`}'.\n`);
    return exitCodes.ok;
  },
};
