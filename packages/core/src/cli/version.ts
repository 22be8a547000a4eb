/** The tool's name and version, as reported in JSON and SARIF output. */
import { createRequire } from 'node:module';

const manifest = createRequire(import.meta.url)('../../package.json') as { name: string; version: string };
export const toolName = 'plantgap';
export const toolVersion: string = manifest.version;
