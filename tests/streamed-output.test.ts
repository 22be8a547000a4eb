/**
 * `plantgap check --format json|sarif` writes its report in chunks as it is made (to --output and
 * to stdout). The text must be exactly what the whole-string formatters of earlier versions wrote:
 * the JSON report's order-keeping writer (kept below as the reference) and `JSON.stringify` of the
 * SARIF log, for a generated plan large enough to take many chunks.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildJsonReport, buildSarifLog, checkPlans, formatJson, formatSarif, groupsInCatalogOrder, type CheckPlansResult } from '@plantgap/core';
import { generatePlan } from '../bench/generate-plan.mjs';
import { runCli } from './helpers/run-cli.js';

/** The JSON report's writer before streaming: whole strings, Maps as objects in insertion order. */
function referenceOrderedJson(value: unknown, current = ''): string | undefined {
  const entries = (pairs: readonly (readonly [string, unknown])[]) => {
    const inner = `${current}  `;
    const members = pairs.flatMap(([key, entry]) => {
      const text = referenceOrderedJson(entry, inner);
      return text === undefined ? [] : [`${inner}${JSON.stringify(key)}: ${text}`];
    });
    return members.length === 0 ? '{}' : `{\n${members.join(',\n')}\n${current}}`;
  };
  if (value instanceof Map) return entries([...value.entries()].map(([key, entry]) => [String(key), entry] as const));
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inner = `${current}  `;
    return `[\n${value.map((item) => `${inner}${referenceOrderedJson(item, inner) ?? 'null'}`).join(',\n')}\n${current}]`;
  }
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON !== 'function') return entries(Object.entries(value));
  return JSON.stringify(value);
}

function referenceJsonReport(checked: CheckPlansResult): string {
  const report = buildJsonReport(checked.analysis, checked.files);
  const coverage = Object.fromEntries(
    Object.entries(report.coverage).map(([framework, value]) => [framework, { ...value, groups: new Map(groupsInCatalogOrder(value.groups, framework, checked.knowledgeBase)) }]),
  );
  return `${referenceOrderedJson({ ...report, coverage })}\n`;
}

describe('streamed check reports', () => {
  let directory: string;
  let checked: CheckPlansResult;
  before(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'plantgap-streamed-'));
    await writeFile(path.join(directory, 'plant-a.md'), generatePlan(300, { seed: 7, title: 'Plant A' }));
    await writeFile(path.join(directory, 'plant-b.md'), generatePlan(200, { seed: 8, title: 'Plant B — Süd' }));
    const result = await checkPlans({ cwd: directory, paths: ['.'] });
    assert.ok(result.ok);
    checked = result.value;
  });
  after(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('writes the JSON report exactly as the whole-string writer did, to stdout and to --output', async () => {
    const expected = referenceJsonReport(checked);
    assert.ok(expected.length > 2 * 64 * 1024, 'the report spans several chunks');
    assert.equal(formatJson(checked.analysis, checked.files, checked.knowledgeBase), expected);
    const printed = runCli(['check', '.', '--format', 'json'], { cwd: directory, timeout: 60_000 });
    assert.equal(printed.stderr, '');
    assert.equal(printed.stdout, expected);
    const written = runCli(['check', '.', '--format', 'json', '--output', 'report.json'], { cwd: directory, timeout: 60_000 });
    assert.equal(written.stderr, '');
    assert.equal(written.status, printed.status);
    assert.equal(await readFile(path.join(directory, 'report.json'), 'utf8'), expected);
  });

  it('writes the SARIF log exactly as JSON.stringify of buildSarifLog, to stdout and to --output', async () => {
    const options = { pathFromRoot: '', sourceRoot: directory };
    const expected = `${JSON.stringify(buildSarifLog(checked, options), null, 2)}\n`;
    assert.equal(formatSarif(checked, options), expected);
    assert.equal(runCli(['check', '.', '--format', 'sarif'], { cwd: directory, timeout: 60_000 }).stdout, expected);
    runCli(['check', '.', '--format', 'sarif', '--output', 'report.sarif'], { cwd: directory, timeout: 60_000 });
    assert.equal(await readFile(path.join(directory, 'report.sarif'), 'utf8'), expected);
  });

  it('writes the quiet JSON report (errors only) the same way', () => {
    const report = buildJsonReport(checked.analysis, checked.files, { quiet: true });
    const coverage = Object.fromEntries(
      Object.entries(report.coverage).map(([framework, value]) => [framework, { ...value, groups: new Map(groupsInCatalogOrder(value.groups, framework, checked.knowledgeBase)) }]),
    );
    const expected = `${referenceOrderedJson({ ...report, coverage })}\n`;
    assert.equal(runCli(['check', '.', '--format', 'json', '--quiet'], { cwd: directory, timeout: 60_000 }).stdout, expected);
  });
});
