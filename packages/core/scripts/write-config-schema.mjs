// Writes docs/plantgap.schema.json, the JSON Schema of .plantgap.yml, from the built configSchema,
// so editors validate and complete config files with the same rules the loader applies.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configJsonSchema } from '../dist/config/config-json-schema.js';

const packageRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const repositoryRoot = path.resolve(packageRoot, '..', '..');
const target = path.join(repositoryRoot, 'docs', 'plantgap.schema.json');
await writeFile(target, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
console.log(`wrote ${path.relative(repositoryRoot, target)}`);
