/**
 * Hover, completion, quick fixes, code lenses and document symbols, asked of a real server process
 * over stdio on real files. Quick fixes are applied to the text and the result checked again.
 */
import assert from 'node:assert/strict';
import type { CodeAction, CodeLens, CompletionList, Diagnostic, DocumentSymbol, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { applyEdits, type LspTestClient } from './lsp-client.js';
import { planText, serverOnNarrowWorkspace } from './fixtures.js';

describe('language server: language features', function () {
  this.timeout(60_000);
  let client: LspTestClient;
  let uri: string;

  serverOnNarrowWorkspace((session) => ({ uri, client } = session));

  const hoverText = async (line: number, character: number) => {
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    return hover ? { value: (hover.contents as MarkupContent).value, range: hover.range } : null;
  };

  it('explains a CSF reference on hover: title, summary from the catalog, and what in the plan covers it', async () => {
    await client.open(uri, planText);
    const hover = await hoverText(3, 17); // inside PR.IR-01
    assert.ok(hover);
    assert.deepEqual(hover.range, { start: { line: 3, character: 14 }, end: { line: 3, character: 22 } });
    assert.match(hover.value, /^\*\*PR\.IR-01\*\* — /);
    assert.match(hover.value, /mandatory in profile `narrow`/);
    assert.match(hover.value, /Covered by:\n- `OT-SEG-01` \(implemented\): direct reference → 100% now/);
  });

  it('explains a superseded id with its successor, and a control heading with what it covers', async () => {
    await client.open(uri, planText);
    const deprecated = await hoverText(3, 26); // PR.AC-5
    assert.match(deprecated?.value ?? '', /superseded version:\* replaced by `PR\.IR-01`/);
    const control = await hoverText(2, 5); // OT-SEG-01 heading
    assert.match(control?.value ?? '', /^\*\*OT-SEG-01\*\* — Segment the control network/);
    assert.match(control?.value ?? '', /Status: implemented · Owner: OT network lead/);
    assert.match(control?.value ?? '', /Covers 1 requirement of profile `narrow`/);
    assert.equal(await hoverText(1, 0), null, 'nothing to explain on an empty line');
  });

  it('completes ids mid-line after a prefix, with titles, and marks superseded ids deprecated', async () => {
    const text = `${planText}\n## OT-MON-01 — Monitoring\n- **Covers:** DE.CM-0 and more\n`;
    await client.open(uri, text);
    const line = text.split('\n').findIndex((candidate) => candidate.includes('DE.CM-0 and'));
    const list = await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: { line, character: 21 } });
    assert.ok(list);
    const labels = list.items.map((item) => item.label);
    assert.ok(labels.includes('DE.CM-01') && labels.includes('DE.CM-09'), labels.join(' '));
    const item = list.items.find((candidate) => candidate.label === 'DE.CM-01');
    assert.equal(item?.detail, 'Networks and services monitored');
    assert.deepEqual(item?.textEdit && 'range' in item.textEdit ? item.textEdit.range : undefined, { start: { line, character: 14 }, end: { line, character: 21 } });
    const wider = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line, character: 20 } });
    const legacy = wider.items.find((candidate) => candidate.label === 'DE.CM-1');
    assert.equal(legacy?.deprecated, true);
    assert.deepEqual(legacy?.tags, [1]);
    assert.ok((legacy?.sortText ?? '') > (item?.sortText ?? ''), 'current ids sort first');

    const annex = await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: { line, character: 14 } });
    assert.equal(annex, null, 'no completion without a prefix');
  });

  it('completes plant controls after PC- and Annex A controls after A.8.', async () => {
    const text = 'Uses PC-\nSee A.8.2\n';
    await client.open(uri, text);
    const plant = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 8 } });
    assert.ok(plant.items.some((item) => item.label === 'PC-SEG-01'));
    const annex = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 9 } });
    assert.ok(annex.items.some((item) => item.label === 'A.8.22'));
    assert.ok(annex.items.every((item) => item.label.startsWith('A.8.2')));
  });

  const quickFixes = async (diagnostic: Diagnostic) =>
    client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] } });

  it('replaces a superseded id by its successor with a quick fix that names its diagnostic; the fixed text checks clean', async () => {
    await client.open(uri, planText, 1);
    const diagnostics = await client.diagnosticsForVersion(uri, 1);
    const deprecated = diagnostics.find((diagnostic) => diagnostic.code === 'deprecated-reference');
    assert.ok(deprecated);
    const [action] = await quickFixes(deprecated);
    assert.ok(action);
    assert.equal(action.kind, 'quickfix');
    assert.equal(action.isPreferred, true);
    assert.deepEqual(action.diagnostics, [deprecated]);
    const edits = action.edit?.changes?.[uri] ?? [];
    assert.deepEqual(edits, [{ range: { start: { line: 3, character: 24 }, end: { line: 3, character: 31 } }, newText: 'PR.IR-01' }]);
    const fixed = applyEdits(planText, edits);
    await client.change(uri, 2, [{ text: fixed }]);
    const after = await client.diagnosticsForVersion(uri, 2);
    assert.ok(!after.some((diagnostic) => diagnostic.code === 'deprecated-reference'));
  });

  it('inserts a missing Owner line correctly in a file without a final newline', async () => {
    const text = planText.trimEnd();
    await client.open(uri, text, 1);
    const diagnostics = await client.diagnosticsForVersion(uri, 1);
    const missingOwner = diagnostics.find((diagnostic) => diagnostic.code === 'missing-owner');
    assert.ok(missingOwner);
    const [action] = await quickFixes(missingOwner);
    const edits = action?.edit?.changes?.[uri] ?? [];
    assert.equal(edits.length, 1);
    const fixed = applyEdits(text, edits);
    // A new last line, and the file keeps its style: still no final newline.
    assert.equal(fixed, `${text}\n- **Owner:** TBD`);
    await client.change(uri, 2, [{ text: fixed }]);
    const after = await client.diagnosticsForVersion(uri, 2);
    assert.ok(!after.some((diagnostic) => diagnostic.code === 'missing-owner'));
  });

  it('offers a control skeleton for an uncovered mandatory requirement, which then covers it once implemented', async () => {
    const text = planText.trimEnd();
    await client.open(uri, text, 1);
    const diagnostics = await client.diagnosticsForVersion(uri, 1);
    const uncovered = diagnostics.find((diagnostic) => diagnostic.code === 'uncovered-mandatory-requirement');
    assert.ok(uncovered);
    const [action] = await quickFixes(uncovered);
    assert.equal(action?.title, 'Add a control for DE.CM-01');
    const fixed = applyEdits(text, action?.edit?.changes?.[uri] ?? []);
    assert.match(fixed, /- \*\*Status:\*\* planned\n\n## NEW-DE-CM-01 — Networks and services monitored\n- \*\*Covers:\*\* DE\.CM-01\n/);
    await client.change(uri, 2, [{ text: fixed.replace(/(NEW-DE-CM-01[^]*?Status:\*\* )planned/, '$1implemented') }]);
    const after = await client.diagnosticsForVersion(uri, 2);
    assert.ok(!after.some((diagnostic) => diagnostic.code === 'uncovered-mandatory-requirement'));
  });

  it('offers every suggestion for an unknown id, the first preferred', async () => {
    const text = planText.replace('PR.XX-99', 'PR.IR-1');
    await client.open(uri, text, 1);
    const unknown = (await client.diagnosticsForVersion(uri, 1)).find((diagnostic) => diagnostic.code === 'unknown-reference');
    assert.ok(unknown);
    const actions = await quickFixes(unknown);
    assert.ok(actions.length >= 1);
    assert.equal(actions[0]?.title, 'Replace with PR.IR-01');
    assert.equal(actions[0]?.isPreferred, true);
    assert.ok(actions.slice(1).every((action) => action.isPreferred !== true));
  });

  it('shows a code lens per control with its mapping counts, and an outline of headings with controls nested', async () => {
    await client.open(uri, planText);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(
      lenses.map((lens) => [lens.range.start.line, lens.command?.title]),
      [
        [2, 'covers 1 CSF'],
        [8, 'covers 0 CSF'],
      ],
    );
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(symbols.length, 1);
    assert.equal(symbols[0]?.name, 'Security plan — Plant 9');
    assert.deepEqual(
      symbols[0]?.children?.map((symbol) => [symbol.name, symbol.kind, symbol.detail, symbol.range.start.line, symbol.range.end.line]),
      [
        ['OT-SEG-01 — Segment the control network', 5, 'implemented', 2, 7],
        ['OT-RMD-01 — Removable media', 5, 'planned', 8, 11],
      ],
    );
  });
});
