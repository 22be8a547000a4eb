/**
 * `plantgap` command-line entry point. Commands are loaded lazily so `plantgap catalog` does not pay
 * for the Markdown parser, and a one-file `check` does not pay for the report renderer.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatInputError, type InputError } from '../input-error.js';
import { exitCodes, UsageError, type CliIo } from './io.js';
import { toolVersion } from './version.js';

export type CommandValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** A command: its option definitions and what it does with the parsed arguments. */
export interface Command {
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(args: { positionals: string[]; values: CommandValues }, io: CliIo): Promise<number>;
}

const commands: Record<string, () => Promise<Command>> = {
  check: async () => (await import('./commands/check.js')).checkCommand,
  catalog: async () => (await import('./commands/catalog.js')).catalogCommand,
  report: async () => (await import('./commands/report.js')).reportCommand,
  soa: async () => (await import('./commands/soa.js')).soaCommand,
  explain: async () => (await import('./commands/explain.js')).explainCommand,
  init: async () => (await import('./commands/init.js')).initCommand,
};

const overview = `Usage: plantgap <command> [options]

Commands:
  check [paths/globs...]      analyse plans; exit 1 on uncovered mandatory requirements
  catalog [FRAMEWORK]         list frameworks, or a framework's requirements
  report [paths...]           coverage report with charts (--format html|markdown --output FILE)
  soa [paths...]              ISO/IEC 27001:2022 Statement of Applicability (markdown|csv|json)
  explain ID [paths...]       what covers a requirement or what a plan control covers, and why
  init [DIR]                  write a starter plan and .plantgap.yml

Run 'plantgap <command> --help' for a command's options.`;

/** Runs the CLI and returns the exit code: 0 clean, 1 error-level findings, 2 usage/config/input error. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${overview}\n`);
    return name === undefined ? exitCodes.usage : exitCodes.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${toolVersion}\n`);
    return exitCodes.ok;
  }
  const load = commands[name];
  if (!load) {
    io.stderr(`plantgap: unknown command "${name}"\n\n${overview}\n`);
    return exitCodes.usage;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n`);
    return exitCodes.ok;
  }
  try {
    const parsed = parseArgs({ args: [...rest], options: command.options, allowPositionals: true, strict: true });
    return await command.run({ positionals: parsed.positionals, values: parsed.values }, io);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr(`plantgap ${name}: ${(error as Error).message}\n\n${command.usage}\n`);
      return exitCodes.usage;
    }
    if (error instanceof InputErrors) {
      for (const inputError of error.errors) io.stderr(`${formatInputError(inputError)}\n`);
      return exitCodes.usage;
    }
    throw error;
  }
}

/** Input errors (files, config) that stop a command: printed one per line, exit code 2. */
export class InputErrors extends Error {
  constructor(readonly errors: InputError[]) {
    super(errors.map(formatInputError).join('\n'));
    this.name = 'InputErrors';
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
