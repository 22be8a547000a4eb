/**
 * Every kind of bad input, through `plantgap check` as a process: malformed config, catalog,
 * crosswalk, profile and front matter, binary and non-UTF-8 files, files over the limits. Each is
 * answered with exit 2 and a message naming the file, line and key (or, for plan content, a
 * finding on its line), never with a stack trace, and never by silently dropping data.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { narrowProfile } from '../helpers/narrow-profile.js';
import { runCli, type CliResult } from '../helpers/run-cli.js';

/** A minimal plan with no error of its own against the `narrow` profile. */
const goodPlan = `# Plant 40

## OT-SEG-01 — Segmentation
- **Covers:** PR.IR-01
- **Status:** implemented
- **Owner:** OT network lead
- **Evidence:** [firewall review](evidence/fw.md)
`;

/** A valid custom catalog: the base the catalog cases break one thing at a time. */
const siteCatalog = (nodes: string, header = '') => `id: site-controls
title: Site controls
version: "1"
publisher: Plant 40
status: current
kind: framework
${header}nodes:
${nodes}`;

let root: string;
let caseNumber = 0;

before(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'plantgap-bad-input-'));
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

async function workspace(files: Record<string, string | Buffer>): Promise<string> {
  const directory = path.join(root, `case-${++caseNumber}`);
  for (const [name, content] of Object.entries({ 'plan.md': goodPlan, ...files })) {
    await mkdir(path.dirname(path.join(directory, name)), { recursive: true });
    await writeFile(path.join(directory, name), content);
  }
  return directory;
}

/** Runs the CLI with a time limit, so that a hang (a cycle followed forever) fails instead of stalling the suite. */
function check(directory: string, args: string[] = ['plan.md']): CliResult {
  return runCli(['check', ...args], { cwd: directory, timeout: 60_000 });
}

