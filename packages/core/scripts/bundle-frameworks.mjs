// Validates frameworks/ with the same loader users get, then writes dist/builtin-frameworks.json,
// so a broken catalog fails the build and the CLI starts without parsing YAML.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildKnowledgeBase, formatInputError, readFrameworkDirectory } from '../dist/index.js';

const packageRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const repositoryRoot = path.resolve(packageRoot, '..', '..');
const sources = await readFrameworkDirectory(path.join(repositoryRoot, 'frameworks'));
const relative = (entries) => entries.map(({ file, data }) => ({ file: path.relative(repositoryRoot, file), data }));
const fail = (errors) => {
  for (const error of errors) console.error(formatInputError(error));
  process.exit(1);
};
if (!sources.ok) fail(sources.errors);
const bundle = {
  catalogs: relative(sources.value.catalogs),
  crosswalks: relative(sources.value.crosswalks),
  profiles: relative(sources.value.profiles),
};
const checked = buildKnowledgeBase(bundle);
if (!checked.ok) fail(checked.errors);
await writeFile(path.join(packageRoot, 'dist', 'builtin-frameworks.json'), JSON.stringify(bundle));
const counts = bundle.catalogs.map(({ data }) => `${data.id} ${data.nodes.length}`).join(', ');
console.log(`bundled frameworks: ${counts}; ${bundle.crosswalks.length} crosswalks; ${bundle.profiles.length} profiles`);
