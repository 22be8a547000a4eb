/**
 * `plantgap check` analyses file by file (checkPlansFileByFile): each file's plan is checked by the
 * entry and item rules as it is parsed, and only a summary of it is kept for coverage and the plan
 * rules. `report`, `soa` and `explain` keep the whole plan (checkPlans). The two must agree to the
 * byte in every output format, on plans whose findings cross files: duplicate ids, settings and
 * titles in later files, disable comments, Statement of Applicability exclusions, unreadable files.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  checkPlans,
  checkPlansFileByFile,
  formatJson,
  formatJunit,
  formatMarkdown,
  formatSarif,
  formatStylish,
  type CheckPlansOptions,
  type CheckReportInput,
} from '@plantgap/core';
import { generatePlan } from '../bench/generate-plan.mjs';
import { fixtures, repositoryRoot, runCli } from './helpers/run-cli.js';

/** Every output format of `plantgap check`, quiet and not, as text. */
function outputs(input: CheckReportInput): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const quiet of [false, true]) {
    const suffix = quiet ? ' --quiet' : '';
    texts[`json${suffix}`] = formatJson(input.analysis, input.files, input.knowledgeBase, { quiet });
    texts[`sarif${suffix}`] = formatSarif(input, { quiet });
    texts[`junit${suffix}`] = formatJunit(input, { quiet });
    texts[`markdown${suffix}`] = formatMarkdown(input, { quiet });
    texts[`stylish${suffix}`] = formatStylish(input.analysis, { quiet, color: false });
  }
  return texts;
}

/** Checks both ways and compares every format; returns the whole-plan check for further assertions. */
async function assertSameBothWays(options: CheckPlansOptions): Promise<CheckReportInput> {
  const whole = await checkPlans(options);
  const byFile = await checkPlansFileByFile(options);
  assert.ok(whole.ok && byFile.ok, JSON.stringify([whole, byFile].map((result) => (result.ok ? 'ok' : result.errors))));
  assert.deepEqual(byFile.value.files, whole.value.files);
  const expected = outputs(whole.value);
  const actual = outputs(byFile.value);
  for (const format of Object.keys(expected)) assert.equal(actual[format], expected[format], `${format} differs`);
  return whole.value;
}

describe('check file by file', () => {
  let directory: string;
  afterEach(async () => {
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('gives the whole-plan check’s output on the fixture plans and the examples', async () => {
    await assertSameBothWays({ cwd: repositoryRoot, paths: [path.join(fixtures, 'plans')] });
    await assertSameBothWays({ cwd: repositoryRoot, paths: ['examples'] });
    await assertSameBothWays({ cwd: repositoryRoot, paths: [path.join(fixtures, 'plans', 'statement-of-applicability.md')], profile: 'iso27001-certification' });
    await assertSameBothWays({ cwd: repositoryRoot, paths: [path.join(fixtures, 'check-formats', 'ci-plan.md')], profile: path.join(fixtures, 'check-formats', 'ci-gate.yml') });
  });

  it('gives the same output when findings and settings cross files', async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'plantgap-by-file-'));
    await mkdir(path.join(directory, 'plan'));
    const files: Record<string, string> = {
      // No title and no settings: the plan's title and plan-level findings belong to a later file.
      'plan/01-notes.md': 'Review notes, no heading.\n\n## OT-SEG-01 — Zone firewalls\n- **Covers:** PR.IR-01, A.8.22\n- **Status:** implemented\n',
      // The profile comes from the second file's front matter; OT-SEG-01 is used again here.
      'plan/02-main.md': [
        '---',
        'plantgap:',
        '  profile: iso27001-certification',
        '---',
        '# Plant 7 security plan',
        '',
        '## OT-SEG-01 — Duplicate of the first file’s control',
        '- **Covers:** DE.CM-01, ISO 27001 A.8.16',
        '- **Status:** partial',
        '',
        '<!-- plantgap-disable-next-line missing-owner -->',
        '## OT-RMD-01 — Removable media',
        '- **Covers:** A.8.7',
        '- **Status:** planned',
        '',
        '## Statement of Applicability',
        '',
        '| Control | Title | Applicable | Status | Justification |',
        '| --- | --- | --- | --- | --- |',
        '| A.7.4 | Physical security monitoring | No | not-applicable | Guarded by the landlord |',
        '| A.5.23 | Cloud services | No | not-applicable |  |',
        '| A.8.22 | Segregation of networks | Yes | implemented | Zones |',
        '',
      ].join('\n'),
      // A target level set in the body of a later file, a third use of the id, an unknown reference and template text.
      'plan/03-annex.md': '# Annex\n\nTarget security level: SL-2\n\n## OT-SEG-01 — Third use\n- **Covers:** PR.XX-99\n- **Owner:** [TBD]\n\n| Asset | Zone | Criticality |\n| --- | --- | --- |\n| PLC-1 | Cell 1 |  |\n',
      // Bad front matter, and a file that cannot be read as text.
      'plan/04-bad.md': '---\nplantgap: [not, a, mapping\n---\n# Bad\n\n## OT-IAM-01 — Logins\n- **Status:** sometime soon\n',
      'plan/05-binary.md': 'binary\u0000file\n',
    };
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(directory, name), text);
    const whole = await assertSameBothWays({ cwd: directory, paths: ['plan'] });

    // The comparison means something only if the plan has the cross-file findings it was written for.
    const ruleIds = new Set(whole.analysis.findings.map((finding) => finding.ruleId));
    for (const ruleId of ['duplicate-control-id', 'soa-exclusion-without-justification', 'unknown-reference', 'unfilled-template', 'invalid-front-matter', 'unreadable-file', 'invalid-status', 'asset-without-criticality']) {
      assert.ok(ruleIds.has(ruleId), `${ruleId} among ${[...ruleIds].join(', ')}`);
    }
    assert.equal(whole.analysis.profile.id, 'iso27001-certification');
    assert.equal(whole.analysis.plan.metadata.title?.file, 'plan/02-main.md');
    assert.equal(whole.analysis.plan.metadata.targets.securityLevel?.value, 'SL-2');
    assert.ok(!whole.analysis.findings.some((finding) => finding.ruleId === 'missing-owner' && finding.control === 'OT-RMD-01'), 'the disable comment holds');
  });

  it('gives the same output on generated plans of many files', async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'plantgap-by-file-'));
    // Seeds reused across files give duplicate ids; sizes differ so files are of several shapes.
    for (const [index, controls] of [300, 120, 300, 40].entries()) {
      await writeFile(path.join(directory, `plant-${index}.md`), generatePlan(controls, { seed: 100 + (index % 3), title: `Plant ${index}` }));
    }
    const whole = await assertSameBothWays({ cwd: directory, paths: ['.'] });
    assert.ok(whole.analysis.findings.length > 500, `${whole.analysis.findings.length} findings`);
  });

  it('is what the plantgap check process prints', async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'plantgap-by-file-'));
    for (const index of [0, 1]) await writeFile(path.join(directory, `plant-${index}.md`), generatePlan(60, { seed: 7 + index, title: `Plant ${index}` }));
    const whole = await checkPlans({ cwd: directory, paths: ['.'] });
    assert.ok(whole.ok);
    const result = runCli(['check', '.', '--format', 'json'], { cwd: directory });
    assert.equal(result.stdout, formatJson(whole.value.analysis, whole.value.files, whole.value.knowledgeBase));
  });
});
