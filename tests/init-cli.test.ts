/**
 * `plantgap init` as a real process: the starter plan and config it writes are valid (the config
 * loads through the public config loader, the plan checks cleanly apart from the template text and
 * the gaps a new plan has), existing files are never touched without --force, and --force replaces
 * them. Usage errors exit 2.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '@plantgap/core';
import { runCli } from './helpers/run-cli.js';

interface CheckJson {
  profile: string;
  files: string[];
  findings: { ruleId: string; severity: string; message: string; control?: string; requirement?: string; range: { start: { line: number } } }[];
}

describe('plantgap init', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'plantgap-init-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('writes a starter plan and a valid .plantgap.yml', async () => {
    const result = runCli(['init'], { cwd: directory });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, "created security-plan.md\ncreated .plantgap.yml\nNext: fill in the template text, then run 'plantgap check'.\n");
    const config = await loadConfig({ cwd: directory });
    assert.ok(config.ok, JSON.stringify(!config.ok && config.errors));
    assert.equal(config.value.config.profile, 'ot-baseline');
    assert.deepEqual(config.value.config.include, ['security-plan.md']);
    const plan = await readFile(path.join(directory, 'security-plan.md'), 'utf8');
    assert.match(plan, /^---\nplantgap:\n {2}profile: ot-baseline\n {2}target: \{ security-level: SL-2 \}\n---\n# Security plan — \[Plant name\]\n/);
    assert.match(plan, /\| Asset \| Zone \| Criticality \|/);
  });

  it('gives a plan that plantgap check reads: template text and gaps reported, nothing malformed', () => {
    assert.equal(runCli(['init'], { cwd: directory }).status, 0);
    const result = runCli(['check', '--format', 'json'], { cwd: directory });
    assert.equal(result.status, 1, 'a new plan still has uncovered mandatory requirements');
    const report = JSON.parse(result.stdout) as CheckJson;
    assert.deepEqual(report.files, ['security-plan.md']);
    assert.equal(report.profile, 'ot-baseline');
    const rules = new Set(report.findings.map((finding) => finding.ruleId));
    assert.deepEqual([...rules].sort(), ['uncovered-mandatory-requirement', 'unfilled-template']);
    const controls = ['OT-01', 'OT-02', 'OT-03', 'OT-04', 'OT-05', 'OT-06'];
    for (const control of controls) {
      const placeholders = report.findings.filter((finding) => finding.ruleId === 'unfilled-template' && finding.control === control).map((finding) => finding.message.split('"')[1]);
      assert.deepEqual(placeholders, ['Implemented / Partial / Planned', '[Owner]', '[DATE]', '[Evidence]', '[Description]'], control);
    }
    assert.ok(report.findings.some((finding) => finding.ruleId === 'unfilled-template' && finding.message.startsWith('"High / Medium / Low"')));
    // The skeletons cite real mandatory requirements: each is reported uncovered until its status is filled in.
    const uncovered = new Set(report.findings.filter((finding) => finding.ruleId === 'uncovered-mandatory-requirement').map((finding) => finding.requirement));
    for (const cited of ['GV.RM-02', 'ID.AM-01', 'PR.AA-03', 'DE.CM-01', 'RS.MA-01', 'RC.RP-01']) assert.ok(uncovered.has(cited), cited);
  });

  it('writes for the profile asked for, into a new directory', async () => {
    const result = runCli(['init', 'plant-7', '--profile', 'iso27001-certification'], { cwd: directory });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^created plant-7\/security-plan\.md\ncreated plant-7\/\.plantgap\.yml\n/);
    const plan = await readFile(path.join(directory, 'plant-7', 'security-plan.md'), 'utf8');
    assert.match(plan, /profile: iso27001-certification/);
    assert.match(plan, /- \*\*Covers:\*\* Clause 4\.1\n/);
    const check = JSON.parse(runCli(['check', '--format', 'json'], { cwd: path.join(directory, 'plant-7') }).stdout) as CheckJson;
    assert.equal(check.profile, 'iso27001-certification');
    assert.ok(!check.findings.some((finding) => ['unknown-reference', 'invalid-front-matter', 'ambiguous-reference'].includes(finding.ruleId)));
  });

  it('never touches an existing file: it is skipped and stays byte-identical', async () => {
    const mine = Buffer.from('# My plan\r\n\r\nHand-written, with CRLF and a BOM-less ünïcode line.\r\n', 'utf8');
    await writeFile(path.join(directory, 'security-plan.md'), mine);
    const result = runCli(['init'], { cwd: directory });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^skipped security-plan\.md \(already exists; --force replaces it\)\ncreated \.plantgap\.yml\n/);
    assert.ok((await readFile(path.join(directory, 'security-plan.md'))).equals(mine));
    const again = runCli(['init'], { cwd: directory });
    assert.equal(again.status, 0);
    assert.match(again.stdout, /skipped security-plan\.md .*\nskipped \.plantgap\.yml /);
  });

  it('replaces existing files with --force', async () => {
    await writeFile(path.join(directory, 'security-plan.md'), '# Old\n');
    await writeFile(path.join(directory, '.plantgap.yml'), 'profile: nist-csf-2.0\n');
    const result = runCli(['init', '--force', '--profile', 'nist-csf-2.0'], { cwd: directory });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^replaced security-plan\.md\nreplaced \.plantgap\.yml\n/);
    assert.match(await readFile(path.join(directory, 'security-plan.md'), 'utf8'), /^---\nplantgap:\n {2}profile: nist-csf-2\.0\n/);
  });

  describe('usage errors (exit 2, no stack trace)', () => {
    it('refuses an unknown profile, naming the built-in ones', () => {
      const result = runCli(['init', '--profile', 'ot-basline'], { cwd: directory });
      assert.equal(result.status, 2);
      assert.match(result.stderr, /unknown profile "ot-basline"; built-in profiles: .*ot-baseline/);
      assert.doesNotMatch(result.stderr, /\n\s+at /);
    });

    it('refuses more than one directory', () => {
      const result = runCli(['init', 'a', 'b'], { cwd: directory });
      assert.equal(result.status, 2);
      assert.match(result.stderr, /give at most one directory/);
    });

    it('refuses a DIR that is a file', async () => {
      await writeFile(path.join(directory, 'file.txt'), 'x');
      const result = runCli(['init', 'file.txt'], { cwd: directory });
      assert.equal(result.status, 2);
      assert.equal(result.stderr, 'file.txt: not a directory\n');
    });
  });
});
