/**
 * The language server's diagnostics, from a real server process over stdio: the same findings as
 * `plantgap check` on the same files, at exact 0-based ranges, with the document version, the rule
 * id as code and its docs page; kept current through incremental edits.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileUri, LspTestClient } from './lsp-client.js';
import { runCli } from '../helpers/run-cli.js';
import { planText, serverOnNarrowWorkspace } from './fixtures.js';

describe('language server: diagnostics', function () {
  this.timeout(60_000);
  let directory: string;
  let client: LspTestClient;
  let uri: string;

  serverOnNarrowWorkspace((session) => ({ directory, uri, client } = session));

  it('publishes every finding of plantgap check, with 0-based ranges, the version, rule id, docs link and source', async () => {
    await client.open(uri, planText, 7);
    const diagnostics = await client.diagnosticsForVersion(uri, 7);
    const summary = diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.line, diagnostic.range.end.character]);
    assert.deepEqual(summary, [
      ['uncovered-mandatory-requirement', 0, 0, 0, 25],
      ['plan-without-target-level', 0, 0, 0, 25],
      ['no-asset-inventory', 0, 0, 0, 25],
      ['deprecated-reference', 3, 24, 3, 31],
      ['implemented-without-evidence', 4, 14, 4, 25],
      ['missing-owner', 8, 3, 8, 12],
      ['missing-target', 8, 3, 8, 12],
      ['unknown-reference', 9, 14, 9, 22],
    ]);
    for (const diagnostic of diagnostics) {
      assert.equal(diagnostic.source, 'plantgap');
      assert.equal(diagnostic.codeDescription?.href, `https://github.com/plantgap/plantgap/blob/main/docs/rules/${String(diagnostic.code)}.md`);
    }
    const unknown = diagnostics.find((diagnostic) => diagnostic.code === 'unknown-reference');
    assert.equal(unknown?.severity, 1);
    assert.equal(unknown?.message, 'Unknown reference "PR.XX-99".');
    assert.deepEqual(diagnostics.find((diagnostic) => diagnostic.code === 'deprecated-reference')?.tags, [2]);

    // The CLI on the same file agrees, finding for finding (1-based there).
    const cli = runCli(['check', '--format', 'json'], { cwd: directory });
    const findings = (JSON.parse(cli.stdout) as { findings: { ruleId: string; message: string; range: { start: { line: number; column: number } } }[] }).findings;
    assert.deepEqual(
      findings.map((finding) => [finding.ruleId, finding.message, finding.range.start.line - 1, finding.range.start.column - 1]),
      diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.message, diagnostic.range.start.line, diagnostic.range.start.character]),
    );
  });

  it('re-analyses incremental edits and clears a diagnostic the edit fixes, publishing with the new version', async () => {
    await client.open(uri, planText, 1);
    const before = await client.diagnosticsForVersion(uri, 1);
    assert.ok(before.some((diagnostic) => diagnostic.code === 'unknown-reference'));
    // Fix the typo: PR.XX-99 → DE.CM-01 (line 9, characters 14–22).
    await client.change(uri, 2, [{ range: { start: { line: 9, character: 14 }, end: { line: 9, character: 22 } }, text: 'DE.CM-01' }]);
    const after = await client.diagnosticsForVersion(uri, 2);
    assert.ok(!after.some((diagnostic) => diagnostic.code === 'unknown-reference'), 'the unknown reference is gone');
    // DE.CM-01 is now covered by a planned control: still uncovered today, now "planned in OT-RMD-01".
    assert.match(after.find((diagnostic) => diagnostic.code === 'uncovered-mandatory-requirement')?.message ?? '', /planned in OT-RMD-01/);
    // Add an owner line after the status line (line 10 → insert at line 11).
    await client.change(uri, 3, [{ range: { start: { line: 11, character: 0 }, end: { line: 11, character: 0 } }, text: '- **Owner:** maintenance lead\n' }]);
    const owned = await client.diagnosticsForVersion(uri, 3);
    assert.ok(!owned.some((diagnostic) => diagnostic.code === 'missing-owner'));
    assert.ok(owned.some((diagnostic) => diagnostic.code === 'missing-target'));
  });

  it('only publishes the result of the latest version when edits come faster than analyses', async () => {
    await client.open(uri, planText, 1);
    await client.diagnosticsForVersion(uri, 1);
    const published = client.published.length;
    for (let version = 2; version <= 30; version++) {
      await client.change(uri, version, [{ range: { start: { line: 5, character: 13 }, end: { line: 5, character: 13 } }, text: 'x' }]);
    }
    const last = await client.diagnosticsForVersion(uri, 30);
    assert.ok(last.length > 0);
    const versions = client.published.slice(published).filter((params) => params.uri === uri).map((params) => params.version ?? 0);
    assert.deepEqual([...versions].sort((a, b) => a - b), versions, 'versions never go backwards');
  });

  it('clears diagnostics of a file that is no longer a plan file once the config ignores it', async () => {
    await client.open(uri, planText, 1);
    await client.diagnosticsForVersion(uri, 1);
    await client.close(uri);
    await writeFile(path.join(directory, '.plantgap.yml'), 'profile: narrow\nprofiles: [narrow.yml]\nignore: ["plan.md"]\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(path.join(directory, '.plantgap.yml')), type: 2 }] });
    await client.diagnostics(uri, (params) => params.diagnostics.length === 0);
  });
});
