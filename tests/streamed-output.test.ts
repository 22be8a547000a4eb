/**
 * `plantgap check` writes its JSON, SARIF, JUnit and stylish reports in chunks as they are made (to
 * --output and to stdout). The text must be exactly what the whole-string formatters of earlier
 * versions wrote: the JSON report's order-keeping writer (kept below as the reference) and
 * `JSON.stringify` of the SARIF log, for a generated plan large enough to take many chunks. The
 * JUnit report's counts, written before its test cases, must agree with the test cases. `plantgap
 * report` writes its HTML and Markdown the same way; their long table must come out whole.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  buildCoverageReport,
  buildJsonReport,
  buildSarifLog,
  checkPlans,
  formatJson,
  formatJunitChunks,
  formatSarif,
  formatStylishChunks,
  groupsInCatalogOrder,
  renderHtmlReportChunks,
  renderMarkdownReportChunks,
  type CheckPlansResult,
} from '@plantgap/core';
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

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

describe('reports written in chunks', () => {
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

  it('writes JUnit in chunks whose counts, written first, agree with the test cases that follow', async () => {
    const chunks = [...formatJunitChunks(checked)];
    assert.ok(chunks.length > 1, 'the report spans several chunks');
    const xml = chunks.join('');
    runCli(['check', '.', '--format', 'junit', '--output', 'report.xml'], { cwd: directory, timeout: 60_000 });
    assert.equal(await readFile(path.join(directory, 'report.xml'), 'utf8'), xml);
    const counts = (text: string) => [count(text, /<testcase /g), count(text, /<failure /g), count(text, /<skipped /g)].map(String);
    const header = /<testsuites [^>]*tests="(\d+)" failures="(\d+)" errors="0" skipped="(\d+)">/.exec(xml);
    assert.deepEqual(header?.slice(1), counts(xml));
    const suites = [...xml.matchAll(/<testsuite name="([^"]+)" tests="(\d+)" failures="(\d+)" errors="0" skipped="(\d+)">([\s\S]*?)<\/testsuite>/g)];
    assert.ok(suites.some((suite) => suite[1] === 'findings' && Number(suite[2]) > 100), 'a long findings suite');
    for (const suite of suites) assert.deepEqual(suite.slice(2, 5), counts(suite[5] ?? ''), suite[1]);
  });

  it('writes stylish output in chunks of whole lines, to stdout as to --output', async () => {
    const chunks = [...formatStylishChunks(checked.analysis, { quiet: false, color: false })];
    assert.ok(chunks.every((chunk) => chunk.endsWith('\n')));
    const text = chunks.join('');
    assert.equal(runCli(['check', '.'], { cwd: directory, timeout: 60_000 }).stdout, text);
    runCli(['check', '.', '--output', 'report.txt'], { cwd: directory, timeout: 60_000 });
    assert.equal(await readFile(path.join(directory, 'report.txt'), 'utf8'), text);
    assert.match(text, /^plant-a\.md\n {2}\d+:\d+ +(error|warning|info) /);
    assert.match(text, /\n\nplant-b\.md\n/);
    assert.match(text, /\n\n[✖⚠] \d+ problems \(\d+ errors?, \d+ warnings?(, \d+ infos?)?\)\n\nCoverage against profile /);
  });

  it('writes the coverage report in chunks, its long table whole, to stdout as to --output', async () => {
    const report = buildCoverageReport(checked);
    const reasons = report.covered.reduce((sum, requirement) => sum + requirement.reasons.length, 0);
    const htmlChunks = [...renderHtmlReportChunks(report)];
    assert.ok(htmlChunks.length > 1, 'the report spans several chunks');
    const html = htmlChunks.join('');
    const covered = /<section id="covered">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    assert.equal(count(covered, /<tr><td>/g), report.covered.length);
    assert.equal(count(covered, /<li>/g), reasons);
    assert.match(html, /<\/section>\n<footer class="note">[\s\S]*<\/footer>\n<\/body>\n<\/html>\n$/);
    runCli(['report', '.', '--format', 'html', '--output', 'report.html'], { cwd: directory, timeout: 60_000 });
    assert.equal(await readFile(path.join(directory, 'report.html'), 'utf8'), html);

    const markdown = [...renderMarkdownReportChunks(report)].join('');
    const why = markdown.split('\n## Why requirements count')[1]?.split('\n\n') ?? [];
    const tableLines = (why[1] ?? '').split('\n');
    assert.equal(tableLines.length, 2 + report.covered.length);
    assert.ok(tableLines.every((line) => line.startsWith('| ') && line.endsWith(' |')));
    assert.equal(runCli(['report', '.', '--format', 'markdown'], { cwd: directory, timeout: 60_000 }).stdout, markdown);
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
