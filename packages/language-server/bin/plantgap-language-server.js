#!/usr/bin/env node
// The plantgap language server: `plantgap-language-server --stdio`. Runs the self-contained bundle
// (dist/server/, built by `npm run build`) and falls back to the plain modules when only `tsc` has run.
import { existsSync } from 'node:fs';

const bundled = new URL('../dist/server/server.mjs', import.meta.url);
await import(existsSync(bundled) ? bundled.href : '../dist/main.js');
