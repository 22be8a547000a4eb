/**
 * How many cases the property tests run, and with which seed. `npm test` runs the defaults (enough
 * to catch regressions within its time); `npm run fuzz` sets FUZZ_RUNS (cases per property) much higher. Every failure
 * prints the seed and path, and FUZZ_SEED=<seed> replays the same cases.
 */
import fc from 'fast-check';

const seedText = process.env.FUZZ_SEED;
/** The seed of this run: FUZZ_SEED when given, else a fresh one (printed so a failure can be replayed). */
export const fuzzSeed = seedText !== undefined && seedText !== '' ? Number(seedText) : Date.now() ^ (Math.random() * 0x7fffffff);
if (!Number.isInteger(fuzzSeed)) throw new Error(`FUZZ_SEED must be an integer, got ${seedText}`);

/** FUZZ_RUNS: cases per property, replacing each property's default. */
const runsOverride = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : undefined;
if (runsOverride !== undefined && !(Number.isInteger(runsOverride) && runsOverride > 0)) throw new Error(`FUZZ_RUNS must be a positive integer, got ${process.env.FUZZ_RUNS}`);

let announced = false;

/** fast-check parameters for a property whose default case count in `npm test` is `runs`. */
export function fuzzParameters<T>(runs: number): fc.Parameters<T> {
  if (!announced) {
    announced = true;
    console.log(`      fuzz seed ${fuzzSeed} (replay with FUZZ_SEED=${fuzzSeed})${runsOverride ? `, ${runsOverride} runs per property` : ''}`);
  }
  return { seed: fuzzSeed, numRuns: runsOverride ?? runs, endOnFailure: true };
}
