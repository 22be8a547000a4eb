/**
 * `plantgap check` as a real process, the way users and CI run it: the stylish and JSON outputs,
 * --quiet, --max-warnings, --output, globs and directories, `.plantgap.yml`, and every way the input
 * can be wrong (bad options, missing paths, bad config, bad front matter, binary files) — answered
 * with an exit code and a message, never a stack trace.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fixtures, repositoryRoot, runCli, type CliResult } from './helpers/run-cli.js';
import { narrowProfile } from './helpers/narrow-profile.js';

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
  tool: { name: string; version: string };
  files: string[];
  findings: JsonFinding[];
  coverage: Record<string, { current: number; planned: number; groups: Record<string, { current: number; planned: number }> }>;
  gaps: { framework: string; requirement: string; mandatory: boolean; planned: boolean }[];
  summary: { errors: number; warnings: number; infos: number };
}

/** A plan whose only findings are two plan-level warnings (no target level, no asset inventory). */
const warningsOnlyPlan = `# Plant 16

## OT-SEG-01 — Segmentation
- **Covers:** PR.IR-01
- **Status:** implemented
- **Owner:** OT network lead
- **Evidence:** [firewall review](evidence/fw.md)
`;

/** Like {@link warningsOnlyPlan} but complete, except that the control has no owner. */
const noOwnerPlan = `---
plantgap:
  target: { security-level: SL-2 }
---
# Plant 17

| Asset | Zone | Criticality |
| --- | --- | --- |
| SCADA server | Site operations | high |

## OT-SEG-01 — Segmentation
- **Covers:** PR.IR-01
- **Status:** implemented
- **Evidence:** [firewall review](evidence/fw.md)
`;

const stylishFinding = /^ {2}(\d+):(\d+) +(error|warning|info) {2,}(\S.*?) {2,}([a-z][a-z0-9-]*)$/;

