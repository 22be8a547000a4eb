// Bundles the CLI (dist/cli/main.js and everything it imports, dependencies included) into
// dist/bundle/, one file per lazily loaded command, with source maps. Start-up then reads a few
// files instead of resolving ~100 modules. The bundle sits one level below dist/, like the modules
// it replaces, so `../builtin-frameworks.json` and `../../package.json` resolve the same way.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const packageRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outdir = path.join(packageRoot, 'dist', 'bundle');
await rm(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: { main: path.join(packageRoot, 'dist', 'cli', 'main.js') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: '[name]-[hash]',
  sourcemap: true,
  minify: true,
  // Some dependencies are CommonJS and call require(): give the ESM bundle one.
  banner: { js: "import { createRequire as __plantgapCreateRequire } from 'node:module'; const require = __plantgapCreateRequire(import.meta.url);" },
  logLevel: 'warning',
  metafile: true,
});
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
console.log(`bundled the CLI: ${Object.keys(result.metafile.outputs).filter((file) => file.endsWith('.js')).length} files, ${Math.round(bytes / 1024)} KiB with source maps`);
