#!/usr/bin/env node
// The plantgap CLI. Sets the exit code instead of calling process.exit, so piped output is flushed.
import { main } from '../dist/cli/main.js';

const io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
  env: process.env,
};

main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`plantgap: internal error: ${error?.stack ?? error}\nPlease report this with the command you ran.\n`);
    process.exitCode = 3;
  },
);
