#!/usr/bin/env node
// The plantgap CLI. Sets the exit code instead of calling process.exit, so piped output is flushed.
// Runs the bundled CLI (dist/bundle/, built by `npm run build`; start-up reads a few files instead of
// resolving ~100 modules) and falls back to the plain modules when only `tsc` has run. For stack
// traces with TypeScript positions run it as `node --enable-source-maps bin/plantgap.js …`.
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const bundled = new URL('../dist/bundle/main.js', import.meta.url);
const { main } = await import(existsSync(bundled) ? bundled.href : '../dist/cli/main.js');

const io = {
  // A full stream (a slow pipe) holds the writer back instead of buffering a whole report.
  stdout: (text) => (process.stdout.write(text) ? undefined : once(process.stdout, 'drain').then(() => undefined)),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
  env: process.env,
  collectGarbage: (moment) => {
    // A full collection costs time in proportion to the live heap. After a parsed file it is worth
    // it only once the heap has grown past what the last one kept: below 48 MiB never (a
    // one-control check, at 14 MiB, must start fast), above it at a quarter again as much. This
    // keeps the heap near what the check holds (a file's plan and the summary of the others)
    // instead of letting parsing's garbage pile up to V8's next limit (about 4× the last live
    // size) and holding that peak: on 10 MB of plans, 159 MiB instead of 169 with collections from
    // 64 MiB at half again, for 5–8% more time. Once all files are parsed, a collection above
    // 24 MiB is always taken: whether the analysis and the report started on the garbage of the
    // last files or not made that peak 158 or 148 MiB from run to run. gc() is set up on first use.
    const used = getHeapStatistics().used_heap_size;
    const floor = 48 * 1024 * 1024;
    if (used < (moment === 'all-parsed' ? floor / 2 : Math.max(floor, keptByLastCollection * 1.25))) return;
    gc ??= garbageCollector() ?? (() => undefined);
    gc();
    keptByLastCollection = getHeapStatistics().used_heap_size;
  },
};
let keptByLastCollection = 0;
let gc;

/**
 * V8's gc(), for the commands to free what parsing left behind (see CliIo.collectGarbage). The flag
 * only puts gc() into contexts made from now on, so one is made to take it out; a Node that no
 * longer lets flags change after start-up simply runs without it.
 */
function garbageCollector() {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc');
    return typeof gc === 'function' ? gc : undefined;
  } catch {
    return undefined;
  }
}

main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`plantgap: internal error: ${error?.stack ?? error}\nPlease report this with the command you ran.\n`);
    process.exitCode = 3;
  },
);
