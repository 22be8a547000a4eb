/**
 * `plantgap check` as CI uses it: SARIF for code scanning (checked by Microsoft's SARIF validator
 * and against the official SARIF 2.1.0 schema), JUnit XML for dashboards (parsed with a real XML
 * parser), Markdown for pull requests and step summaries (parsed as GitHub-flavoured Markdown),
 * --output, --max-warnings, --quiet, paths/globs/ignore, the progress line, and usage errors.
 * The CLI runs as a real process on real files, except for the progress line, which needs a
 * terminal and is exercised through `main` with an injected `CliIo`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { main, ruleDocsUrl, rules, toolVersion, type CliIo } from '@plantgap/core';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Root, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import type { Log, Result as SarifResult } from 'sarif';
import { unified } from 'unified';
import { fixtures, repositoryRoot, runCli, type CliResult } from './helpers/run-cli.js';
import { narrowProfile } from './helpers/narrow-profile.js';

const require = createRequire(import.meta.url);
// CommonJS packages, loaded the way their own docs show.
const Ajv2020 = require('ajv/dist/2020') as typeof import('ajv/dist/2020.js').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

interface JsonFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  file: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
  requirement?: string;
  control?: string;
}

interface JsonReport {
  files: string[];
  findings: JsonFinding[];
  gaps: { framework: string; requirement: string; mandatory: boolean; planned: boolean }[];
  summary: { errors: number; warnings: number; infos: number };
}

const formatsDirectory = path.join(fixtures, 'check-formats');
const levelOf = { error: 'error', warning: 'warning', info: 'note' } as const;

/**
 * Plan text that breaks naive output: a table pipe, HTML, quotes, an @mention, an issue number,
 * a control character (not allowed in XML 1.0) and a CDATA terminator, all in a Status value that
 * the invalid-status rule quotes in its message.
 */
const hostileStatus = 'under review | <script>alert(1)</script> & "x" \'y\' @security-team #12 \u0007 ]]> `tick` *stars*';
const hostilePlan = `---
plantgap:
  target: { security-level: SL-2 }
---
# Plant 22 | <b>bold</b> & "quotes"

| Asset | Zone | Criticality |
| --- | --- | --- |
| SCADA server | Site operations | high |

## OT-SEG-01 — Segment the control network
- **Covers:** PR.IR-01
- **Status:** ${hostileStatus}
- **Owner:** OT network lead
- **Evidence:** [firewall review](evidence/fw.md)
`;

/** Covers PR.IR-01; its only findings are the two plan-level warnings (no target level, no assets). */
const warningsOnlyPlan = `# Plant 16

## OT-SEG-01 — Segmentation
- **Covers:** PR.IR-01
- **Status:** implemented
- **Owner:** OT network lead
- **Evidence:** [firewall review](evidence/fw.md)
`;

