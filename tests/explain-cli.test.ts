/**
 * `plantgap explain` as a real process: requirements in every citation form the plan format
 * accepts, superseded ids, grouping nodes, plant controls and the plan's own controls — what covers
 * what, by which path, with which weight and status, and where in the plan — plus unknown ids
 * answered with suggestions and exit code 2.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './helpers/run-cli.js';

const example = 'examples/plant-2-security-plan.md';

interface Reason {
  control: string;
  path: string;
  via: string;
  relationship?: string;
  status?: string;
  pathWeight: number;
  current: number;
  planned: number;
  file: string;
  line: number;
}

interface ExplainJson {
  profile: string;
  explanations: {
    kind: string;
    node?: { id: string; framework: string; isPlantControl?: boolean };
    state?: string;
    current?: number;
    planned?: number;
    profile?: { inScope: boolean; mandatory: boolean };
    covering?: Reason[];
    withoutCredit?: Reason[];
    coveredThrough?: { id: string; origin: string; relationship: string; pathWeight: number; referencedByPlan: boolean }[];
    maps?: { id: string; relationship: string; pathWeight: number }[];
    verdict?: string[];
    successors?: { id: string }[];
    explanations?: { node: { id: string } }[];
    requirements?: { id: string; state?: string }[];
    id?: string;
    line?: number;
    covers?: { id: string; path: string; via: string; line: number; inProfile: boolean; mandatory: boolean; pathWeight: number }[];
    ignoredReferences?: { text: string; line: number; note: string }[];
  }[];
}

function explainJson(...args: string[]): ExplainJson {
  const result = runCli(['explain', ...args, '--format', 'json']);
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as ExplainJson;
}

describe('plantgap explain', () => {
  describe('a requirement', () => {
    it('lists what covers it, with path, weight, status and file:line (text)', () => {
      const result = runCli(['explain', 'PR.IR-01', example]);
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /^PR\.IR-01 — Networks protected from unauthorized access\nNIST Cybersecurity Framework 2\.0 subcategory · profile ot-baseline: mandatory\n/);
      assert.match(result.stdout, /State: covered · 100% now, 100% planned/);
      assert.match(result.stdout, /Covered by:\n {2}OT-SEG-01 \(implemented\): direct reference → 100% now, 100% planned {2}examples\/plant-2-security-plan\.md:49\n/);
      assert.match(result.stdout, /OT-SEG-01 \(implemented\): via plant control PC-SEG-01 \(requirement superset-of PC-SEG-01, weight 0\.5\) → 50% now, 50% planned/);
      assert.match(result.stdout, /OT-SEG-01 \(implemented\): via crosswalk from A\.8\.22 \(requirement superset-of A\.8\.22, weight 0\.5\)/);
    });

    it('accepts the citation forms of the plan format and answers the same node (json)', () => {
      for (const [written, id] of [['Annex A 8.22', 'A.8.22'], ['ISO 27001 A.8.22', 'A.8.22'], ['A.8.22', 'A.8.22'], ['Clause 6.1.2', '6.1.2'], ['ISO/IEC 27001:2022 6.1.2', '6.1.2']] as const) {
        const explanation = explainJson(written, example).explanations[0];
        assert.deepEqual([explanation?.kind, explanation?.node?.id, explanation?.node?.framework], ['requirement', id, 'iso27001-2022'], written);
      }
      const clause = explainJson('Clause 6.1.2', example).explanations[0];
      assert.deepEqual([clause?.state, clause?.current, clause?.planned], ['partial', 0.5, 1]);
      assert.deepEqual(
        clause?.covering?.map((reason) => [reason.control, reason.path, reason.status, reason.current, reason.line]),
        [
          ['OT-RSK-01', 'direct', 'partial', 0.5, 40],
          ['OT-GOV-01', 'crosswalk', 'implemented', 0.5, 24],
          ['OT-RSK-01', 'crosswalk', 'partial', 0.25, 40],
          ['OT-RSK-01', 'crosswalk', 'partial', 0.25, 40],
        ],
      );
    });

    it('says when nothing references it, and what would cover it', () => {
      const explanation = explainJson('A.5.5', example).explanations[0];
      assert.deepEqual([explanation?.state, explanation?.covering, explanation?.withoutCredit], ['uncovered', [], []]);
      assert.equal(explanation?.verdict?.[0], 'Nothing in the plan references it, directly or through a plant control or a crosswalk.');
      const text = runCli(['explain', 'A.5.5', example]).stdout;
      assert.match(text, /Nothing in the plan references it/);
      for (const related of explanation?.coveredThrough ?? []) assert.match(text, new RegExp(`  ${related.id.replace(/\./g, '\\.')}  .*\\(${related.origin === 'plant-control' ? 'plant-control mapping' : 'crosswalk'}: ${related.id.replace(/\./g, '\\.')} ${related.relationship} A\\.5\\.5, weight ${related.pathWeight}\\)`));
    });

    it('says why a referencing control gives no credit, and names the plant controls that would cover it fully', async () => {
      const directory = await mkdtemp(path.join(os.tmpdir(), 'plantgap-explain-'));
      try {
        const plan = path.join(directory, 'plan.md');
        await writeFile(plan, '# Plant 13\n\n## OT-AST-01 — Asset inventory\n- **Covers:** ID.AM-01\n- **Status:** not-started\n- **Owner:** OT engineering lead\n');
        const explanation = explainJson('ID.AM-01', plan).explanations[0];
        assert.deepEqual(explanation?.withoutCredit?.map((reason) => [reason.control, reason.status, reason.line]), [['OT-AST-01', 'not-started', 3]]);
        assert.equal(explanation?.verdict?.[0], 'Referenced by OT-AST-01, but without credit: status not-started.');
        const full = (explanation?.coveredThrough ?? []).filter((related) => related.origin === 'plant-control' && related.pathWeight === 1).map((related) => related.id);
        assert.ok(full.includes('PC-AST-01'));
        assert.equal(explanation?.verdict?.[1], `Plant controls that would cover it fully: ${full.join(', ')} — or reference ID.AM-01 directly.`);
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
    });

    it('explains a superseded id by what replaced it', () => {
      const result = runCli(['explain', 'PR.AC-5', example]);
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /^PR\.AC-5 is an id of NIST Cybersecurity Framework 1\.1, a superseded version: replaced by PR\.IR-01 \(nist-csf-2\.0\)/);
      assert.match(result.stdout, /References to it earn nothing; cite the current id instead\.\n\nPR\.IR-01 — /);
      const json = explainJson('A.13.1.3', example).explanations[0];
      assert.equal(json?.kind, 'deprecated');
      assert.ok((json?.successors ?? []).length > 0);
      assert.deepEqual(json?.explanations?.map((successor) => successor.node.id), json?.successors?.map((successor) => successor.id));
    });

    it('lists the requirements under a grouping node', () => {
      const explanation = explainJson('PR.IR', example).explanations[0];
      assert.equal(explanation?.kind, 'group');
      assert.deepEqual(explanation?.requirements?.map((requirement) => [requirement.id, requirement.state]).slice(0, 2), [['PR.IR-01', 'covered'], ['PR.IR-02', 'uncovered']]);
    });

    it('explains a plant control: who implements it and what it covers', () => {
      const explanation = explainJson('PC-SEG-01', example).explanations[0];
      assert.equal(explanation?.node?.isPlantControl, true);
      assert.deepEqual(explanation?.covering?.[0] && [explanation.covering[0].control, explanation.covering[0].path], ['OT-SEG-01', 'direct']);
      assert.deepEqual(explanation?.maps?.map((mapped) => [mapped.id, mapped.relationship, mapped.pathWeight]), [['PR.IR-01', 'subset-of', 0.5], ['A.8.22', 'equal', 1], ['A.8.20', 'subset-of', 0.5]]);
    });
  });

  describe('a plan control', () => {
    it('lists what it covers directly, via plant controls and via crosswalks, with the reference line', () => {
      const result = runCli(['explain', 'OT-RMD-01', example]);
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /^OT-RMD-01 — Removable media control {2}\(examples\/plant-2-security-plan\.md:57\)\nStatus: partial · Owner: Maintenance manager · Target: USB kiosk at every line by 2027-04-30\n/);
      assert.match(result.stdout, /Direct references \(3; profile ot-baseline\):\n {2}A\.7\.10 {2}Storage media \[mandatory\] → 50% now, 100% planned {2}examples\/plant-2-security-plan\.md:59\n/);
      assert.match(result.stdout, /Via plant-control mappings \(\d+; profile ot-baseline\):\n {2}A\.7\.10 {2}Storage media \[mandatory\] via PC-RMD-01 \(A\.7\.10 intersects-with PC-RMD-01, weight 0\.5\) → 25% now, 50% planned {2}examples\/plant-2-security-plan\.md:58\n/);
      assert.match(result.stdout, /Via crosswalks \(\d+; profile ot-baseline\):\n {2}A\.7\.7 {2}Clear desk and clear screen \[advisory\] via PR\.DS-01 \(A\.7\.7 subset-of PR\.DS-01, weight 1\)/);
    });

    it('matches the id case-insensitively and reports references that earn nothing (json)', () => {
      const explanation = explainJson('ot-det-01', example).explanations[0];
      assert.deepEqual([explanation?.kind, explanation?.id, explanation?.line], ['control', 'OT-DET-01', 73]);
      assert.deepEqual(explanation?.ignoredReferences?.map((reference) => [reference.text, reference.line]), [['PR.AC-7', 75]]);
      assert.match(explanation?.ignoredReferences?.[0]?.note ?? '', /superseded id; earns nothing — use /);
      const direct = explanation?.covers?.filter((item) => item.path === 'direct').map((item) => item.id);
      // Requirements of the profile first (in catalog order), then the plant controls, which are not in it.
      assert.deepEqual(direct, ['A.8.16', 'DE.CM-01', 'DE.CM-03', 'DE.AE-02', 'PC-DET-01', 'PC-DET-02']);
    });
  });

  describe('errors', () => {
    it('answers an unknown id with suggestions and exit code 2', () => {
      const control = runCli(['explain', 'OT-RMD-1', example]);
      assert.equal(control.status, 2);
      assert.equal(control.stderr, 'plantgap explain: "OT-RMD-1" is neither a control of the plan nor a requirement or plant control plantgap knows; did you mean OT-RMD-01?\n');
      const requirement = runCli(['explain', 'PR.IR-1', example]);
      assert.equal(requirement.status, 2);
      assert.match(requirement.stderr, /did you mean PR\.IR-01/);
      assert.equal(requirement.stdout, '');
    });

    it('needs an id (exit 2, usage, no stack trace)', () => {
      const result = runCli(['explain']);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /^plantgap explain: give the id to explain/);
      assert.match(result.stderr, /Usage: plantgap explain ID/);
      assert.doesNotMatch(result.stderr, /\n\s+at /);
    });

    it('refuses an unknown format', () => {
      const result = runCli(['explain', 'PR.IR-01', example, '--format', 'yaml']);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /unknown --format "yaml"; expected one of: text, json/);
    });
  });
});
