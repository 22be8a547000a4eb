/**
 * The engine's cold run in a process of its own, for the growth target of issue #6 (10× the
 * controls in at most 11× the time):
 *   node bench/engine-growth.mjs CONTROLS RUNS   → {"times":[ms, …]} on stdout, one per run
 *
 * Every run, warm-up included, analyses a generated plan of CONTROLS controls that the process has
 * not seen before (its own seed). Warm-up runs compile the engine; the process-wide memos (shared
 * strings, vocabulary, references) then hold what all plans share, as they do in a real check, but
 * not the texts of the plan being timed. Timing one text again and again let those memos hold the
 * whole of a 1,000-control plan but not of a 10,000-control one: the small plan was 9% faster than
 * on its first sight, the large one 3%. bench/run.mjs starts this in turn for both sizes, five
 * times each, with about four seconds of timed runs per process (90 and 8; see there), so that a
 * busy minute on a shared machine does not fall on one size only.
 */
import { loadEngine } from './engine.mjs';
import { generatePlan } from './generate-plan.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [controls, runs] = process.argv.slice(2).map(Number);
if (!Number.isInteger(controls) || controls < 1 || !Number.isInteger(runs) || runs < 1) {
  console.error('usage: node bench/engine-growth.mjs CONTROLS RUNS');
  process.exit(2);
}
const core = await import(path.join(root, 'packages', 'core', 'dist', 'index.js'));
const { coldRun } = await loadEngine(core);

// Timed runs take seeds 1…RUNS (the same plans for every size's process); warm-up runs the seeds after.
let warmupSeed = runs + 1;
for (let run = 0, spent = 0; run < 2 || spent < 1000; run++) spent += coldRun(generatePlan(controls, { seed: warmupSeed++ }));
// Generated before the first timed run, so that no run pays for generating the next.
const texts = Array.from({ length: runs }, (_, index) => generatePlan(controls, { seed: index + 1 }));
console.log(JSON.stringify({ times: texts.map((text) => coldRun(text)) }));