describe('plantgap check for CI: formats, output and options', () => {
  let root: string;
  let caseNumber = 0;

  /** A fresh directory with the given files; `fixture:NAME` copies tests/fixtures/check-formats/NAME, `example:NAME` examples/NAME. */
  async function workspace(files: Record<string, string>): Promise<string> {
    const directory = path.join(root, `case-${++caseNumber}`);
    await mkdir(directory, { recursive: true });
    for (const [name, content] of Object.entries(files)) {
      const target = path.join(directory, name);
      await mkdir(path.dirname(target), { recursive: true });
      let text = content;
      if (content.startsWith('fixture:')) text = await readFile(path.join(formatsDirectory, content.slice('fixture:'.length)), 'utf8');
      if (content.startsWith('example:')) text = await readFile(path.join(repositoryRoot, 'examples', content.slice('example:'.length)), 'utf8');
      await writeFile(target, text);
    }
    return directory;
  }

  /** Runs the CLI; every run must end with a known exit code and without a stack trace. */
  function run(args: string[], cwd: string): CliResult {
    const result = runCli(args, { cwd });
    assert.ok(result.status === 0 || result.status === 1 || result.status === 2, `exit code ${result.status}; stderr: ${result.stderr}`);
    assert.ok(!result.stderr.includes('    at '), `stack trace on stderr: ${result.stderr}`);
    assert.ok(!result.stderr.includes('internal error'), result.stderr);
    return result;
  }

  function json(result: CliResult): JsonReport {
    return JSON.parse(result.stdout) as JsonReport;
  }

  before(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'plantgap-check-formats-'));
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  describe('--format sarif', () => {
    let draft: string;
    let gate: string;
    let hostile: string;
    let repository: string;
    const logs = new Map<string, { file: string; log: Log; report: JsonReport }>();

    /** Runs SARIF and JSON output for the same arguments and keeps both. */
    function sarifRun(name: string, args: string[], cwd: string, expectedStatus: number) {
      const sarif = run(['check', ...args, '--format', 'sarif'], cwd);
      assert.equal(sarif.status, expectedStatus, sarif.stderr);
      assert.equal(sarif.stderr, '');
      const report = json(run(['check', ...args, '--format', 'json'], cwd));
      return { name, text: sarif.stdout, log: JSON.parse(sarif.stdout) as Log, report };
    }

    before(async function () {
      this.timeout(120_000);
      draft = await workspace({ 'plant-3-draft-plan.md': 'example:plant-3-draft-plan.md', 'plant-2-security-plan.md': 'example:plant-2-security-plan.md' });
      gate = await workspace({ 'ci-plan.md': 'fixture:ci-plan.md', 'ci-gate.yml': 'fixture:ci-gate.yml' });
      hostile = await workspace({ 'plans/draft & notes "v2".md': hostilePlan, 'narrow.yml': narrowProfile });
      repository = await workspace({ '.git/HEAD': 'ref: refs/heads/main\n', 'docs/security/ci-plan.md': 'fixture:ci-plan.md', 'docs/security/ci-gate.yml': 'fixture:ci-gate.yml' });
      const runs = [
        sarifRun('draft', ['plant-3-draft-plan.md'], draft, 1),
        sarifRun('clean', ['plant-2-security-plan.md'], draft, 0),
        sarifRun('gate', ['ci-plan.md', '--profile', 'ci-gate.yml'], gate, 1),
        sarifRun('hostile', ['plans', '--profile', 'narrow.yml'], hostile, 1),
        sarifRun('repository', ['ci-plan.md', '--profile', 'ci-gate.yml'], path.join(repository, 'docs', 'security'), 1),
      ];
      const directory = path.join(root, 'sarif');
      await mkdir(directory);
      for (const entry of runs) {
        const file = path.join(directory, `${entry.name}.sarif`);
        await writeFile(file, entry.text);
        logs.set(entry.name, { file, log: entry.log, report: entry.report });
      }
    });

    /** A log the validator must reject, so a validator that silently checks nothing cannot pass the test. */
    async function brokenLog(): Promise<string> {
      const broken = structuredClone(logs.get('gate')!.log);
      const region = broken.runs[0]?.results?.[0]?.locations?.[0]?.physicalLocation?.region;
      assert.ok(region);
      region.startLine = 0;
      const file = path.join(root, 'sarif', 'broken.sarif');
      await writeFile(file, JSON.stringify(broken));
      return file;
    }

    it('passes the SARIF multitool validator (SARIF and GitHub rules) with no error or warning', async function () {
      this.timeout(120_000);
      const validator = require('@microsoft/sarif-multitool') as string;
      const broken = await brokenLog();
      const files = [...[...logs.values()].map((entry) => entry.file), broken];
      const output = path.join(root, 'sarif', 'validation.sarif');
      // Called directly, not through the package's bin script, which runs a shell that splits "Sarif;Gh" at the semicolon.
      const validation = spawnSync(validator, ['validate', ...files, '--output', output, '--log', 'ForceOverwrite', '--rule-kind', 'Sarif;Gh', '--level', 'Error;Warning;Note'], {
        encoding: 'utf8',
      });
      assert.equal(validation.error, undefined, `cannot run ${validator}: ${validation.error?.message}`);
      assert.equal(validation.status, 0, validation.stdout + validation.stderr);
      const report = JSON.parse(await readFile(output, 'utf8')) as Log;
      const results = report.runs[0]?.results ?? [];
      const problemsIn = (file: string) =>
        results
          .filter((result) => result.locations?.[0]?.physicalLocation?.artifactLocation?.uri?.endsWith(path.basename(file)))
          .filter((result) => (result.level ?? 'warning') === 'error' || (result.level ?? 'warning') === 'warning')
          .map((result) => `${result.ruleId}: ${JSON.stringify(result.message.arguments ?? result.message.text)}`);
      for (const { file } of logs.values()) assert.deepEqual(problemsIn(file), [], `validator problems in ${path.basename(file)}`);
      assert.ok(problemsIn(broken).some((problem) => problem.startsWith('JSON1008')), `the validator did not catch startLine 0: ${problemsIn(broken).join('\n')}`);
    });

    it('conforms to the official SARIF 2.1.0 JSON schema (the copy shipped with the validator)', async () => {
      // The package for this platform ships the schema beside the validator binary.
      const schemaFile = path.join(path.dirname(require('@microsoft/sarif-multitool') as string), 'sarif-2.1.0.json');
      const schema = JSON.parse(await readFile(schemaFile, 'utf8')) as object;
      const ajv = new Ajv2020({ allErrors: true, strict: false });
      addFormats(ajv);
      const validate = ajv.compile(schema);
      for (const [name, { log }] of logs) assert.ok(validate(log), `${name}: ${ajv.errorsText(validate.errors)}`);
      assert.equal(validate(JSON.parse(await readFile(await brokenLog(), 'utf8'))), false);
    });

    it('describes the tool and every rule, with its docs page, description and default level', async () => {
      const { log } = logs.get('gate')!;
      assert.equal(log.version, '2.1.0');
      assert.equal(log.runs.length, 1);
      const driver = log.runs[0]!.tool.driver;
      const corePackage = JSON.parse(await readFile(path.join(repositoryRoot, 'packages', 'core', 'package.json'), 'utf8')) as { version: string };
      assert.equal(driver.name, 'plantgap');
      assert.equal(driver.version, corePackage.version);
      assert.equal(driver.version, toolVersion);
      assert.match(driver.informationUri ?? '', /^https:\/\//);
      assert.deepEqual(
        driver.rules?.map((rule) => [rule.id, rule.helpUri, rule.shortDescription?.text, rule.defaultConfiguration?.level]),
        rules.map((rule) => [rule.id, ruleDocsUrl(rule.id), rule.description, levelOf[rule.defaultSeverity]]),
      );
      for (const rule of rules) {
        const page = path.join(repositoryRoot, 'docs', 'rules', `${rule.id}.md`);
        assert.ok((await readFile(page, 'utf8')).startsWith(`# ${rule.id}`), `${page} documents ${rule.id}`);
      }
    });

    it('has one result per finding, at the finding’s place, level and rule index', () => {
      for (const name of ['draft', 'clean', 'gate', 'hostile']) {
        const { log, report } = logs.get(name)!;
        const run = log.runs[0]!;
        const results = run.results ?? [];
        assert.equal(results.length, report.findings.length, name);
        results.forEach((result: SarifResult, index) => {
          const finding = report.findings[index]!;
          assert.equal(result.ruleId, finding.ruleId);
          assert.equal(run.tool.driver.rules?.[result.ruleIndex ?? -1]?.id, finding.ruleId);
          assert.equal(result.level, levelOf[finding.severity]);
          assert.equal(result.message.text, finding.message);
          const location = result.locations?.[0]?.physicalLocation;
          assert.equal(location?.artifactLocation?.uriBaseId, '%SRCROOT%');
          assert.equal(decodeURIComponent(location?.artifactLocation?.uri ?? ''), finding.file);
          assert.deepEqual(location?.region, {
            startLine: finding.range.start.line,
            startColumn: finding.range.start.column,
            endLine: finding.range.end.line,
            endColumn: finding.range.end.column,
          });
          assert.equal(run.artifacts?.[location?.artifactLocation?.index ?? -1]?.location?.uri, location?.artifactLocation?.uri);
        });
        assert.equal(run.columnKind, 'utf16CodeUnits');
      }
      assert.equal(logs.get('clean')!.log.runs[0]!.results?.filter((result) => result.level === 'error').length, 0);
    });

    it('places plan-level findings (uncovered mandatory requirements) on the plan’s title line', () => {
      const { log } = logs.get('gate')!;
      const uncovered = (log.runs[0]!.results ?? []).filter((result) => result.ruleId === 'uncovered-mandatory-requirement');
      assert.deepEqual(
        uncovered.map((result) => [(result.properties as { requirement?: string }).requirement, result.locations?.[0]?.physicalLocation?.artifactLocation?.uri, result.locations?.[0]?.physicalLocation?.region?.startLine]),
        [
          ['ID.AM-01', 'ci-plan.md', 6],
          ['DE.CM-01', 'ci-plan.md', 6],
        ],
      );
    });

    it('writes paths relative to the repository root, percent-encoded, and records the root as %SRCROOT%', () => {
      const nested = logs.get('repository')!.log.runs[0]!;
      assert.deepEqual(nested.artifacts?.map((artifact) => artifact.location?.uri), ['docs/security/ci-plan.md']);
      assert.equal(nested.results?.[0]?.locations?.[0]?.physicalLocation?.artifactLocation?.uri, 'docs/security/ci-plan.md');
      assert.deepEqual(nested.originalUriBaseIds, { '%SRCROOT%': { uri: `${pathToFileURL(repository).href}/` } });
      const hostileRun = logs.get('hostile')!.log.runs[0]!;
      assert.deepEqual(hostileRun.artifacts?.map((artifact) => artifact.location?.uri), ['plans/draft%20%26%20notes%20%22v2%22.md']);
      const invalidStatus = logs.get('hostile')!.report.findings.find((finding) => finding.ruleId === 'invalid-status');
      assert.ok(invalidStatus && ['<script>', '|', '"x"', '@security-team', '\u0007'].every((part) => invalidStatus.message.includes(part)), invalidStatus?.message);
      assert.equal(hostileRun.results?.find((result) => result.ruleId === 'invalid-status')?.message.text, invalidStatus.message);
    });

    it('fingerprints findings by what they are about, so an edit above them keeps their alerts', async () => {
      const fingerprints = (log: Log) => (log.runs[0]!.results ?? []).map((result) => `${result.ruleId} ${JSON.stringify(result.partialFingerprints)}`);
      const before = fingerprints(logs.get('draft')!.log);
      assert.equal(new Set(before).size, before.length, 'fingerprints are unique');
      const original = await readFile(path.join(draft, 'plant-3-draft-plan.md'), 'utf8');
      const shifted = await workspace({ 'plant-3-draft-plan.md': original.replace(/\n## /, '\nAn added paragraph.\n\nAnd another one.\n\n## ') });
      const after = JSON.parse(run(['check', 'plant-3-draft-plan.md', '--format', 'sarif'], shifted).stdout) as Log;
      assert.notDeepEqual(
        after.runs[0]!.results?.map((result) => result.locations?.[0]?.physicalLocation?.region?.startLine),
        logs.get('draft')!.log.runs[0]!.results?.map((result) => result.locations?.[0]?.physicalLocation?.region?.startLine),
      );
      assert.deepEqual(fingerprints(after), before);
    });

    it('reports errors only with --quiet', () => {
      const quiet = JSON.parse(run(['check', 'plant-3-draft-plan.md', '--format', 'sarif', '--quiet'], draft).stdout) as Log;
      const errors = logs.get('draft')!.report.findings.filter((finding) => finding.severity === 'error');
      assert.ok(errors.length > 0);
      assert.deepEqual(quiet.runs[0]!.results?.map((result) => [result.ruleId, result.level]), errors.map((finding) => [finding.ruleId, 'error']));
    });
  });

  describe('--format junit', () => {
    interface ParsedCase {
      name: string;
      classname: string;
      failure?: { '#text'?: string; message: string; type: string };
      skipped?: { message: string };
      'system-out'?: string;
    }
    interface ParsedSuite {
      name: string;
      tests: string;
      failures: string;
      skipped: string;
      testcase: ParsedCase[];
    }
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testsuite' || name === 'testcase' });

    function parseJunit(xml: string): { testsuites: { tests: string; failures: string; testsuite: ParsedSuite[] } } {
      assert.equal(XMLValidator.validate(xml), true, `not well-formed XML:\n${xml.slice(0, 2000)}`);
      return parser.parse(xml) as { testsuites: { tests: string; failures: string; testsuite: ParsedSuite[] } };
    }

    it('has a test case per mandatory requirement, per framework: failing when uncovered or only planned, skipped when justly excluded', async () => {
      const directory = await workspace({ 'ci-plan.md': 'fixture:ci-plan.md', 'ci-gate.yml': 'fixture:ci-gate.yml' });
      const result = run(['check', 'ci-plan.md', '--profile', 'ci-gate.yml', '--format', 'junit'], directory);
      assert.equal(result.status, 1);
      const { testsuites } = parseJunit(result.stdout);
      assert.deepEqual([testsuites.tests, testsuites.failures], ['6', '3']);
      const outcome = (testCase: ParsedCase) => (testCase.failure ? `failure ${testCase.failure.type}: ${testCase.failure.message}` : testCase.skipped ? `skipped: ${testCase.skipped.message}` : 'passed');
      assert.deepEqual(
        testsuites.testsuite.map((suite) => [suite.name, suite.tests, suite.failures, suite.skipped, suite.testcase.map((testCase) => [testCase.classname, testCase.name, outcome(testCase)])]),
        [
          [
            'nist-csf-2.0',
            '3',
            '2',
            '0',
            [
              ['nist-csf-2.0', 'ID.AM-01 Hardware inventory maintained', 'failure uncovered-mandatory-requirement: ID.AM-01 is not covered by the plan'],
              ['nist-csf-2.0', 'PR.IR-01 Networks protected from unauthorized access', 'passed'],
              ['nist-csf-2.0', 'DE.CM-01 Networks and services monitored', 'failure uncovered-mandatory-requirement: DE.CM-01 is only planned (in OT-DET-01), not implemented'],
            ],
          ],
          [
            'iso27001-2022',
            '3',
            '1',
            '1',
            [
              ['iso27001-2022', 'A.5.23 Information security for use of cloud services', 'failure soa-exclusion-without-justification: A.5.23 is excluded in the Statement of Applicability (ci-plan.md) without a justification'],
              ['iso27001-2022', 'A.7.4 Physical security monitoring', 'skipped: excluded in the Statement of Applicability: The site is guarded by the landlord under contract'],
              ['iso27001-2022', 'A.8.22 Segregation of networks', 'passed'],
            ],
          ],
        ],
      );
      const [csf] = testsuites.testsuite;
      assert.match(csf!.testcase[0]!.failure?.['#text'] ?? '', /To pass: add a control with "Covers: ID\.AM-01" or "Implements: PC-AST-01/);
      assert.match(csf!.testcase[2]!.failure?.['#text'] ?? '', /implement OT-DET-01/);
      assert.match(csf!.testcase[1]!['system-out'] ?? '', /OT-SEG-01: direct reference, status implemented, credit 100%/);
    });

    it('fails exactly the mandatory gaps of a real draft plan, and lists other error findings in a findings suite', async () => {
      const directory = await workspace({ 'plan.md': 'example:plant-3-draft-plan.md', 'hostile.md': hostilePlan.replace(/^---[\s\S]*?---\n/, '') });
      const report = json(run(['check', 'plan.md', 'hostile.md', '--format', 'json'], directory));
      const { testsuites } = parseJunit(run(['check', 'plan.md', 'hostile.md', '--format', 'junit'], directory).stdout);
      const failing = testsuites.testsuite
        .filter((suite) => suite.name !== 'findings')
        .flatMap((suite) => suite.testcase.filter((testCase) => testCase.failure).map((testCase) => `${suite.name} ${testCase.name.split(' ')[0]}`));
      const gaps = report.gaps.filter((gap) => gap.mandatory).map((gap) => `${gap.framework} ${gap.requirement}`);
      assert.ok(gaps.length > 5);
      assert.deepEqual([...failing].sort(), [...gaps].sort());
      const findingsSuite = testsuites.testsuite.find((suite) => suite.name === 'findings');
      // Findings a failing requirement test case already shows are not repeated.
      const failingIds = new Set(report.gaps.filter((gap) => gap.mandatory).map((gap) => gap.requirement));
      const otherErrors = report.findings.filter(
        (finding) =>
          finding.severity === 'error' &&
          finding.ruleId !== 'uncovered-mandatory-requirement' &&
          !(finding.ruleId === 'soa-exclusion-without-justification' && failingIds.has(finding.requirement ?? '')),
      );
      assert.ok(otherErrors.length > 0);
      assert.deepEqual(
        findingsSuite?.testcase.map((testCase) => [testCase.name, testCase.classname, testCase.failure?.type, testCase.failure?.message]),
        // XML 1.0 cannot carry U+0007 at all; it is replaced, everything else survives the round trip.
        otherErrors.map((finding) => [`${finding.ruleId} at ${finding.file}:${finding.range.start.line}:${finding.range.start.column}`, finding.file, finding.ruleId, finding.message.replace('\u0007', '\uFFFD')]),
      );
      assert.ok(otherErrors.some((finding) => finding.message.includes('<script>') && finding.message.includes('\u0007')));
    });

    it('escapes hostile file names and plan text into well-formed XML', async () => {
      const directory = await workspace({ 'plans/a&b <c> "d" \'e\'.md': hostilePlan, 'narrow.yml': narrowProfile });
      const result = run(['check', 'plans', '--profile', 'narrow.yml', '--format', 'junit'], directory);
      assert.equal(result.status, 1);
      assert.ok(!result.stdout.includes('\u0007'));
      const { testsuites } = parseJunit(result.stdout);
      const findings = testsuites.testsuite.find((suite) => suite.name === 'findings');
      const invalidStatus = json(run(['check', 'plans', '--profile', 'narrow.yml', '--format', 'json'], directory)).findings.find((finding) => finding.ruleId === 'invalid-status');
      assert.ok(invalidStatus?.message.includes('\u0007'));
      assert.deepEqual(
        findings?.testcase.map((testCase) => [testCase.classname, testCase.failure?.message]),
        [['plans/a&b <c> "d" \'e\'.md', invalidStatus.message.replace('\u0007', '\uFFFD')]],
      );
    });
  });

  describe('--format markdown', () => {
    const parseMarkdown = (text: string) => unified().use(remarkParse).use(remarkGfm).parse(text) as Root;
    const tables = (tree: Root) => tree.children.filter((node): node is Table => node.type === 'table');
    const cells = (table: Table) => table.children.map((row) => row.children.map((cell) => toString(cell)));

    it('summarises totals, coverage per framework, mandatory gaps and findings with rule links', async () => {
      const directory = await workspace({ 'ci-plan.md': 'fixture:ci-plan.md', 'ci-gate.yml': 'fixture:ci-gate.yml' });
      const result = run(['check', 'ci-plan.md', '--profile', 'ci-gate.yml', '--format', 'markdown'], directory);
      assert.equal(result.status, 1);
      const lines = result.stdout.split('\n');
      assert.equal(lines[0], '## ❌ plantgap check: 3 errors, 0 warnings, 0 infos');
      assert.ok(lines.includes('Profile **ci-gate** · 1 plan file · 3 mandatory gaps'), result.stdout);
      const [coverage, , , gaps, findings] = tables(parseMarkdown(result.stdout));
      assert.deepEqual(cells(coverage!), [
        ['Framework', 'Current', 'Planned', 'Requirements', 'Mandatory gaps'],
        ['nist-csf-2.0', '25%', '50%', '4', '2'],
        ['iso27001-2022', '50%', '50%', '2', '1'],
      ]);
      assert.deepEqual(cells(gaps!).slice(1), [
        ['A.5.23', 'Information security for use of cloud services', 'iso27001-2022', 'no'],
        ['ID.AM-01', 'Hardware inventory maintained', 'nist-csf-2.0', 'no'],
        ['DE.CM-01', 'Networks and services monitored', 'nist-csf-2.0', 'planned, not implemented'],
      ]);
      const report = json(run(['check', 'ci-plan.md', '--profile', 'ci-gate.yml', '--format', 'json'], directory));
      assert.deepEqual(
        cells(findings!).slice(1),
        report.findings.map((finding) => [`❌ ${finding.severity}`, `${finding.file}:${finding.range.start.line}`, finding.message, finding.ruleId]),
      );
      const links = findings!.children.slice(1).map((row) => row.children[3]?.children[0]);
      assert.deepEqual(
        links.map((link) => (link?.type === 'link' ? link.url : link?.type)),
        report.findings.map((finding) => ruleDocsUrl(finding.ruleId)),
      );
    });

    it('lists groups in catalog order, ISO clauses 4 to 10 before Annex A', async () => {
      const directory = await workspace({ 'plan.md': 'example:plant-2-security-plan.md' });
      const result = run(['check', 'plan.md', '--profile', 'iso27001-certification', '--format', 'markdown'], directory);
      const groupTable = tables(parseMarkdown(result.stdout))[1];
      const ids = cells(groupTable!).slice(1).map((row) => row[0]);
      assert.deepEqual(ids.slice(0, 3), ['4', '5', '6']);
      assert.ok(ids.indexOf('10') > ids.indexOf('9.3') && ids.indexOf('10') < ids.indexOf('A.5'), ids.join(' '));
    });

    it('escapes pipes, HTML, mentions and issue numbers from plan text so the table keeps its shape', async () => {
      const directory = await workspace({ 'plan.md': hostilePlan, 'narrow.yml': narrowProfile });
      const result = run(['check', 'plan.md', '--profile', 'narrow.yml', '--format', 'markdown'], directory);
      assert.ok(!result.stdout.includes('<script>'), 'no raw HTML');
      assert.ok(!result.stdout.includes('@security-team'), 'no live mention');
      const findings = tables(parseMarkdown(result.stdout)).at(-1)!;
      const row = cells(findings).find((cellsOfRow) => cellsOfRow[3] === 'invalid-status');
      assert.ok(row, result.stdout);
      assert.equal(row.length, 4);
      const expected = json(run(['check', 'plan.md', '--profile', 'narrow.yml', '--format', 'json'], directory)).findings.find((finding) => finding.ruleId === 'invalid-status')?.message;
      assert.ok(expected?.includes('|') && expected.includes('<script>'), expected);
      // What a reader sees is the message itself; only zero-width spaces defuse the mention and the issue link.
      assert.equal(row[2], expected.replace('@', '@\u200B').replace('#1', '#\u200B1'));
    });

    it('shows errors only and no coverage with --quiet', async () => {
      const directory = await workspace({ 'plan.md': 'example:plant-3-draft-plan.md' });
      const result = run(['check', 'plan.md', '--format', 'markdown', '--quiet'], directory);
      assert.ok(!result.stdout.includes('### Coverage'));
      const findings = tables(parseMarkdown(result.stdout)).at(-1)!;
      const severities = new Set(cells(findings).slice(1).map((row) => row[0]));
      assert.deepEqual([...severities], ['❌ error']);
    });
  });

  describe('--format json', () => {
    it('writes ISO groups in catalog order (4 … 10, then Annex A), not with integer-like keys first', async () => {
      const directory = await workspace({ 'plan.md': 'example:plant-2-security-plan.md' });
      const text = run(['check', 'plan.md', '--profile', 'iso27001-certification', '--format', 'json'], directory).stdout;
      const groupsText = text.slice(text.indexOf('"groups"'), text.indexOf('"gaps"'));
      const keys = [...groupsText.matchAll(/^ {8}"([^"]+)": \{/gm)].map((match) => match[1]);
      assert.deepEqual(keys.slice(0, 4), ['4', '5', '6', '6.1']);
      assert.deepEqual(keys.slice(keys.indexOf('9'), keys.indexOf('9') + 5), ['9', '9.2', '9.3', '10', 'A.5']);
    });
  });

  describe('stylish', () => {
    it('says "1 requirement", not "1 requirements"', async () => {
      const directory = await workspace({ 'plan.md': warningsOnlyPlan, 'narrow.yml': narrowProfile });
      const result = run(['check', 'plan.md', '--profile', 'narrow.yml'], directory);
      assert.ok(result.stdout.includes('  nist-csf-2.0     current 100%   planned 100%   (1 requirement)\n'), result.stdout);
    });
  });

  describe('--output', () => {
    let directory: string;
    before(async () => {
      directory = await workspace({ 'plan.md': 'fixture:ci-plan.md', 'ci-gate.yml': 'fixture:ci-gate.yml', 'reports/.keep': '' });
    });

    it('writes every format to the file, replacing an earlier report, and keeps the exit code', async () => {
      for (const format of ['stylish', 'json', 'sarif', 'junit', 'markdown']) {
        const target = path.join(directory, 'reports', `report.${format}`);
        await writeFile(target, 'an earlier report');
        const written = run(['check', 'plan.md', '--profile', 'ci-gate.yml', '--format', format, '--output', `reports/report.${format}`], directory);
        assert.equal(written.status, 1, written.stderr);
        assert.equal(written.stdout, '');
        const printed = run(['check', 'plan.md', '--profile', 'ci-gate.yml', '--format', format], directory);
        assert.equal(await readFile(target, 'utf8'), printed.stdout, format);
      }
    });

    it('exits 2 with a clear message when the directory does not exist', () => {
      const result = run(['check', 'plan.md', '--format', 'sarif', '--output', 'no-such-dir/report.sarif'], directory);
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /^no-such-dir\/report\.sarif: --output: cannot write: directory .*no-such-dir does not exist\n$/);
    });

    it('refuses to write over a plan file being checked', async () => {
      const before = await readFile(path.join(directory, 'plan.md'), 'utf8');
      for (const output of ['plan.md', './plan.md', path.join(directory, 'plan.md')]) {
        const result = run(['check', 'plan.md', '--profile', 'ci-gate.yml', '--output', output], directory);
        assert.equal(result.status, 2, output);
        assert.match(result.stderr, /is one of the plan files being checked/);
      }
      assert.equal(await readFile(path.join(directory, 'plan.md'), 'utf8'), before);
    });

    it('exits 2 when the output path is a directory', () => {
      const result = run(['check', 'plan.md', '--output', 'reports'], directory);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /reports: --output: cannot write: it is a directory/);
    });
  });

  describe('--max-warnings and --quiet', () => {
    let directory: string;
    before(async () => {
      directory = await workspace({ 'plan.md': warningsOnlyPlan, 'narrow.yml': narrowProfile });
    });

    it('fails when warnings exceed the limit, even with --quiet (which only hides them), and says so on stderr', () => {
      const over = run(['check', 'plan.md', '--profile', 'narrow.yml', '--max-warnings', '1', '--quiet'], directory);
      assert.equal(over.status, 1);
      assert.equal(over.stderr, 'plantgap: 2 warnings exceed --max-warnings 1\n');
      assert.ok(!over.stdout.includes('warning'), over.stdout);
      assert.equal(run(['check', 'plan.md', '--profile', 'narrow.yml', '--max-warnings', '2', '--format', 'junit'], directory).status, 0);
    });

    it('refuses limits that are not whole numbers written in digits', () => {
      for (const value of ['-1', '1.5', '1e3', 'ten']) {
        const result = run(['check', 'plan.md', `--max-warnings=${value}`], directory);
        assert.equal(result.status, 2, value);
        assert.equal(result.stdout, '');
        assert.ok(result.stderr.startsWith(`plantgap check: --max-warnings takes a whole number ≥ 0; got "${value}"`), result.stderr);
      }
    });

    it('refuses an unknown format, naming the known ones', () => {
      const result = run(['check', 'plan.md', '--format', 'checkstyle'], directory);
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /--format must be one of stylish, json, sarif, junit, markdown; got "checkstyle"/);
    });
  });

  describe('paths, globs and ignore', () => {
    let directory: string;
    before(async () => {
      directory = await workspace({
        'plans/site-a/plan.md': warningsOnlyPlan,
        'plans/site-b/plan.md': warningsOnlyPlan.replace('Plant 16', 'Plant 17').replace('OT-SEG-01', 'OT-SEG-02'),
        'plans/archive/old-plan.md': warningsOnlyPlan.replace('OT-SEG-01', 'OT-OLD-01'),
        'notes/readme.md': '# Notes\n',
        'narrow.yml': narrowProfile,
        '.plantgap.yml': 'include: ["plans/**/*.md"]\nignore: ["**/archive/**"]\n',
      });
    });

    const filesOf = (args: string[]) => {
      const result = run(['check', ...args, '--profile', 'narrow.yml', '--format', 'sarif'], directory);
      assert.ok(result.status === 0 || result.status === 1, result.stderr);
      return (JSON.parse(result.stdout) as Log).runs[0]!.artifacts?.map((artifact) => artifact.location?.uri);
    };

    it('takes several paths and globs, drops the config’s ignore globs, and uses include without paths', () => {
      assert.deepEqual(filesOf([]), ['plans/site-a/plan.md', 'plans/site-b/plan.md']);
      assert.deepEqual(filesOf(['plans/**/*.md']), ['plans/site-a/plan.md', 'plans/site-b/plan.md']);
      assert.deepEqual(filesOf(['plans/site-b/plan.md', 'notes/*.md']), ['notes/readme.md', 'plans/site-b/plan.md']);
    });

    it('exits 2 when every file a glob matches is ignored', () => {
      const result = run(['check', 'plans/archive/*.md'], directory);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /plans\/archive\/\*\.md: no such file, or no plan files match/);
    });
  });

  describe('progress on stderr', () => {
    let directory: string;
    before(async () => {
      const files: Record<string, string> = { 'narrow.yml': narrowProfile };
      for (let index = 1; index <= 12; index++) files[`plans/part-${String(index).padStart(2, '0')}.md`] = `# Part ${index}\n\nSome notes.\n`;
      files['plans/part-01.md'] = warningsOnlyPlan;
      directory = await workspace(files);
    });

    /** Runs `main` in-process with an injected terminal-like io, collecting what it writes. */
    async function runInProcess(args: string[], io: Partial<CliIo>) {
      let stdout = '';
      let stderr = '';
      const code = await main(args, {
        stdout: (text) => (stdout += text),
        stderr: (text) => (stderr += text),
        cwd: directory,
        interactive: true,
        env: {},
        ...io,
      });
      return { code, stdout, stderr };
    }

    it('draws a single updating line on an interactive stderr, erased at the end, leaving stdout clean', async () => {
      const result = await runInProcess(['check', 'plans', '--profile', 'narrow.yml', '--format', 'json'], {});
      assert.equal(result.code, 0, result.stderr);
      assert.ok(result.stderr.includes('\r\u001b[2Kplantgap: reading plan files 12/12'), JSON.stringify(result.stderr));
      assert.ok(result.stderr.includes('\r\u001b[2Kplantgap: parsing plan files 6/12'), JSON.stringify(result.stderr));
      assert.ok(result.stderr.includes('\r\u001b[2Kplantgap: analysing 12 plan files…'), JSON.stringify(result.stderr));
      assert.ok(result.stderr.endsWith('\r\u001b[2K'), 'the line is erased');
      assert.ok(!result.stderr.includes('\n'), 'one line, rewritten in place');
      assert.equal((JSON.parse(result.stdout) as JsonReport).files.length, 12);
    });

    it('offers the garbage of parsing for collection as each file has been parsed, the last time as all parsed', async () => {
      const moments: string[] = [];
      let stderrAtCollection = '';
      let stderr = '';
      const code = await main(['check', 'plans', '--profile', 'narrow.yml', '--format', 'json'], {
        stdout: () => undefined,
        stderr: (text) => (stderr += text),
        cwd: directory,
        interactive: true,
        env: {},
        collectGarbage: (moment) => {
          moments.push(moment);
          stderrAtCollection = stderr;
        },
      });
      assert.equal(code, 0, stderr);
      assert.deepEqual(moments, [...Array<string>(11).fill('file-parsed'), 'all-parsed']);
      assert.ok(stderrAtCollection.endsWith('plantgap: parsing plan files 12/12'), JSON.stringify(stderrAtCollection));
    });

    it('draws nothing in CI, with --quiet, or for a few files', async () => {
      assert.equal((await runInProcess(['check', 'plans', '--profile', 'narrow.yml'], { env: { CI: 'true' } })).stderr, '');
      assert.equal((await runInProcess(['check', 'plans', '--profile', 'narrow.yml', '--quiet'], {})).stderr, '');
      assert.equal((await runInProcess(['check', 'plans/part-01.md', '--profile', 'narrow.yml'], {})).stderr, '');
    });

    it('draws nothing when stderr is not a terminal (a real process with piped output)', () => {
      const result = spawnSync(process.execPath, [path.join(repositoryRoot, 'packages', 'core', 'bin', 'plantgap.js'), 'check', 'plans', '--profile', 'narrow.yml', '--format', 'json'], {
        cwd: directory,
        encoding: 'utf8',
        env: { ...process.env, CI: '' },
      });
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stderr, '');
      assert.equal((JSON.parse(result.stdout) as JsonReport).files.length, 12);
    });
  });
});
