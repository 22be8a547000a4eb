// Bundles the language server (dist/main.js and everything it imports, @plantgap/core and the
// vscode-languageserver library included) into dist/server/: server.mjs, its source map, the
// built-in frameworks and a package.json with the version. The directory is self-contained: copy it
// anywhere (the VS Code extension ships it inside the .vsix) and run `node server.mjs --stdio`.
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const packageRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const coreRoot = path.resolve(packageRoot, '..', 'core');
const outdir = path.join(packageRoot, 'dist', 'server');
const serverManifest = JSON.parse(await readFile(path.join(packageRoot, 'package.json'), 'utf8'));
const coreManifest = JSON.parse(await readFile(path.join(coreRoot, 'package.json'), 'utf8'));

/**
 * Modules that find files relative to their own place in dist/ get what they need without those
 * files: the versions become constants, and the built-in frameworks are looked for beside server.mjs.
 */
const relocate = {
  name: 'plantgap-relocate',
  setup(context) {
    const constant = (name, version) => ({ contents: `export const toolName = ${JSON.stringify(name)}; export const toolVersion = ${JSON.stringify(version)};`, loader: 'js' });
    context.onLoad({ filter: /[\\/]core[\\/]dist[\\/]cli[\\/]version\.js$/ }, () => constant('plantgap', coreManifest.version));
    context.onLoad({ filter: /[\\/]language-server[\\/]dist[\\/]version\.js$/ }, () => ({
      contents: `export const serverVersion = ${JSON.stringify(serverManifest.version)};`,
      loader: 'js',
    }));
    context.onLoad({ filter: /[\\/]core[\\/]dist[\\/]knowledge[\\/]load-knowledge-base\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const written = "new URL('../builtin-frameworks.json', import.meta.url)";
      if (!source.includes(written)) throw new Error(`${args.path} no longer loads ${written}; update bundle-server.mjs`);
      return { contents: source.replace(written, "new URL('./builtin-frameworks.json', import.meta.url)"), loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
};

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
const result = await build({
  entryPoints: [path.join(packageRoot, 'dist', 'main.js')],
  outfile: path.join(outdir, 'server.mjs'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  minify: process.env.PLANTGAP_BUNDLE_MINIFY !== '0',
  // vscode-languageserver and some core dependencies are CommonJS and call require(): give the ESM bundle one.
  banner: { js: "import { createRequire as __plantgapCreateRequire } from 'node:module'; const require = __plantgapCreateRequire(import.meta.url);" },
  plugins: [relocate],
  logLevel: 'warning',
  metafile: true,
});
await copyFile(path.join(coreRoot, 'dist', 'builtin-frameworks.json'), path.join(outdir, 'builtin-frameworks.json'));
await writeFile(
  path.join(outdir, 'package.json'),
  `${JSON.stringify({ name: serverManifest.name, version: serverManifest.version, description: 'The bundled plantgap language server: run `node server.mjs --stdio`.', type: 'module', private: true }, null, 2)}\n`,
);
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
console.log(`bundled the language server into dist/server/: ${Math.round(bytes / 1024)} KiB with source map`);