/** Exit 2, nothing on stdout, no stack trace, and a `file:line:column: key: message` line matching `expected`. */
function assertInputError(run: CliResult, file: string, expected: { line?: number; key?: string; message: RegExp }): void {
  assert.equal(run.status, 2, `expected exit 2, got ${run.status}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  assert.equal(run.stdout, '');
  assert.doesNotMatch(run.stderr, /^\s+at .+:\d+:\d+\)?$/m, 'stack trace on stderr');
  assert.doesNotMatch(run.stderr, /\b(?:TypeError|RangeError|SyntaxError|ReferenceError)\b/);
  const lines = run.stderr.split('\n').filter((line) => line.includes(file));
  const found = lines.find((line) => {
    const where = /^(.*?):(\d+)(?::\d+)?: (?:(\S+): )?(.*)$/.exec(line);
    if (expected.line !== undefined && Number(where?.[2]) !== expected.line) return false;
    if (expected.key !== undefined && where?.[3] !== expected.key) return false;
    return expected.message.test(line);
  });
  assert.ok(found, `no error naming ${file}${expected.line ? `:${expected.line}` : ''} ${expected.key ?? ''} ${expected.message}\nstderr:\n${run.stderr}`);
}

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  range: { start: { line: number; column: number } };
}

function findings(run: CliResult): JsonFinding[] {
  assert.ok(run.status === 0 || run.status === 1, `expected a report, got exit ${run.status}: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
}

describe('bad input through the CLI: exit 2 naming file, line and key, never a stack trace', function () {
  this.timeout(120_000);

  describe('.plantgap.yml', () => {
    const cases: [string, string, { line?: number; key?: string; message: RegExp }][] = [
      ['a value of the wrong type', 'rules: {}\ninclude: 5\n', { line: 2, key: 'include', message: /expected array/ }],
      ['an unknown key', 'profile: ot-baseline\nrulez:\n  missing-owner: off\n', { line: 2, key: 'rulez', message: /unknown key "rulez"/ }],
      ['a bad rule severity', 'rules:\n  missing-owner: loud\n', { line: 2, key: 'rules.missing-owner', message: /error, warning, info or off/ }],
      ['a YAML syntax error', 'rules: {missing-owner: off\n', { line: 2, message: /./ }],
      ['a duplicate key', 'profile: ot-baseline\nprofile: nist-csf-2.0\n', { line: 2, message: /unique|duplicate/i }],
      ['a limit that is not a positive integer', 'limits:\n  maxLineLength: -3\n', { line: 2, key: 'limits.maxLineLength', message: /./ }],
      ['a framework path outside the workspace', 'frameworks:\n  - ../elsewhere/catalog.yaml\n', { line: 2, key: 'frameworks[0]', message: /outside the workspace/ }],
      ['an absolute profile path without allowOutsidePaths', 'profile: /etc/plantgap/profile.yaml\n', { line: 1, key: 'profile', message: /allowOutsidePaths/ }],
      ['an include glob with ..', 'include:\n  - "../**/*.md"\n', { line: 2, key: 'include[0]', message: /"\.\." segment/ }],
      ['an include glob with .. inside braces', 'include: ["plans/{..,x}/*.md"]\n', { line: 1, key: 'include[0]', message: /"\.\." segment/ }],
      ['an absolute include glob without allowOutsidePaths', 'include: ["/etc/**/*.md"]\n', { line: 1, key: 'include[0]', message: /absolute glob/ }],
      ['an ignore glob with ..', 'ignore: ["../**"]\n', { line: 1, key: 'ignore[0]', message: /"\.\." segment/ }],
      ['a __proto__ key', 'rules:\n  missing-owner: off\n__proto__:\n  polluted: true\n', { line: 3, key: '__proto__', message: /not allowed/ }],
      ['a constructor.prototype key', 'limits:\n  constructor:\n    prototype: { polluted: true }\n', { line: 2, key: 'limits.constructor', message: /not allowed/ }],
    ];
    for (const [name, text, expected] of cases) {
      it(`refuses ${name}`, async () => {
        const directory = await workspace({ '.plantgap.yml': text });
        assertInputError(check(directory), '.plantgap.yml', expected);
      });
    }

    it('refuses a binary config file and a config that is not UTF-8', async () => {
      const binary = await workspace({ '.plantgap.yml': Buffer.from([0x70, 0x3a, 0x20, 0x00, 0x01, 0x0a]) });
      assertInputError(check(binary), '.plantgap.yml', { message: /binary file/ });
      const latin1 = await workspace({ '.plantgap.yml': Buffer.from('profile: ot-baseline # Sch\xe4den\n', 'latin1') });
      assertInputError(check(latin1), '.plantgap.yml', { message: /not valid UTF-8/ });
    });

    it('accepts an absolute include glob with allowOutsidePaths: true', async () => {
      const shared = await workspace({ 'shared/plan.md': goodPlan, 'narrow.yml': narrowProfile });
      const directory = await workspace({
        '.plantgap.yml': `allowOutsidePaths: true\ninclude: [${JSON.stringify(`${shared.split(path.sep).join('/')}/shared/*.md`)}]\nprofile: narrow.yml\n`,
        'narrow.yml': narrowProfile,
      });
      const run = check(directory, ['--format', 'json']);
      assert.equal(run.status, 0, run.stderr);
      assert.equal((JSON.parse(run.stdout) as { files: string[] }).files.length, 1);
    });
  });

  describe('custom catalogs, crosswalks and profiles', () => {
    const config = (key: 'frameworks' | 'crosswalks' | 'profiles', file: string) => `${key}:\n  - ${file}\n`;
    const node = (id: string, extra = '') => `  - id: ${id}\n    kind: control\n    title: Control ${id}\n    summary: What ${id} asks for.\n    assessable: true\n${extra}`;

    const catalogCases: [string, string, { line?: number; key?: string; message: RegExp }][] = [
      ['a value of the wrong type', siteCatalog(node('S-1').replace('assessable: true', 'assessable: "yes"')), { line: 12, key: 'nodes[0].assessable', message: /expected boolean/ }],
      ['an unknown key', siteCatalog(node('S-1', '    titel: typo\n')), { line: 13, key: 'nodes[0].titel', message: /unknown key/ }],
      ['a duplicate node id', siteCatalog(node('S-1') + node('S-1')), { line: 13, key: 'nodes[1].id', message: /duplicate node id "S-1"/ }],
      ['a dangling parent', siteCatalog(node('S-1', '    parent: S-9\n')), { line: 13, key: 'nodes[0].parent', message: /parent "S-9"/ }],
      ['a cycle in parent links', siteCatalog(node('S-1', '    parent: S-2\n') + node('S-2', '    parent: S-1\n')), { key: 'nodes[0].parent', message: /parent "S-2" is not a node listed before/ }],
      ['a mapping to an unknown requirement', siteCatalog(node('S-1', '    mappings:\n      - { framework: nist-csf-2.0, id: PR.XX-99, relationship: equal }\n')), { line: 14, key: 'nodes[0].mappings[0].id', message: /"PR.XX-99" is not a node of nist-csf-2.0/ }],
      ['a legacy catalog whose successor catalog is not loaded', siteCatalog(node('S-1', '    successors: [S-2]\n'), 'successor: site-controls-2\n').replace('status: current', 'status: legacy'), { line: 7, key: 'successor', message: /successor catalog "site-controls-2" is not loaded/ }],
    ];
    for (const [name, text, expected] of catalogCases) {
      it(`refuses a catalog with ${name}`, async () => {
        const directory = await workspace({ '.plantgap.yml': config('frameworks', 'site.yaml'), 'site.yaml': text });
        assertInputError(check(directory), 'site.yaml', expected);
      });
    }

    it('refuses a cycle in successor links between two legacy catalogs instead of following it', async () => {
      const legacy = (id: string, successor: string, nodeId: string, next: string) =>
        siteCatalog(node(nodeId, `    successors: [${next}]\n`), `successor: ${successor}\n`).replace('id: site-controls', `id: ${id}`).replace('status: current', 'status: legacy');
      const directory = await workspace({
        '.plantgap.yml': 'frameworks: [old-a.yaml, old-b.yaml]\nprofile: narrow.yml\n',
        'old-a.yaml': legacy('old-a', 'old-b', 'S-1', 'S-2'),
        'old-b.yaml': legacy('old-b', 'old-a', 'S-2', 'S-1'),
        'narrow.yml': narrowProfile,
        'plan.md': goodPlan.replace('PR.IR-01', 'PR.IR-01, S-1, S-2'),
      });
      const run = check(directory, ['plan.md', '--format', 'json']);
      // Either answer is acceptable, as long as it comes (no endless loop) and is not a crash.
      if (run.status === 2) {
        assert.doesNotMatch(run.stderr, /^\s+at /m);
        assert.match(run.stderr, /old-[ab]\.yaml/);
      } else {
        findings(run);
      }
    });

    const crosswalkCases: [string, string, { line?: number; key?: string; message: RegExp }][] = [
      ['an unknown catalog', 'from: nist-csf-2.0\nto: no-such-catalog\ntitle: Bad\npairs: []\n', { line: 2, key: 'to', message: /unknown catalog "no-such-catalog"/ }],
      ['a pair to an unknown requirement', 'from: nist-csf-2.0\nto: iso27001-2022\ntitle: Bad\npairs:\n  - { from: PR.IR-01, to: A.99.1, relationship: equal }\n', { line: 5, key: 'pairs[0].to', message: /"A.99.1" is not a node of iso27001-2022/ }],
      ['a bad relationship', 'from: nist-csf-2.0\nto: iso27001-2022\ntitle: Bad\npairs:\n  - from: PR.IR-01\n    to: A.8.22\n    relationship: same\n', { line: 7, key: 'pairs[0].relationship', message: /./ }],
      ['a duplicate pair', 'from: nist-csf-2.0\nto: iso27001-2022\ntitle: Bad\npairs:\n  - { from: PR.IR-01, to: A.8.22, relationship: equal }\n  - { from: PR.IR-01, to: A.8.22, relationship: subset-of }\n', { line: 6, key: 'pairs[1]', message: /duplicate pair/ }],
    ];
    for (const [name, text, expected] of crosswalkCases) {
      it(`refuses a crosswalk with ${name}`, async () => {
        const directory = await workspace({ '.plantgap.yml': config('crosswalks', 'cw.yaml'), 'cw.yaml': text });
        assertInputError(check(directory), 'cw.yaml', expected);
      });
    }

    const profileCases: [string, string, { line?: number; key?: string; message: RegExp }][] = [
      ['unknown requirements', narrowProfile.replace('[PR.IR-01]', '[PR.IR-01, PR.ZZ-42]'), { line: 6, key: 'requirements[0].ids[1]', message: /"PR.ZZ-42" is not a node of nist-csf-2.0/ }],
      ['an unknown framework', narrowProfile.replace('  - framework: nist-csf-2.0', '  - framework: nist-csf-9'), { line: 5, key: 'requirements[0].framework', message: /unknown catalog "nist-csf-9"/ }],
      ['a requirement entry with both ids and all', narrowProfile.replace('    mandatory: true', '    all: true\n    mandatory: true'), { line: 5, key: 'requirements[0]', message: /either "ids" or "all: true"/ }],
      ['a wrong type', narrowProfile.replace('mandatory: true', 'mandatory: sometimes'), { line: 7, key: 'requirements[0].mandatory', message: /expected boolean/ }],
      ['a __proto__ key', `${narrowProfile}__proto__: { polluted: true }\n`, { line: 8, key: '__proto__', message: /not allowed/ }],
    ];
    for (const [name, text, expected] of profileCases) {
      it(`refuses a profile with ${name}`, async () => {
        const directory = await workspace({ '.plantgap.yml': 'profiles: [site-profile.yaml]\n', 'site-profile.yaml': text });
        assertInputError(check(directory), 'site-profile.yaml', expected);
      });
    }

    it('refuses a profile id defined twice, naming both files', async () => {
      const directory = await workspace({ '.plantgap.yml': 'profiles: [a.yaml, b.yaml]\n', 'a.yaml': narrowProfile, 'b.yaml': narrowProfile });
      assertInputError(check(directory), 'b.yaml', { line: 1, key: 'id', message: /profile "narrow" is already defined in .*a\.yaml/ });
    });

    it('refuses a --profile file that is not valid, naming it', async () => {
      const directory = await workspace({ 'bad-profile.yml': 'id: bad\ntitle: Bad\nframeworks: []\nrequirements: []\n' });
      assertInputError(check(directory, ['plan.md', '--profile', 'bad-profile.yml']), 'bad-profile.yml', { line: 3, key: 'frameworks', message: /./ });
    });
  });

  describe('plan files', () => {
    it('keeps the valid keys of a plantgap: front-matter block when one key is bad, and reports the bad one on its line', async () => {
      const directory = await workspace({
        'narrow.yml': narrowProfile,
        '.plantgap.yml': 'profiles: [narrow.yml]\n',
        'plan.md': `---\nplantgap:\n  profile: narrow\n  colour: blue\n  target: { security-level: SL-9, csf-tier: 3 }\n---\n${goodPlan}`,
      });
      const run = check(directory, ['plan.md', '--format', 'json']);
      const list = findings(run);
      assert.deepEqual(
        list.filter((finding) => finding.ruleId === 'invalid-front-matter').map((finding) => [finding.range.start.line, finding.message.includes('colour') || finding.message.includes('security-level')]),
        [
          [4, true],
          [5, true],
        ],
      );
      // The profile named next to the bad keys is the one used: no finding about the default profile's requirements.
      assert.equal(list.filter((finding) => finding.ruleId === 'uncovered-mandatory-requirement').length, 0, JSON.stringify(list));
      // The valid csf-tier beside the bad security-level is kept: no "plan without target level" finding.
      assert.equal(list.filter((finding) => finding.ruleId === 'plan-without-target-level').length, 0, JSON.stringify(list));
    });

    it('reports __proto__ and constructor keys in front matter as findings on their lines', async () => {
      const directory = await workspace({
        'narrow.yml': narrowProfile,
        'plan.md': `---\ntitle: Plant 40\nconstructor:\n  prototype: { polluted: true }\nplantgap:\n  __proto__: { polluted: true }\n  target: { csf-tier: 2 }\n---\n${goodPlan}`,
      });
      const list = findings(check(directory, ['plan.md', '--profile', 'narrow.yml', '--format', 'json']));
      const invalid = list.filter((finding) => finding.ruleId === 'invalid-front-matter');
      assert.deepEqual(invalid.map((finding) => finding.range.start.line), [3, 6]);
      for (const finding of invalid) assert.match(finding.message, /not allowed/);
      assert.equal(list.filter((finding) => finding.ruleId === 'plan-without-target-level').length, 0, 'the valid csf-tier is kept');
    });

    it('skips a non-UTF-8 plan, a plan over the size limit and a plan with a line over the length limit, saying why, and checks the rest', async () => {
      const directory = await workspace({
        '.plantgap.yml': 'profile: narrow.yml\nlimits:\n  maxFileBytes: 4000\n  maxLineLength: 300\n',
        'narrow.yml': narrowProfile,
        'plans/good.md': goodPlan,
        'plans/latin1.md': Buffer.from('# Plan f\xfcr Werk 3\n', 'latin1'),
        'plans/huge.md': `# Huge\n${'x'.repeat(200)}\n`.repeat(30),
        'plans/long-line.md': `# Long\n\n${'y'.repeat(301)}\n`,
      });
      const list = findings(check(directory, ['plans', '--format', 'json']));
      const skipped = Object.fromEntries(list.filter((finding) => finding.ruleId === 'unreadable-file').map((finding) => [finding.file, finding.message]));
      assert.deepEqual(Object.keys(skipped).sort(), ['plans/huge.md', 'plans/latin1.md', 'plans/long-line.md']);
      assert.match(skipped['plans/latin1.md'] ?? '', /UTF-8/);
      assert.match(skipped['plans/huge.md'] ?? '', /limit is 4000 \(limits\.maxFileBytes\)/);
      assert.match(skipped['plans/long-line.md'] ?? '', /line 3 is 301 characters long; the limit is 300 \(limits\.maxLineLength\)/);
    });
  });
});
