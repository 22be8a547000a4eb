/**
 * `plantgap soa` as a real process: all 93 Annex A controls in catalog order in Markdown, CSV
 * (RFC 4180, parsed back with csv-parse, formula cells neutralised) and JSON; applicability,
 * justification, implementing controls and status from the plan; exclusions the profile does not
 * accept are flagged. Also the scoring fix: a "not applicable" row of a CSF profile is a status,
 * not a Statement of Applicability exclusion.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { fixtures, runCli } from './helpers/run-cli.js';

const example = 'examples/plant-2-security-plan.md';
const soaFixture = path.join(fixtures, 'plans', 'statement-of-applicability.md');
const hostile = path.join(fixtures, 'report', 'hostile-plan.md');

interface SoaJson {
  framework: { id: string };
  profile: { id: string };
  summary: Record<string, number>;
  controls: {
    control: string;
    applicable: boolean;
    status: string;
    justification: string;
    justificationSource: string;
    implementedBy: { control: string; path: string; via: string; status?: string; line: number }[];
    profile: { inScope: boolean; mandatory: boolean; excludable: boolean };
    notes: string[];
    source?: { file: string; line: number };
  }[];
}

/** The Annex A control ids in catalog order, from the catalog command (not from our own code). */
function annexControls(): string[] {
  const catalog = JSON.parse(runCli(['catalog', 'iso27001-2022', '--format', 'json']).stdout) as { nodes: { id: string; kind: string; assessable: boolean }[] };
  return catalog.nodes.filter((node) => node.assessable && node.kind === 'control').map((node) => node.id);
}

function soaJson(args: string[]): SoaJson {
  const result = runCli(['soa', ...args, '--format', 'json']);
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as SoaJson;
}

