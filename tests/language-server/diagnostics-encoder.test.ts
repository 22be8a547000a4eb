/**
 * The server's message encoder writes publishDiagnostics from diagnostics serialised once; the
 * bytes must be exactly what JSON.stringify gives, for every message, however often a diagnostic
 * object is published again.
 */
import assert from 'node:assert/strict';
import { messageEncoder } from '../../packages/language-server/src/diagnostics-encoder.js';

const encode = async (message: object) => Buffer.from(await (messageEncoder as { encode(m: object, o: { charset: 'utf-8' }): Promise<Uint8Array> }).encode(message, { charset: 'utf-8' })).toString('utf8');

describe('language server message encoder', () => {
  const diagnostic = (line: number, message: string) => ({
    range: { start: { line, character: 2 }, end: { line, character: 9 } },
    severity: 2,
    code: 'missing-owner',
    codeDescription: { href: 'https://example.invalid/missing-owner.md' },
    source: 'plantgap',
    message,
  });

  it('gives the bytes JSON.stringify gives, for publications (diagnostics reused or not) and other messages', async () => {
    const reused = diagnostic(3, 'OT-SEG-01 — “Zone” has no owner; 🏭 \u2028 "quoted" \\ back');
    const publication = (diagnostics: object[], version?: number) => ({
      jsonrpc: '2.0',
      method: 'textDocument/publishDiagnostics',
      params: version === undefined ? { uri: 'file:///plant%20plan.md', diagnostics } : { uri: 'file:///plant%20plan.md', version, diagnostics },
    });
    for (const message of [
      publication([reused, diagnostic(7, 'second')], 4),
      publication([diagnostic(1, 'new'), reused], 5),
      publication([reused]),
      publication([], 6),
      { jsonrpc: '2.0', id: 3, result: { contents: 'ünïcode — ok' } },
      { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'plain' } },
    ]) {
      assert.equal(await encode(message), JSON.stringify(message));
    }
  });
});
