/**
 * The language server against hostile input: garbage on stdin, malformed messages, and documents
 * that are huge, binary or have absurd lines. It must keep serving (or, when the stream itself is
 * beyond repair, exit cleanly) — never print a stack trace, never hang on a document.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileUri, LspTestClient, serverPath, waitLimitMs } from './lsp-client.js';
import { narrowWorkspace, planText } from './fixtures.js';

const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

/**
 * Runs the server on raw stdin bytes; collects stdout/stderr until it exits after stdin closes.
 * With `closeAfter`, stdin stays open until stdout has matched it, then `last` is written and stdin closed.
 */
function runRaw(chunks: (string | Buffer)[], closeAfter?: RegExp, last = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [serverPath, '--stdio']);
    let stdout = '';
    let stderr = '';
    let closed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!closed && closeAfter?.test(stdout)) {
        closed = true;
        child.stdin.end(last);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`server did not exit after stdin closed; stderr: ${stderr}`));
    }, waitLimitMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    for (const chunk of chunks) child.stdin.write(chunk);
    if (!closeAfter) child.stdin.end();
  });
}

const initialize = frame(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));

describe('language server: robustness', function () {
  this.timeout(60_000);

  it('answers valid requests between malformed ones: invalid JSON, non-objects, bad params', async () => {
    const { code, stdout, stderr } = await runRaw(
      [
      frame('{not json'),
      frame('[1,2,3]'),
      frame('null'),
      frame(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {}, initializationOptions: { debounceMs: -5, trusted: 'yes', settings: 7 } } })),
      frame('{"jsonrpc":"2.0","method":"initialized","params":{}}'),
      frame('{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":5},"position":"x"}}'),
      frame('{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":7}}}'),
      frame('{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///x.md","version":3},"contentChanges":[{"range":5}]}}'),
      frame('{"jsonrpc":"2.0","id":3,"method":"plantgap/gaps","params":[1,2]}'),
      frame('{"jsonrpc":"2.0","id":4,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///x.md"},"context":{"diagnostics":[null,5]}}}'),
        frame('{"jsonrpc":"2.0","id":5,"method":"shutdown"}'),
      ],
      /"id":5,"result"/,
      frame('{"jsonrpc":"2.0","method":"exit"}'),
    );
    assert.equal(code, 0, 'shutdown, then exit: exit code 0');
    for (const id of [1, 2, 3, 4, 5]) assert.match(stdout, new RegExp(`"id":${id},"result"`), `request ${id} answered`);
    assert.match(stdout, /initializationOptions\.debounceMs/);
    assert.equal(stderr, '');
  });

  it('survives garbage framing and binary bytes on stdin and exits cleanly when stdin closes', async () => {
    const { code, stderr } = await runRaw(['Content-Length: abc\r\n\r\n{}', 'no header at all\r\n\r\n', Buffer.from([0, 1, 2, 255, 254, 13, 10, 13, 10]), initialize]);
    assert.ok(code === 0 || code === 1, `exit code ${code}`);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
  });

  describe('hostile documents', () => {
    let directory: string;
    let client: LspTestClient;

    beforeEach(async () => {
      directory = await narrowWorkspace({});
      await writeFile(path.join(directory, '.plantgap.yml'), 'profile: narrow\nprofiles: [narrow.yml]\nlimits:\n  maxFileBytes: 5000000\n  maxLineLength: 100000\n');
      client = await LspTestClient.start({ folders: [directory] });
    });

    afterEach(async () => {
      await client.stop();
      await rm(directory, { recursive: true, force: true });
    });

    it('answers a document with a line over limits.maxLineLength with one diagnostic instead of parsing it', async () => {
      const uri = fileUri(path.join(directory, 'huge-line.md'));
      await client.open(uri, `# Plan\n\n${'PR.IR-01 '.repeat(20_000)}\n`, 1);
      const diagnostics = await client.diagnosticsForVersion(uri, 1);
      const onFile = diagnostics.filter((diagnostic) => diagnostic.code === 'unreadable-file');
      assert.equal(onFile.length, 1);
      assert.match(onFile[0]?.message ?? '', /line 3 is 180000 characters long; the limit is 100000 \(limits\.maxLineLength\)/);
      assert.ok(!diagnostics.some((diagnostic) => diagnostic.code === 'unknown-reference' || diagnostic.code === 'deprecated-reference'));
    });

    it('answers a 20 MB document over limits.maxFileBytes with one diagnostic, and keeps serving', async () => {
      const uri = fileUri(path.join(directory, 'dump.md'));
      const line = `${'x'.repeat(99)}\n`;
      await client.open(uri, `# Dump\n${line.repeat(200_000)}`, 1);
      const diagnostics = await client.diagnosticsForVersion(uri, 1);
      assert.match(diagnostics.find((diagnostic) => diagnostic.code === 'unreadable-file')?.message ?? '', /limits\.maxFileBytes/);
      const plan = fileUri(path.join(directory, 'plan.md'));
      await client.open(plan, planText, 1);
      assert.ok((await client.diagnosticsForVersion(plan, 1)).some((diagnostic) => diagnostic.code === 'unknown-reference'));
    });

    it('answers a binary document with one diagnostic', async () => {
      const uri = fileUri(path.join(directory, 'binary.md'));
      await client.open(uri, `# Plan\n\u0000\u0001\u0002PR.IR-01\n`, 1);
      const diagnostics = await client.diagnosticsForVersion(uri, 1);
      assert.match(diagnostics.find((diagnostic) => diagnostic.code === 'unreadable-file')?.message ?? '', /binary file \(contains NUL bytes\)/);
      assert.equal(client.stderr, '');
    });
  });
});
