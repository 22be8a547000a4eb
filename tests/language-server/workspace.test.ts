/**
 * The language server on whole workspaces: plans of several files (open buffers overriding the
 * disk), `.plantgap.yml` and editor settings, invalid configuration, untitled documents, untrusted
 * workspaces, and plantgap's own requests (coverage summary, gaps, report, check workspace).
 */
import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileUri, LspTestClient } from './lsp-client.js';
import { narrowWorkspace, planText } from './fixtures.js';
import type { CheckWorkspaceResult, CoverageSummary, Gap, ReportResult } from '../../packages/language-server/src/protocol.js';

const monitoring = `## OT-MON-01 — Network monitoring
- **Covers:** DE.CM-01
- **Status:** planned
- **Owner:** SOC lead
- **Target:** 2027-06-30
`;

describe('language server: workspaces', function () {
  this.timeout(60_000);
  let directory: string;
  let client: LspTestClient | undefined;

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    await rm(directory, { recursive: true, force: true });
  });

  it('analyses every plan file of the folder as one plan, publishing for files not open and updating them on edits', async () => {
    directory = await narrowWorkspace({ 'a-plan.md': planText, 'b-monitoring.md': monitoring });
    client = await LspTestClient.start({ folders: [directory] });
    const a = fileUri(path.join(directory, 'a-plan.md'));
    const b = fileUri(path.join(directory, 'b-monitoring.md'));
    await client.open(b, monitoring, 1);
    await client.diagnosticsForVersion(b, 1);
    // a-plan.md is not open: its findings are published without a version; the plan-level finding sits on its title.
    const onA = await client.diagnostics(a);
    assert.equal(onA.version, undefined);
    const uncovered = onA.diagnostics.find((diagnostic) => diagnostic.code === 'uncovered-mandatory-requirement');
    assert.match(uncovered?.message ?? '', /DE\.CM-01 .* planned in OT-MON-01 but not implemented yet/);
    assert.deepEqual(uncovered?.range.start, { line: 0, character: 0 });

    // Implementing the monitoring control (in the open buffer, not on disk) covers DE.CM-01 for the whole plan.
    await client.change(b, 2, [{ range: { start: { line: 2, character: 14 }, end: { line: 2, character: 21 } }, text: 'implemented' }]);
    await client.diagnosticsForVersion(b, 2);
    await client.diagnostics(a, (params) => !params.diagnostics.some((diagnostic) => diagnostic.code === 'uncovered-mandatory-requirement'));

    const summary = await client.request<CoverageSummary>('plantgap/coverageSummary', { uri: b });
    assert.deepEqual([...summary.planFiles].sort(), [a, b].sort());
    assert.equal(summary.profile.id, 'narrow');
    assert.deepEqual(summary.coverage.map((coverage) => [coverage.framework, coverage.current]), [['nist-csf-2.0', 1]]);
  });

  it('honours .plantgap.yml rule severities and lets settings override them', async () => {
    directory = await narrowWorkspace();
    await writeFile(path.join(directory, '.plantgap.yml'), 'profile: narrow\nprofiles: [narrow.yml]\nrules:\n  missing-owner: "off"\n  unknown-reference: warning\n');
    client = await LspTestClient.start({ folders: [directory], settings: { rules: { 'missing-target': 'off' } } });
    const uri = fileUri(path.join(directory, 'plan.md'));
    await client.open(uri, planText, 1);
    const diagnostics = await client.diagnosticsForVersion(uri, 1);
    const codes = diagnostics.map((diagnostic) => diagnostic.code);
    assert.ok(!codes.includes('missing-owner'), 'off in the config');
    assert.ok(!codes.includes('missing-target'), 'off in the settings');
    assert.equal(diagnostics.find((diagnostic) => diagnostic.code === 'unknown-reference')?.severity, 2);
  });

  it('reports an invalid .plantgap.yml on the config file, naming the key, without analysing or crashing', async () => {
    directory = await narrowWorkspace();
    const config = path.join(directory, '.plantgap.yml');
    await writeFile(config, 'profile: narrow\nprofiles: [narrow.yml]\nrule:\n  missing-owner: "off"\n');
    client = await LspTestClient.start({ folders: [directory] });
    const uri = fileUri(path.join(directory, 'plan.md'));
    await client.open(uri, planText, 1);
    const onConfig = await client.diagnostics(fileUri(config));
    assert.equal(onConfig.diagnostics.length, 1);
    assert.equal(onConfig.diagnostics[0]?.range.start.line, 2);
    assert.match(onConfig.diagnostics[0]?.message ?? '', /rule/);
    const message = await client.waitFor('an error message', () => client?.messages.find((candidate) => candidate.type === 1));
    assert.match(message.message, /\.plantgap\.yml:3/);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 17 } }), null);

    // Fixing the config brings the analysis back.
    await writeFile(config, 'profile: narrow\nprofiles: [narrow.yml]\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(config), type: 2 }] });
    await client.diagnostics(fileUri(config), (params) => params.diagnostics.length === 0);
    const diagnostics = await client.diagnostics(uri, (params) => params.diagnostics.length > 0);
    assert.ok(diagnostics.diagnostics.some((diagnostic) => diagnostic.code === 'unknown-reference'));
  });

  it('names invalid settings in a message and keeps the valid ones', async () => {
    directory = await narrowWorkspace();
    client = await LspTestClient.start({ folders: [directory], settings: { debounceMs: 'soon', rules: { 'missing-owner': 'loud' }, ignore: [] } });
    const message = await client.waitFor('a settings warning', () => client?.messages.find((candidate) => /plantgap\.debounceMs/.test(candidate.message)));
    assert.match(message.message, /plantgap\.rules\.missing-owner/);
    const uri = fileUri(path.join(directory, 'plan.md'));
    await client.open(uri, planText, 1);
    assert.ok((await client.diagnosticsForVersion(uri, 1)).length > 0);
  });

  it('reports a setting naming a rule that does not exist, as the CLI reports it in the config', async () => {
    directory = await narrowWorkspace();
    client = await LspTestClient.start({ folders: [directory], settings: { rules: { 'no-such-rule': 'off' } } });
    await client.open(fileUri(path.join(directory, 'plan.md')), planText, 1);
    const message = await client.waitFor('an error message', () => client?.messages.find((candidate) => /rules\.no-such-rule/.test(candidate.message)));
    assert.match(message.message, /settings/);
  });

  it('analyses an untitled document as a single-file plan with the first folder\'s config', async () => {
    directory = await narrowWorkspace({});
    client = await LspTestClient.start({ folders: [directory] });
    const uri = 'untitled:Untitled-1';
    await client.open(uri, planText, 3);
    const diagnostics = await client.diagnosticsForVersion(uri, 3);
    assert.match(diagnostics.find((diagnostic) => diagnostic.code === 'uncovered-mandatory-requirement')?.message ?? '', /of profile narrow/);
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 17 } });
    assert.match(hover?.contents.value ?? '', /PR\.IR-01/);
    await client.close(uri);
    await client.diagnostics(uri, (params) => params.diagnostics.length === 0);
  });

  it('reports nothing for a blank untitled document until it has text', async () => {
    directory = await narrowWorkspace({});
    client = await LspTestClient.start({ folders: [directory] });
    const uri = 'untitled:Untitled-2';
    await client.open(uri, '\n  \n', 1);
    assert.deepEqual(await client.diagnosticsForVersion(uri, 1), []);
    await client.change(uri, 2, [{ text: planText }]);
    const diagnostics = await client.diagnosticsForVersion(uri, 2);
    assert.ok(diagnostics.some((diagnostic) => diagnostic.code === 'uncovered-mandatory-requirement'));
  });

  it('uses only the built-in catalogs and profiles when the workspace is not trusted', async () => {
    directory = await narrowWorkspace();
    client = await LspTestClient.start({ folders: [directory], initializationOptions: { trusted: false, debounceMs: 0 } });
    const uri = fileUri(path.join(directory, 'plan.md'));
    await client.open(uri, planText, 1);
    const diagnostics = await client.diagnosticsForVersion(uri, 1);
    assert.ok(diagnostics.some((diagnostic) => /of profile ot-baseline/.test(diagnostic.message)));
    assert.ok(!diagnostics.some((diagnostic) => /of profile narrow/.test(diagnostic.message)));
    const warning = await client.waitFor('a trust warning', () => client?.messages.find((candidate) => /not trusted/.test(candidate.message)));
    assert.match(warning.message, /narrow\.yml/);
  });

  it('answers gaps, report and checkWorkspace', async () => {
    directory = await narrowWorkspace({ 'plan.md': planText, 'notes.md': '# Notes\n\nNothing here.\n' });
    client = await LspTestClient.start({ folders: [directory] });
    const uri = fileUri(path.join(directory, 'plan.md'));
    await client.open(uri, planText, 1);
    await client.diagnosticsForVersion(uri, 1);
    const gaps = await client.request<Gap[]>('plantgap/gaps', { uri });
    assert.deepEqual(
      gaps.map((gap) => [gap.requirement, gap.status, gap.mandatory]),
      [['DE.CM-01', 'uncovered', true]],
    );
    assert.deepEqual(gaps[0]?.location, { uri: fileUri(path.join(directory, 'notes.md')), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 7 } } });
    const report = await client.request<ReportResult>('plantgap/report', { uri, contentSecurityPolicy: "default-src 'none'; style-src 'nonce-abc'", styleNonce: 'abc' });
    assert.match(report.html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;nonce-abc&#39;"|content="default-src 'none'; style-src 'nonce-abc'"/);
    assert.match(report.html, /<style nonce="abc">/);
    assert.doesNotMatch(report.html, /<script/i);
    const checked = await client.request<CheckWorkspaceResult>('plantgap/checkWorkspace', null);
    assert.equal(checked.files, 2);
    assert.ok(checked.errors >= 2);
    assert.equal(await client.request('plantgap/coverageSummary', { uri: 42 }), null);
    assert.equal(await client.request('plantgap/coverageSummary', { uri: 'file:///nowhere/else.md' }), null);
  });
});
