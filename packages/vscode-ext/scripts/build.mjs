// Builds what goes into the .vsix: the client bundle (dist/extension.js), the language server bundle
// copied from packages/language-server/dist/server, and the report's theme stylesheet.
import { build } from 'esbuild';
import { cp, mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const distDir = join(packageDir, 'dist');
const serverSource = join(packageDir, '..', 'language-server', 'dist', 'server');

await rm(distDir, { recursive: true, force: true });
await mkdir(distDir, { recursive: true });

await build({
  entryPoints: [join(packageDir, 'src', 'extension.ts')],
  outfile: join(distDir, 'extension.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Provided by the editor at run time.
  external: ['vscode'],
  logLevel: 'warning',
});

try {
  await stat(join(serverSource, 'server.mjs'));
} catch {
  console.error(`${serverSource}/server.mjs is missing: build packages/language-server first (the root "npm run build" does).`);
  process.exit(1);
}
await cp(serverSource, join(distDir, 'server'), { recursive: true });
await cp(join(packageDir, 'media'), join(distDir, 'media'), { recursive: true });
console.log('vscode-ext: dist/extension.js, dist/server/, dist/media/ built');
