// Edit latency of the language server, as an editor sees it: `node scripts/edit-latency.mjs PLANFILE`
// starts the bundled server over stdio (debounceMs 0), opens the plan, and prints JSON
// {"coldMs": open → first publishDiagnostics, "editMs": median over 30 edits of one control's Owner
// line in the middle of the plan, each from didChange to the publishDiagnostics of its version,
// "warmupEditMs": median of the 10 edits before those}. The first edits run while V8 is still
// compiling the edit path (a writer is past them after a few seconds of typing), so they are
// reported apart. bench/run.mjs runs it on the generated plans (docs/performance.md). To profile
// the server, pass Node options for it in PLANTGAP_SERVER_NODE_ARGS, e.g.
// "--cpu-prof --cpu-prof-dir=/tmp/profiles".
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

const planFile = process.argv[2];
if (!planFile) {
  process.stderr.write('Usage: node edit-latency.mjs PLANFILE\n');
  process.exit(2);
}
const warmupEdits = 10;
const edits = 30;
const serverPath = path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), 'dist', 'server', 'server.mjs');
const absolute = path.resolve(planFile);
const uri = pathToFileURL(absolute).href;
const text = readFileSync(absolute, 'utf8');

const serverNodeArgs = (process.env.PLANTGAP_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
const child = spawn(process.execPath, [...serverNodeArgs, serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
const waiting = new Map();
connection.onNotification('textDocument/publishDiagnostics', (params) => {
  if (params.uri !== uri) return;
  waiting.get(params.version)?.(performance.now());
  waiting.delete(params.version);
});
connection.onRequest('workspace/configuration', () => [null]);
connection.onRequest('client/registerCapability', () => null);
connection.listen();
const published = (version) => new Promise((resolve) => waiting.set(version, resolve));

// The plan's own directory is the workspace folder, as when a user opens the folder in an editor.
const folder = pathToFileURL(path.dirname(absolute)).href;
await connection.sendRequest('initialize', { processId: process.pid, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'bench' }], capabilities: {}, initializationOptions: { debounceMs: 0 } });
await connection.sendNotification('initialized', {});

let start = performance.now();
let done = published(1);
await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
const coldMs = (await done) - start;

// The Owner line of a control in the middle of the plan; each edit rewrites its value.
const lines = text.split('\n');
const ownerLine = lines.findIndex((line, index) => index >= lines.length / 2 && line.startsWith('- **Owner:**'));
if (ownerLine < 0) throw new Error('no "- **Owner:**" line in the second half of the plan');
const prefix = '- **Owner:** '.length;
const times = [];
for (let edit = 0; edit < warmupEdits + edits; edit++) {
  const version = edit + 2;
  const currentLength = lines[ownerLine].length;
  lines[ownerLine] = `- **Owner:** OT network lead ${version}`;
  done = published(version);
  start = performance.now();
  await connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: { line: ownerLine, character: prefix }, end: { line: ownerLine, character: currentLength } }, text: lines[ownerLine].slice(prefix) }],
  });
  times.push((await done) - start);
}
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const round = (ms) => Math.round(ms * 100) / 100;
const editMs = median(times.slice(warmupEdits));
const warmupEditMs = median(times.slice(0, warmupEdits));
process.stdout.write(`${JSON.stringify({ coldMs: Math.round(coldMs * 10) / 10, editMs: round(editMs), warmupEditMs: round(warmupEditMs) })}\n`);
await connection.sendRequest('shutdown');
await connection.sendNotification('exit');
child.on('exit', () => process.exit(0));