describe('plantgap check (CLI)', () => {
  let root: string;
  let caseNumber = 0;
  const stderrs: string[] = [];

  /** A fresh directory with the given files; a value of `fixture:NAME` copies tests/fixtures/plans/NAME. */
  async function workspace(files: Record<string, string | Buffer>): Promise<string> {
    const directory = path.join(root, `case-${++caseNumber}`);
    await mkdir(directory, { recursive: true });
    for (const [name, content] of Object.entries(files)) {
      const target = path.join(directory, name);
      await mkdir(path.dirname(target), { recursive: true });
      const text = typeof content === 'string' && content.startsWith('fixture:') ? await readFile(path.join(fixtures, 'plans', content.slice('fixture:'.length))) : content;
      await writeFile(target, text);
    }
    return directory;
  }

  /** Runs the CLI and checks what must hold for every run: a known exit code and no stack trace. */
  function run(args: string[], cwd: string): CliResult {
    const result = runCli(args, { cwd });
    stderrs.push(result.stderr);
    assert.ok(result.status === 0 || result.status === 1 || result.status === 2, `exit code ${result.status}; stderr: ${result.stderr}`);
    assert.ok(!result.stderr.includes('    at '), `stack trace on stderr: ${result.stderr}`);
    assert.ok(!result.stdout.includes('    at '), `stack trace on stdout: ${result.stdout}`);
    return result;
  }

  function json(result: CliResult): JsonReport {
    try {
      return JSON.parse(result.stdout) as JsonReport;
    } catch {
      assert.fail(`stdout is not JSON: ${result.stdout.slice(0, 500)}\nstderr: ${result.stderr}`);
    }
  }

  before(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'plantgap-check-cli-'));
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  describe('output formats', () => {
    let directory: string;
    before(async () => {
      directory = await workspace({ 'references.md': 'fixture:references.md', 'narrow.yml': narrowProfile });
    });

    it('prints stylish output: file header, `line:col  severity  message  rule-id` lines, problem count, coverage', () => {
      const result = run(['check', 'references.md', '--profile', 'narrow.yml'], directory);
      assert.equal(result.status, 1, result.stderr);
      assert.equal(result.stderr, '');
      const lines = result.stdout.split('\n');
      assert.equal(lines[0], 'references.md');
      const findingLines = lines.slice(1, lines.indexOf(''));
      const parsed = findingLines.map((line) => {
        const match = stylishFinding.exec(line);
        assert.ok(match, `not a finding line: ${JSON.stringify(line)}`);
        return { place: `${match[1]}:${match[2]}`, severity: match[3], message: match[4], ruleId: match[5] };
      });

      const report = json(run(['check', 'references.md', '--profile', 'narrow.yml', '--format', 'json'], directory));
      assert.deepEqual(
        parsed,
        report.findings.map((f) => ({ place: `${f.range.start.line}:${f.range.start.column}`, severity: f.severity, message: f.message, ruleId: f.ruleId })),
      );
      assert.deepEqual(
        parsed.filter((p) => p.severity === 'error').map((p) => [p.place, p.ruleId]),
        [
          ['4:34', 'unknown-reference'],
          ['4:43', 'unknown-reference'],
        ],
      );
      const { errors, warnings, infos } = report.summary;
      assert.deepEqual([errors, warnings, infos], [2, 5, 2]);
      assert.ok(lines.includes(`✖ 9 problems (2 errors, 5 warnings, 2 infos)`), result.stdout);
      assert.ok(lines.includes('Coverage against profile narrow:'), result.stdout);
      assert.ok(lines.includes('  nist-csf-2.0     current  25%   planned  50%   (1 requirement)'), result.stdout);
      assert.ok(lines.includes('  0 mandatory gaps'), result.stdout);
    });

    it('prints the JSON contract: tool, files, findings with 1-based ranges, coverage, gaps and summary', async () => {
      const result = run(['check', 'references.md', '--profile', 'narrow.yml', '--format', 'json'], directory);
      assert.equal(result.status, 1);
      const report = json(result);
      const corePackage = JSON.parse(await readFile(path.join(repositoryRoot, 'packages', 'core', 'package.json'), 'utf8')) as { version: string };
      assert.deepEqual(report.tool, { name: 'plantgap', version: corePackage.version });
      assert.deepEqual(report.files, ['references.md']);
      assert.ok(report.findings.length > 0);
      for (const finding of report.findings) {
        assert.equal(typeof finding.ruleId, 'string');
        assert.match(finding.ruleId, /^[a-z][a-z0-9-]*$/);
        assert.ok(['error', 'warning', 'info'].includes(finding.severity));
        assert.ok(finding.message.length > 0);
        assert.equal(finding.file, 'references.md');
        for (const position of [finding.range.start, finding.range.end]) {
          assert.ok(Number.isInteger(position.line) && position.line >= 1, JSON.stringify(finding.range));
          assert.ok(Number.isInteger(position.column) && position.column >= 1, JSON.stringify(finding.range));
        }
      }
      const unknown = report.findings.find((f) => f.ruleId === 'unknown-reference');
      assert.deepEqual(unknown?.range, { start: { line: 4, column: 34 }, end: { line: 4, column: 41 } });
      assert.equal(unknown?.control, 'OT-REF-01');
      assert.deepEqual(Object.keys(report.coverage), ['nist-csf-2.0']);
      const csf = report.coverage['nist-csf-2.0'];
      assert.ok(csf);
      assert.deepEqual([csf.current, csf.planned], [0.25, 0.5]);
      assert.deepEqual(csf.groups, {
        PR: { current: 0.25, planned: 0.5, requirements: 1 },
        'PR.IR': { current: 0.25, planned: 0.5, requirements: 1 },
      });
      assert.deepEqual(report.gaps, []);
      const count = (severity: string) => report.findings.filter((f) => f.severity === severity).length;
      assert.deepEqual(report.summary, { errors: count('error'), warnings: count('warning'), infos: count('info') });
    });

    it('lists an uncovered mandatory requirement as a gap with its error finding', async () => {
      const uncovered = await workspace({ 'plan.md': warningsOnlyPlan.replace('implemented', 'planned').replace('- **Evidence:**', '- **Target:** 2027\n- **Evidence:**'), 'narrow.yml': narrowProfile });
      const result = run(['check', 'plan.md', '--profile', 'narrow.yml', '--format', 'json'], uncovered);
      assert.equal(result.status, 1);
      const report = json(result);
      assert.deepEqual(report.gaps, [{ framework: 'nist-csf-2.0', requirement: 'PR.IR-01', mandatory: true, planned: true }]);
      const errors = report.findings.filter((f) => f.severity === 'error');
      assert.deepEqual(errors.map((f) => [f.ruleId, f.requirement, f.range.start.line, f.range.start.column]), [['uncovered-mandatory-requirement', 'PR.IR-01', 1, 1]]);
    });

    it('shows only errors and no coverage with --quiet', () => {
      const result = run(['check', 'references.md', '--profile', 'narrow.yml', '--quiet'], directory);
      assert.equal(result.status, 1);
      const lines = result.stdout.split('\n');
      assert.equal(lines[0], 'references.md');
      const findingLines = lines.filter((line) => stylishFinding.test(line));
      assert.equal(findingLines.length, 2);
      assert.ok(findingLines.every((line) => stylishFinding.exec(line)?.[3] === 'error'), result.stdout);
      assert.ok(lines.includes('✖ 2 problems (2 errors, 0 warnings)'), result.stdout);
      assert.ok(!result.stdout.includes('Coverage against'), result.stdout);
      assert.ok(!/ {2}(warning|info) {2}/.test(result.stdout), result.stdout);
    });

    it('writes the report to --output instead of stdout, keeping the exit code', async () => {
      const result = run(['check', 'references.md', '--profile', 'narrow.yml', '--format', 'json', '--output', 'report.json'], directory);
      assert.equal(result.status, 1);
      assert.equal(result.stdout, '');
      const written = JSON.parse(await readFile(path.join(directory, 'report.json'), 'utf8')) as JsonReport;
      assert.deepEqual(written, json(run(['check', 'references.md', '--profile', 'narrow.yml', '--format', 'json'], directory)));
      const stylish = run(['check', 'references.md', '--profile', 'narrow.yml', '--output', 'report.txt'], directory);
      assert.equal(stylish.stdout, '');
      assert.equal(await readFile(path.join(directory, 'report.txt'), 'utf8'), run(['check', 'references.md', '--profile', 'narrow.yml'], directory).stdout);
    });
  });

  describe('--max-warnings', () => {
    let directory: string;
    before(async () => {
      directory = await workspace({ 'plan.md': warningsOnlyPlan, 'narrow.yml': narrowProfile });
    });

    it('passes a plan with only warnings by default', () => {
      const result = run(['check', 'plan.md', '--profile', 'narrow.yml', '--format', 'json'], directory);
      assert.equal(result.status, 0, result.stdout);
      assert.deepEqual(json(result).summary, { errors: 0, warnings: 2, infos: 0 });
      assert.deepEqual(json(result).findings.map((f) => f.ruleId), ['plan-without-target-level', 'no-asset-inventory']);
    });

    it('fails it with --max-warnings 0 and says why on stderr', () => {
      const result = run(['check', 'plan.md', '--profile', 'narrow.yml', '--max-warnings', '0'], directory);
      assert.equal(result.status, 1);
      assert.equal(result.stderr, 'plantgap: 2 warnings exceed --max-warnings 0\n');
    });

    it('passes it when the warnings are within the limit', () => {
      assert.equal(run(['check', 'plan.md', '--profile', 'narrow.yml', '--max-warnings', '2'], directory).status, 0);
    });

    it('refuses a limit that is not a whole number', () => {
      const result = run(['check', 'plan.md', '--max-warnings', 'many'], directory);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /--max-warnings/);
      assert.match(result.stderr, /"many"/);
    });
  });

  describe('paths, globs and directories', () => {
    let directory: string;
    before(async () => {
      directory = await workspace({
        'plans/01-overview.md': 'fixture:multi-file/01-overview.md',
        'plans/controls/02-controls.md': 'fixture:multi-file/02-controls.md',
        'plans/notes.txt': 'not a plan',
        'narrow.yml': narrowProfile,
      });
    });

    const filesOf = (args: string[]) => {
      const result = run(['check', ...args, '--profile', 'narrow.yml', '--format', 'json'], directory);
      assert.ok(result.status === 0 || result.status === 1, result.stderr);
      return json(result).files;
    };

    it('reads one file, a glob, a directory (its Markdown files) and the include globs without paths', () => {
      assert.deepEqual(filesOf(['plans/01-overview.md']), ['plans/01-overview.md']);
      assert.deepEqual(filesOf(['plans/**/*.md']), ['plans/01-overview.md', 'plans/controls/02-controls.md']);
      assert.deepEqual(filesOf(['plans']), ['plans/01-overview.md', 'plans/controls/02-controls.md']);
      assert.deepEqual(filesOf([]), ['plans/01-overview.md', 'plans/controls/02-controls.md']);
      assert.deepEqual(filesOf(['plans/01-overview.md', 'plans/**/*.md']), ['plans/01-overview.md', 'plans/controls/02-controls.md']);
    });

    it('analyses the files of a multi-file plan as one plan', () => {
      const report = json(run(['check', 'plans', '--format', 'json'], directory));
      // The profile comes from the first file's front matter; the control from the second file covers PR.IR-01.
      assert.deepEqual(Object.keys(report.coverage), ['nist-csf-2.0']);
      assert.deepEqual(report.findings.filter((f) => f.ruleId === 'plan-without-target-level' || f.ruleId === 'no-asset-inventory'), []);
      assert.equal(report.gaps.some((gap) => gap.requirement === 'PR.IR-01'), false);
      assert.equal(report.gaps.length, 105);
    });

    it('exits 2 naming a path or glob that matches nothing', () => {
      for (const missing of ['plans/missing.md', 'elsewhere/**/*.md']) {
        const result = run(['check', 'plans/01-overview.md', missing], directory);
        assert.equal(result.status, 2, missing);
        assert.equal(result.stdout, '');
        assert.match(result.stderr, new RegExp(missing.replace(/[.*]/g, '\\$&')));
      }
    });
  });

  describe('.plantgap.yml', () => {
    it('honours a rule turned off', async () => {
      const without = await workspace({ 'plan.md': noOwnerPlan, 'narrow.yml': narrowProfile });
      const before = json(run(['check', 'plan.md', '--profile', 'narrow.yml', '--format', 'json'], without));
      assert.deepEqual(before.findings.map((f) => [f.ruleId, f.range.start.line, f.range.start.column]), [['missing-owner', 11, 4]]);

      const configured = await workspace({ 'plan.md': noOwnerPlan, 'narrow.yml': narrowProfile, '.plantgap.yml': 'rules:\n  missing-owner: off\n' });
      const result = run(['check', 'plan.md', '--profile', 'narrow.yml', '--format', 'json'], configured);
      assert.equal(result.status, 0);
      assert.deepEqual(json(result).findings, []);
    });

    it('honours a severity raised to error, and finds the config from a subdirectory', async () => {
      const configured = await workspace({ 'plans/plan.md': noOwnerPlan, 'narrow.yml': narrowProfile, '.plantgap.yml': 'rules:\n  missing-owner: error\n' });
      const result = run(['check', 'plan.md', '--profile', '../narrow.yml', '--format', 'json'], path.join(configured, 'plans'));
      assert.equal(result.status, 1);
      assert.deepEqual(json(result).findings.map((f) => [f.ruleId, f.severity]), [['missing-owner', 'error']]);
    });

    it('exits 2 on an unknown rule id, naming the file and the key', async () => {
      const directory = await workspace({ 'plan.md': noOwnerPlan, '.plantgap.yml': 'rules:\n  missing-owner: off\n  no-such-rule: warning\n' });
      const result = run(['check', 'plan.md'], directory);
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /\.plantgap\.yml/);
      assert.match(result.stderr, /rules\.no-such-rule/);
      assert.ok(!result.stderr.includes('missing-owner:'), 'only the unknown key is reported');
    });

    it('exits 2 on an invalid setting, naming the line', async () => {
      const directory = await workspace({ 'plan.md': noOwnerPlan, '.plantgap.yml': 'rules:\n  missing-owner: loud\n' });
      const result = run(['check', 'plan.md'], directory);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /\.plantgap\.yml:2/);
      assert.match(result.stderr, /missing-owner/);
    });
  });

  describe('bad input', () => {
    let directory: string;
    before(async () => {
      directory = await workspace({
        'plan.md': warningsOnlyPlan,
        'bad-front-matter.md': 'fixture:bad-front-matter.md',
        'broken-yaml.md': '---\nplantgap: [unclosed\n---\n# Plant 18\n',
        'narrow.yml': narrowProfile,
      });
    });

    it('exits 2 on an unknown --format, naming the option', () => {
      const result = run(['check', 'plan.md', '--format', 'xml'], directory);
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /--format must be one of/);
      assert.match(result.stderr, /"xml"/);
    });

    it('exits 2 on an unknown option and on an unknown profile', () => {
      const option = run(['check', 'plan.md', '--colour'], directory);
      assert.equal(option.status, 2);
      assert.match(option.stderr, /--colour/);
      const profile = run(['check', 'plan.md', '--profile', 'no-such-profile'], directory);
      assert.equal(profile.status, 2);
      assert.match(profile.stderr, /unknown profile "no-such-profile"/);
    });

    it('exits 2 on a missing path, naming it', () => {
      const result = run(['check', 'no-such-plan.md'], directory);
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /no-such-plan\.md/);
    });

    it('reports invalid front matter as error findings on the right lines, not as a crash', () => {
      const result = run(['check', 'bad-front-matter.md', '--profile', 'narrow.yml', '--format', 'json'], directory);
      assert.equal(result.status, 1, result.stderr);
      const report = json(result);
      assert.deepEqual(
        report.findings.filter((f) => f.ruleId === 'invalid-front-matter').map((f) => [f.severity, f.file, f.range.start.line, f.range.start.column]),
        [
          ['error', 'bad-front-matter.md', 5, 3],
          ['error', 'bad-front-matter.md', 6, 29],
        ],
      );
    });

    it('reports front matter that is not YAML on its line', () => {
      const result = run(['check', 'broken-yaml.md', '--profile', 'narrow.yml'], directory);
      assert.equal(result.status, 1, result.stderr);
      const line = result.stdout.split('\n').find((candidate) => candidate.endsWith('invalid-front-matter'));
      assert.ok(line, result.stdout);
      assert.match(line, /^ {2}2:\d+ +error /);
    });

    it('skips a binary file among the plans with an unreadable-file warning and analyses the rest', async () => {
      const mixed = await workspace({
        'plans/plan.md': warningsOnlyPlan,
        'plans/diagram.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
        'narrow.yml': narrowProfile,
      });
      const result = run(['check', 'plans', '--profile', 'narrow.yml', '--format', 'json'], mixed);
      assert.equal(result.status, 0, result.stdout);
      const report = json(result);
      assert.deepEqual(report.files, ['plans/diagram.md', 'plans/plan.md']);
      const unreadable = report.findings.filter((f) => f.ruleId === 'unreadable-file');
      assert.deepEqual(unreadable.map((f) => [f.severity, f.file, f.range.start.line, f.range.start.column]), [['warning', 'plans/diagram.md', 1, 1]]);
      assert.match(unreadable[0]?.message ?? '', /binary/);
      assert.equal(report.coverage['nist-csf-2.0']?.current, 1);
    });
  });

  describe('line endings and byte-order marks on disk', () => {
    it('reports the same findings for a CRLF file with a BOM as for the LF file', async () => {
      const lf = await readFile(path.join(fixtures, 'plans', 'references.md'), 'utf8');
      const directory = await workspace({
        'lf.md': lf,
        'crlf.md': `\uFEFF${lf.replace(/\n/g, '\r\n')}`,
        'narrow.yml': narrowProfile,
      });
      const findingsOf = (file: string) => {
        const report = json(run(['check', file, '--profile', 'narrow.yml', '--format', 'json'], directory));
        // Findings and their fixes name the file; compare them under one name.
        return JSON.parse(JSON.stringify(report.findings).replaceAll(JSON.stringify(file), '"plan.md"')) as JsonFinding[];
      };
      const expected = findingsOf('lf.md');
      assert.equal(expected.filter((f) => f.severity === 'error').length, 2);
      assert.deepEqual(findingsOf('crlf.md'), expected);
    });
  });

  // Nested suites run after a suite's own tests, so this check sits in the last suite.
  describe('all runs', () => {
    it('never printed a stack trace', () => {
      assert.ok(stderrs.length > 20, `only ${stderrs.length} runs recorded`);
      for (const stderr of stderrs) assert.ok(!stderr.includes('    at '), stderr);
    });
  });
});
