/**
 * The server keeps open documents as sections (editor-document.ts); every position, offset, line
 * and text it answers must be what vscode-languageserver-textdocument answers for the same edits,
 * including documents that fall back to a plain string (a BOM, a lone `\r`).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EditorDocument } from '../../packages/language-server/src/editor-document.js';
import { fuzzParameters } from '../fuzz/fuzz-settings.js';
import { block, phrase, planText } from '../fuzz/plan-arbitraries.js';

const regular = (text: string) => text.replace(/^\uFEFF/, '').replace(/\r(?!\n)/g, '\n');
const documentText = fc.tuple(planText, fc.integer({ min: 0, max: 3 })).map(([text, pick]) => (pick === 0 ? text : regular(text)));
const position = fc.record({ line: fc.integer({ min: -1, max: 40 }), character: fc.integer({ min: -1, max: 90 }) });
/** An LSP change: a range (possibly past the end, clamped by both) or the whole text. */
const change = fc.oneof(
  { weight: 6, arbitrary: fc.record({ start: position, end: position, text: fc.oneof(block.map((text) => `${text}\n`), phrase, fc.constantFrom('', '\n', '\r\n', '#', '```\n')) }) },
  { weight: 1, arbitrary: documentText.map((text) => ({ text })) },
);

function assertSame(actual: EditorDocument, expected: TextDocument, probes: readonly { line: number; character: number }[]): void {
  const text = expected.getText();
  assert.equal(actual.getText(), text);
  assert.equal(actual.lineCount, expected.lineCount);
  assert.equal(actual.version, expected.version);
  for (const probe of probes) {
    assert.deepEqual(actual.offsetAt(probe), expected.offsetAt(probe), `offsetAt ${JSON.stringify(probe)}`);
    const offset = expected.offsetAt(probe);
    for (const at of [offset - 1, offset, offset + 1, text.length + 3]) assert.deepEqual(actual.positionAt(at), expected.positionAt(at), `positionAt ${at}`);
    const range = { start: probe, end: { line: probe.line + 1, character: probe.character + 3 } };
    assert.equal(actual.getText(range), expected.getText(range), `getText ${JSON.stringify(range)}`);
    assert.deepEqual(actual.getLineRange(probe.line), expected.getLineRange(probe.line), `getLineRange ${probe.line}`);
    assert.equal(actual.getEOLCharacters(probe.line), expected.getEOLCharacters(probe.line), `getEOLCharacters ${probe.line}`);
  }
}

describe('open documents kept as sections', function () {
  it('answer positions, offsets, lines and text exactly as vscode-languageserver-textdocument does, across edits', () => {
    fc.assert(
      fc.property(documentText, fc.array(change, { minLength: 1, maxLength: 6 }), fc.array(position, { minLength: 1, maxLength: 6 }), (initial, changes, probes) => {
        const actual = EditorDocument.create('file:///plan.md', 'markdown', 1, initial);
        let expected = TextDocument.create('file:///plan.md', 'markdown', 1, initial);
        assertSame(actual, expected, probes);
        let version = 1;
        for (const next of changes) {
          version++;
          // The event the server's validation lets through: a well-ordered range, possibly past the end.
          const event = 'start' in next ? { range: orderedRange(next.start, next.end), text: next.text } : next;
          actual.update([event], version);
          // The expected document is made anew from the edited text: TextDocument.update keeps a wrong
          // line table after a range past the last line (its offsets are clamped, its line numbers not).
          let text = event.text;
          if ('range' in event) {
            const before = expected.getText();
            text = before.slice(0, expected.offsetAt(event.range.start)) + event.text + before.slice(expected.offsetAt(event.range.end));
          }
          expected = TextDocument.create('file:///plan.md', 'markdown', version, text);
          assertSame(actual, expected, probes);
        }
      }),
      fuzzParameters(800),
    );
  });
});

function orderedRange(a: { line: number; character: number }, b: { line: number; character: number }) {
  const clamp = (p: { line: number; character: number }) => ({ line: Math.max(0, p.line), character: Math.max(0, p.character) });
  const [start, end] = [clamp(a), clamp(b)].sort((x, y) => x.line - y.line || x.character - y.character) as [typeof a, typeof a];
  return { start, end };
}