describe('plantgap soa', () => {
  let annex: string[];
  before(() => {
    annex = annexControls();
    assert.equal(annex.length, 93);
  });

  describe('--format markdown (default)', () => {
    it('lists all 93 Annex A controls in order with applicability, status, implementers and justification', () => {
      const result = runCli(['soa', example]);
      assert.equal(result.status, 0, result.stderr);
      const rows = result.stdout.split('\n').filter((line) => /^\| A\.\d/.test(line));
      assert.deepEqual(rows.map((row) => row.split(' | ')[0]?.slice(2)), annex);
      assert.match(result.stdout, /^\| Control \| Title \| Applicable \| Status \| Implemented by \| Justification \| Notes \|$/m);
      const a822 = rows.find((row) => row.startsWith('| A.8.22 |'));
      assert.match(a822 ?? '', /\| A\.8\.22 \| Segregation of networks \| Yes \| implemented \| OT-SEG-01 \(implemented\): direct reference; .* \| _Implemented by OT-SEG-01, OT-RMD-01_ \|/);
      assert.match(rows.find((row) => row.startsWith('| A.5.5 |')) ?? '', /\| Yes \| not addressed \| — \| _Applicable \(not excluded in the plan\); not yet addressed in the plan_ \|/);
    });
  });

  describe('--format json', () => {
    it('takes exclusions and justifications from the plan\'s SoA table', () => {
      const soa = soaJson([soaFixture, '--profile', 'iso27001-certification']);
      assert.equal(soa.framework.id, 'iso27001-2022');
      assert.deepEqual(soa.controls.map((row) => row.control), annex);
      const row = (id: string) => soa.controls.find((control) => control.control === id);
      assert.deepEqual(
        [row('A.7.4')?.applicable, row('A.7.4')?.status, row('A.7.4')?.justification, row('A.7.4')?.justificationSource, row('A.7.4')?.notes],
        [false, 'not-applicable', 'The site is guarded by the landlord under contract', 'plan', []],
      );
      assert.equal(row('A.7.4')?.source?.line, 8);
      assert.deepEqual([row('A.5.23')?.applicable, row('A.5.23')?.notes], [false, ['excluded without a justification (ISO/IEC 27001 6.1.3 d) requires one)']]);
      assert.deepEqual([row('A.8.22')?.status, row('A.8.22')?.justification, row('A.8.22')?.justificationSource], ['implemented', 'Plant network is segmented into zones', 'plan']);
      assert.equal(row('A.8.7')?.status, 'partial');
      assert.deepEqual(row('A.8.22')?.implementedBy.map((reason) => [reason.control, reason.path, reason.status]), [['A.8.22', 'direct', 'implemented']]);
      assert.deepEqual(soa.summary, { controls: 93, applicable: 91, excluded: 2, implemented: 1, partial: 1, planned: 0, 'not-addressed': 89, 'not-applicable': 2 });
      assert.ok(soa.controls.every((control) => control.profile.mandatory && control.profile.excludable));
    });

    it('names the implementing plan controls and their paths: direct, via plant control, via crosswalk', () => {
      const soa = soaJson([example]);
      const row = (id: string) => soa.controls.find((control) => control.control === id);
      assert.deepEqual(row('A.7.10')?.implementedBy[0], { ...row('A.7.10')?.implementedBy[0], control: 'OT-RMD-01', path: 'direct', status: 'partial' });
      assert.ok(row('A.7.10')?.implementedBy.some((reason) => reason.path === 'plant-control' && reason.via === 'PC-RMD-01'));
      assert.ok(row('A.5.3')?.implementedBy.some((reason) => reason.path === 'crosswalk' && reason.via === 'PR.AA-05'));
      assert.equal(row('A.7.10')?.status, 'partial');
      assert.equal(row('A.5.5')?.status, 'not-addressed');
      assert.deepEqual(row('A.8.22')?.profile, { inScope: true, mandatory: true, excludable: false });
    });

    it('flags an exclusion the profile does not accept (a mandatory ot-baseline control)', async () => {
      const directory = await mkdtemp(path.join(os.tmpdir(), 'plantgap-soa-'));
      try {
        const plan = path.join(directory, 'plan.md');
        await writeFile(plan, '# Plant 9\n\n## Statement of Applicability\n\n| Control | Applicable | Justification |\n| --- | --- | --- |\n| A.7.10 | No | No USB ports anywhere |\n');
        const row = soaJson([plan]).controls.find((control) => control.control === 'A.7.10');
        assert.deepEqual([row?.applicable, row?.justification], [false, 'No USB ports anywhere']);
        assert.deepEqual(row?.notes, ['profile ot-baseline does not accept this exclusion: the control is mandatory and not excludable']);
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
    });
  });

  describe('--format csv', () => {
    it('is RFC 4180: CRLF records, every field quoted, quotes doubled; parses back to 93 rows', async () => {
      const directory = await mkdtemp(path.join(os.tmpdir(), 'plantgap-soa-'));
      try {
        const output = path.join(directory, 'soa.csv');
        const result = runCli(['soa', example, '--format', 'csv', '--output', output]);
        assert.equal(result.status, 0, result.stderr);
        const csv = await readFile(output, 'utf8');
        const records = csv.split('\r\n');
        assert.equal(records.pop(), '', 'ends with CRLF');
        assert.equal(records.length, 94);
        assert.ok(records.every((record) => record.startsWith('"') && record.endsWith('"')), 'every field is quoted');
        const rows = parse(csv, { columns: true }) as Record<string, string>[];
        assert.deepEqual(rows.map((row) => row.Control), annex);
        assert.deepEqual(Object.keys(rows[0] ?? {}), ['Control', 'Title', 'Theme', 'Applicable', 'Status', 'Implemented by', 'Justification', 'Justification source', 'Mandatory in profile', 'Notes', 'Source']);
        const a822 = rows.find((row) => row.Control === 'A.8.22');
        assert.deepEqual([a822?.Applicable, a822?.Status, a822?.Justification, a822?.['Mandatory in profile']], ['Yes', 'implemented', 'Implemented by OT-SEG-01, OT-RMD-01', 'Yes']);
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
    });

    it('neutralises cells a spreadsheet would run as formulas (= + - @) with a leading quote', () => {
      const result = runCli(['soa', hostile, '--format', 'csv']);
      assert.equal(result.status, 0, result.stderr);
      const rows = parse(result.stdout, { columns: true }) as Record<string, string>[];
      const justification = (id: string) => rows.find((row) => row.Control === id)?.Justification;
      assert.equal(justification('A.7.4'), `'=HYPERLINK("http://evil.example","x") <script>alert(7)</script>`);
      assert.equal(justification('A.7.1'), "'@SUM(1+1) guarded perimeter is the landlord's");
      assert.equal(justification('A.7.2'), "'-2+3 entry is controlled by the landlord");
      assert.ok(result.stdout.includes('"\'=HYPERLINK(""http://evil.example"",""x"")'), 'quotes inside a field are doubled');
      assert.ok(rows.every((row) => Object.values(row).every((cell) => !/^[=+\-@]/.test(cell))), 'no cell starts a formula');
    });
  });

  describe('usage errors', () => {
    it('refuses an unknown format with exit code 2 and no stack trace', () => {
      const result = runCli(['soa', example, '--format', 'xlsx']);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /unknown --format "xlsx"; expected one of: markdown, csv, json/);
      assert.doesNotMatch(result.stderr, /\n\s+at /);
    });

    it('refuses a missing output directory with exit code 2', () => {
      const result = runCli(['soa', example, '--output', 'missing-dir/soa.md']);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /missing-dir\/soa\.md: cannot write: directory/);
    });
  });
});

