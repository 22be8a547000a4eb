/**
 * `npm run fuzz`: the property and adversarial-line tests with many more cases than `npm test`.
 * FUZZ_RUNS (cases per property, default 20000), FUZZ_SEED (replay a run) and FUZZ_LINE_BYTES
 * (1× run length of the adversarial lines, default 100000 so that 10× is 1 MB) may be set.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const env = { ...process.env, FUZZ_RUNS: process.env.FUZZ_RUNS ?? '20000', FUZZ_LINE_BYTES: process.env.FUZZ_LINE_BYTES ?? '100000' };
const mocha = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
const result = spawnSync(process.execPath, [mocha, '--no-config', '--node-option', 'import=tsx', '--timeout', '0', 'tests/fuzz/*.test.ts'], {
  cwd: root,
  env,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
