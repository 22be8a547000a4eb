/**
 * `plantgap report` as a real process: the self-contained HTML page (parsed with a real HTML parser:
 * no script, no event handlers, no external URLs, a strict CSP, charts with text equivalents), the
 * GitHub Markdown variant, hostile plan text coming out as inert text in both, --output written
 * atomically, and usage errors answered with exit code 2 and no stack trace. The library renderers
 * are checked through the public API with caller-supplied CSP and nonce, as the VS Code webview uses them.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildCoverageReport, checkPlans, defaultContentSecurityPolicy, escapeHtml, renderHtmlReport, renderMarkdownReport } from '@plantgap/core';
import { DomUtils, parseDocument } from 'htmlparser2';
import { fixtures, repositoryRoot, runCli } from './helpers/run-cli.js';

// Types from htmlparser2's own API, so the test depends on no transitive package directly.
type Document = ReturnType<typeof parseDocument>;
type Element = ReturnType<typeof DomUtils.getElementsByTagName>[number];

const example = 'examples/plant-2-security-plan.md';
const hostile = path.join(fixtures, 'report', 'hostile-plan.md');

function elements(document: Document): Element[] {
  return DomUtils.findAll(() => true, document.children);
}

/** What no report may contain, whatever the plan says. */
function assertInert(html: string): Document {
  const document = parseDocument(html);
  const all = elements(document);
  const names = new Set(all.map((element) => element.name.toLowerCase()));
  for (const forbidden of ['script', 'iframe', 'object', 'embed', 'img', 'link', 'base', 'form', 'a', 'foreignobject', 'use', 'image']) {
    assert.equal(names.has(forbidden), false, `no <${forbidden}> element`);
  }
  for (const element of all) {
    for (const [name, value] of Object.entries(element.attribs)) {
      assert.doesNotMatch(name, /^on/i, `no event-handler attribute (${name} on <${element.name}>)`);
      assert.ok(!['href', 'src', 'xlink:href', 'action', 'formaction', 'srcset', 'background'].includes(name.toLowerCase()), `no URL attribute (${name} on <${element.name}>)`);
      assert.doesNotMatch(value, /javascript:|https?:\/\/(?!www\.w3\.org\/2000\/svg$)/i, `no URL in ${name} on <${element.name}>`);
    }
  }
  const styles = DomUtils.getElementsByTagName('style', document);
  assert.equal(styles.length, 1, 'one stylesheet');
  assert.doesNotMatch(DomUtils.textContent(styles[0] as Element), /url\(|@import|alert/, 'the stylesheet loads nothing and holds no plan text');
  return document;
}

function metaPolicy(document: Document): string | undefined {
  const meta = DomUtils.getElementsByTagName('meta', document).find((element) => element.attribs['http-equiv']?.toLowerCase() === 'content-security-policy');
  return meta?.attribs.content;
}

describe('plantgap report', () => {
  let directory: string;
  before(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'plantgap-report-'));
  });
  after(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  describe('--format html', () => {
    let html: string;
    let document: Document;
    before(async () => {
      const output = path.join(directory, 'report.html');
      const result = runCli(['report', example, '--format', 'html', '--output', output]);
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stderr, /wrote .*report\.html/);
      assert.equal(result.stdout, '');
      html = await readFile(output, 'utf8');
      document = parseDocument(html);
    });

    it('is a self-contained page: no script, no event handler, no remote resource, a strict CSP', () => {
      assertInert(html);
      assert.equal(metaPolicy(document), "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'");
      assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
    });

    it('shows current and planned coverage per CSF function and per ISO clause and Annex A theme, matching check --format json', () => {
      const json = JSON.parse(runCli(['check', example, '--format', 'json']).stdout) as { coverage: Record<string, { current: number; planned: number; groups: Record<string, { current: number; planned: number }> }> };
      const tables = DomUtils.getElementsByTagName('table', document);
      const rowsOf = (caption: RegExp) => {
        const table = tables.find((candidate) => caption.test(DomUtils.textContent(DomUtils.getElementsByTagName('caption', candidate)[0] ?? candidate)));
        assert.ok(table, `a table captioned ${caption}`);
        return DomUtils.getElementsByTagName('tr', table)
          .slice(1)
          .map((row) => DomUtils.getElementsByTagName('td', row).map((cell) => DomUtils.textContent(cell)));
      };
      const percent = (value: number) => `${Math.round(value * 100)}%`;
      const csf = rowsOf(/NIST Cybersecurity Framework 2\.0: coverage per function/);
      assert.deepEqual(csf.map((row) => row[0]?.split(' ')[0]), ['GV', 'ID', 'PR', 'DE', 'RS', 'RC']);
      for (const row of csf) {
        const group = json.coverage['nist-csf-2.0']?.groups[row[0]?.split(' ')[0] ?? ''];
        assert.deepEqual(row.slice(1, 3), [percent(group?.current ?? -1), percent(group?.planned ?? -1)]);
      }
      const iso = rowsOf(/ISO\/IEC 27001:2022: coverage per/);
      assert.deepEqual(iso.map((row) => row[0]?.split(' ')[0]), ['6', 'A.5', 'A.6', 'A.7', 'A.8']);
      for (const row of iso) {
        const group = json.coverage['iso27001-2022']?.groups[row[0]?.split(' ')[0] ?? ''];
        assert.deepEqual(row.slice(1, 3), [percent(group?.current ?? -1), percent(group?.planned ?? -1)]);
      }
    });

    it('draws inline SVG charts, each with a <title> and <desc> text equivalent', () => {
      const charts = DomUtils.getElementsByTagName('svg', document);
      assert.equal(charts.length, 5, 'two coverage charts (CSF, ISO) and three balance charts');
      for (const chart of charts) {
        assert.equal(chart.attribs.role, 'img');
        const [titleId, descId] = (chart.attribs['aria-labelledby'] ?? '').split(' ');
        const title = DomUtils.findOne((element) => element.name === 'title' && element.attribs.id === titleId, chart.children);
        const desc = DomUtils.findOne((element) => element.name === 'desc' && element.attribs.id === descId, chart.children);
        assert.ok(title && DomUtils.textContent(title).length > 0, 'a labelled <title>');
        assert.match(DomUtils.textContent(desc as Element), /\d+% now|\d+ referenced/);
      }
      const csfChart = DomUtils.textContent(DomUtils.getElementsByTagName('desc', charts[0] as Element)[0] as Element);
      assert.match(csfChart, /^GV Govern: \d+% now, \d+% planned; ID Identify/);
    });

    it('explains why each covered requirement counts: plan control, path, relationship', () => {
      const text = DomUtils.textContent(document);
      assert.match(text, /PR\.IR-01 Networks protected from unauthorized access mandatory\s*covered/);
      assert.match(text, /OT-SEG-01 Segment the control network behind an industrial DMZ \(implemented\): direct reference → 100% now, 100% planned/);
      assert.match(text, /via plant control PC-SEG-01 \(requirement superset-of PC-SEG-01, weight 0\.5\)/);
      assert.match(text, /via crosswalk from A\.8\.22 \(requirement superset-of A\.8\.22, weight 0\.5\)/);
    });

    it('shows the targets, the balance across dimensions and stages, and the jointly owned controls', () => {
      const text = DomUtils.textContent(document);
      assert.match(text, /Target security level \(IEC 62443 SL-T\)SL-2 \(set in examples\/plant-2-security-plan\.md:5\)/);
      assert.match(text, /NIST CSF implementation tier3 \(set in/);
      assert.match(text, /People, process and technology/);
      assert.match(text, /Prevention, detection and persistence/);
      assert.match(text, /Controls owned jointly by IT and OT \(6\)/);
      assert.match(text, /No plant control in the plan for: persistence\./, 'a stage the plan leaves empty is called out');
      assert.match(text, /OT-SEG-01 Segment the control network behind an industrial DMZOT network leadimplementedPC-SEG-01/);
    });
  });

  describe('gaps and missing targets', () => {
    it('lists mandatory gaps first and the findings of the target rules', () => {
      const result = runCli(['report', 'examples/plant-3-draft-plan.md', '--format', 'markdown']);
      assert.equal(result.status, 0, result.stderr);
      const gapRows = result.stdout
        .split('\n## Gaps')[1]
        ?.split('\n## ')[0]
        ?.split('\n')
        .filter((line) => /^\| `/.test(line));
      assert.ok(gapRows && gapRows.length > 0);
      const firstAdvisory = gapRows.findIndex((row) => row.includes('| advisory |'));
      assert.ok(gapRows[0]?.includes('**mandatory**'), 'a mandatory gap comes first');
      assert.ok(firstAdvisory === -1 || gapRows.slice(firstAdvisory).every((row) => row.includes('| advisory |')), 'no mandatory gap after an advisory one');
      const json = JSON.parse(runCli(['check', 'examples/plant-3-draft-plan.md', '--format', 'json']).stdout) as { findings: { ruleId: string }[] };
      const targetFindings = json.findings.filter((finding) => ['missing-target', 'requirement-without-target', 'plan-without-target-level'].includes(finding.ruleId)).length;
      assert.ok(targetFindings > 0, 'the draft plan has target findings');
      assert.match(result.stdout, new RegExp(`### Missing targets \\(${targetFindings}\\)`));
    });
  });

  describe('hostile plan text', () => {
    it('comes out of the HTML report as visible text, never as markup', () => {
      const result = runCli(['report', hostile, '--format', 'html']);
      assert.equal(result.status, 0, result.stderr);
      const document = assertInert(result.stdout);
      assert.equal(DomUtils.getElementsByTagName('svg', document).length, 5, 'the text inside titles does not open new SVG elements');
      assert.equal(DomUtils.getElementsByTagName('title', document).filter((element) => element.parent?.type === 'tag' && (element.parent as Element).name === 'head').length, 1);
      const text = DomUtils.textContent(document);
      assert.ok(text.includes('Coverage report — Plant <script>alert("title")</script> & "quotes"'));
      assert.ok(text.includes('Segmentation <script>alert(3)</script>'));
      assert.ok(text.includes('"><img src=x onerror=alert(4)> OT lead'));
      assert.ok(text.includes('Detection </title></style><svg onload=alert(6)> | pipe'));
      assert.ok(text.includes('javascript:alert(5) <b>SOC</b> & OT'));
      assert.ok(text.includes('=HYPERLINK("http://evil.example","x") <script>alert(7)</script>'));
    });

    it('stays literal in the Markdown report: escaped HTML and pipes, tables intact', () => {
      const result = runCli(['report', hostile, '--format', 'markdown']);
      assert.equal(result.status, 0, result.stderr);
      const markdown = result.stdout;
      assert.doesNotMatch(markdown, /(?<!\\)<(?!br>)[a-z/]/i, 'every < that could open a tag is escaped');
      assert.ok(markdown.includes('Segmentation \\<script\\>alert(3)\\</script\\>'));
      assert.ok(markdown.includes('Detection \\</title\\>\\</style\\>\\<svg onload=alert(6)\\> \\| pipe'));
      assert.ok(markdown.includes('http\u200B://evil.example'), 'bare URLs are not auto-linked');
      // Every table row has as many unescaped cell separators as its header.
      let expected = -1;
      for (const line of markdown.split('\n')) {
        if (!line.startsWith('|')) {
          expected = -1;
          continue;
        }
        const cells = line.split(/(?<!\\)\|/).length;
        if (expected === -1) expected = cells;
        assert.equal(cells, expected, `row keeps its columns: ${line}`);
      }
    });
  });

  describe('--format markdown', () => {
    it('renders tables only (no raw HTML), and is chosen for an --output ending in .md', async () => {
      const output = path.join(directory, 'coverage.md');
      const result = runCli(['report', example, '--output', output]);
      assert.equal(result.status, 0, result.stderr);
      const markdown = await readFile(output, 'utf8');
      assert.match(markdown, /^# Coverage report — Security plan — Plant 2\n/);
      assert.match(markdown, /\| `GV` Govern \| \d+% \| \d+% \| 31 \| [█░]{20} \|/);
      assert.match(markdown, /### Controls owned jointly by IT and OT \(6\)/);
      assert.doesNotMatch(markdown, /<[a-z][^>]*>/i);
    });

    it('replaces an existing output file', async () => {
      const output = path.join(directory, 'replace.md');
      await writeFile(output, 'old report\n');
      assert.equal(runCli(['report', example, '--format', 'markdown', '--output', output]).status, 0);
      assert.match(await readFile(output, 'utf8'), /^# Coverage report/);
    });
  });

  describe('usage and input errors', () => {
    const noStack = (stderr: string) => assert.doesNotMatch(stderr, /\n\s+at |internal error/);

    it('refuses an unknown format with exit code 2', () => {
      const result = runCli(['report', example, '--format', 'pdf']);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /unknown --format "pdf"; expected one of: html, markdown/);
      noStack(result.stderr);
    });

    it('refuses an unknown option with exit code 2', () => {
      const result = runCli(['report', example, '--colour']);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /Unknown option '--colour'/);
      noStack(result.stderr);
    });

    it('names the output file when its directory does not exist (exit 2)', () => {
      const result = runCli(['report', example, '--output', 'no-such-directory/report.html']);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /^no-such-directory\/report\.html: cannot write: directory .*no-such-directory does not exist/m);
      noStack(result.stderr);
    });

    it('names a missing plan file (exit 2)', () => {
      const result = runCli(['report', 'missing-plan.md'], { cwd: repositoryRoot });
      assert.equal(result.status, 2);
      assert.match(result.stderr, /missing-plan\.md: no such file, or no plan files match/);
      noStack(result.stderr);
    });
  });

  describe('library API (for the VS Code webview)', () => {
    it('takes the caller\'s CSP and style nonce, and escapes hostile labels inside the SVG charts', async () => {
      const checked = await checkPlans({ cwd: repositoryRoot, paths: [example] });
      assert.ok(checked.ok);
      const report = buildCoverageReport(checked.value);
      const group = report.frameworks[0]?.groups[0];
      assert.ok(group);
      group.title = '</text></svg><script>alert(1)</script><svg onload=alert(2)>';
      const policy = "default-src 'none'; style-src vscode-resource: 'nonce-abc123'; img-src data:";
      const html = renderHtmlReport(report, { contentSecurityPolicy: policy, styleNonce: 'abc123' });
      const document = assertInert(html);
      assert.equal(metaPolicy(document), policy);
      assert.equal(DomUtils.getElementsByTagName('style', document)[0]?.attribs.nonce, 'abc123');
      assert.equal(DomUtils.getElementsByTagName('svg', document).length, 5);
      const firstChart = DomUtils.getElementsByTagName('svg', document)[0] as Element;
      assert.ok(DomUtils.textContent(firstChart).includes('</text></svg><script>alert(1)</script>'));
      assert.equal(defaultContentSecurityPolicy('n1'), "default-src 'none'; style-src 'nonce-n1'; img-src data:; base-uri 'none'; form-action 'none'");
      assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
      assert.match(renderMarkdownReport(report), /\\<\/text\\>\\<\/svg\\>\\<script\\>/);
    });
  });
});
