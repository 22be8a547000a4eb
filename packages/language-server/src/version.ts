/** The server's version, as told to clients in `initialize` and by `--version`. */
import { createRequire } from 'node:module';

// The bundle (scripts/bundle-server.mjs) replaces this module with the version as a constant, so the
// bundled server needs no package.json beside it.
const manifest = createRequire(import.meta.url)('../package.json') as { version: string };
export const serverVersion: string = manifest.version;
