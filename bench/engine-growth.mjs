/**
 * The engine's cold run on one plan, in a process of its own, for the growth target of issue #6
 * (10× the controls in at most 11× the time):
 *   node bench/engine-growth.mjs PLAN.md RUNS   → {"times":[ms, …]} on stdout, one per run
 *
 * After warm-up runs (the JIT's), RUNS timed cold runs of the engine on the plan, one after another:
 * each run pays for its own garbage and for what the one before left, as repeated runs of one size
 * do. bench/run.mjs starts it in turn for the small and the large plan, five times each (see
 * there), so that a busy minute on a shared machine does not fall on one size only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEngine } from './engine.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [file, runsArgument] = process.argv.slice(2);
const runs = Number(runsArgument);
if (!file || !Number.isInteger(runs) || runs < 1) {
  console.error('usage: node bench/engine-growth.mjs PLAN.md RUNS');
  process.exit(2);
}
const core = await import(path.join(root, 'packages', 'core', 'dist', 'index.js'));
const text = readFileSync(file, 'utf8');
const { coldRun } = await loadEngine(core);

// Warm-up: at least two runs and a second, whichever is longer.
for (let run = 0, spent = 0; run < 2 || spent < 1000; run++) spent += coldRun(text);
console.log(JSON.stringify({ times: Array.from({ length: runs }, () => coldRun(text)) }));