describe('Statement of Applicability exclusions apply only to Annex A controls the profile marks excludable', () => {
  let directory: string;
  before(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'plantgap-exclusion-'));
  });
  after(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  interface CheckJson {
    findings: { ruleId: string; requirement?: string }[];
    coverage: Record<string, { requirements: number }>;
  }

  async function check(text: string, profile: string): Promise<CheckJson> {
    const plan = path.join(directory, `${profile}.md`);
    await writeFile(plan, text);
    return JSON.parse(runCli(['check', plan, '--profile', profile, '--format', 'json']).stdout) as CheckJson;
  }

  const csfProfileRows = `# Plant 11 — CSF Organizational Profile

| Subcategory | Current State | Target State | Justification |
| --- | --- | --- | --- |
| PR.IR-02: Protection from environmental threats | Not applicable | n/a | |
| PR.IR-03: Resilience mechanisms | Not applicable | n/a | The plant runs no redundant lines |
`;

  it('does not treat a "not applicable" row of a CSF profile as an SoA exclusion (ot-baseline)', async () => {
    const report = await check(csfProfileRows, 'ot-baseline');
    assert.deepEqual(report.findings.filter((finding) => finding.ruleId === 'soa-exclusion-without-justification'), []);
    assert.equal(report.coverage['nist-csf-2.0']?.requirements, 106, 'no CSF subcategory leaves the averages');
  });

  it('does not treat it as an exclusion under the full CSF profile either', async () => {
    const report = await check(csfProfileRows, 'nist-csf-2.0');
    assert.deepEqual(report.findings.filter((finding) => finding.ruleId === 'soa-exclusion-without-justification'), []);
    assert.equal(report.coverage['nist-csf-2.0']?.requirements, 106);
    assert.ok(report.findings.some((finding) => finding.ruleId === 'uncovered-mandatory-requirement' && finding.requirement === 'PR.IR-02'));
  });

  it('still excludes an advisory Annex A control of ot-baseline, and still reports an unjustified one', async () => {
    const text = '# Plant 12\n\n## Statement of Applicability\n\n| Control | Applicable | Justification |\n| --- | --- | --- |\n| A.7.4 | No | Guarded by the landlord |\n| A.5.23 | No | |\n';
    const report = await check(text, 'ot-baseline');
    assert.deepEqual(report.findings.filter((finding) => finding.ruleId === 'soa-exclusion-without-justification').map((finding) => finding.requirement), ['A.5.23']);
    const baseline = await check('# Plant 12\n', 'ot-baseline');
    assert.equal(report.coverage['iso27001-2022']?.requirements, (baseline.coverage['iso27001-2022']?.requirements ?? 0) - 1);
  });
});
