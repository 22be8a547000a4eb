/**
 * Coverage scoring with exact numbers: status weights, path weights through plant-control mappings
 * and the crosswalk (checked against the relationships in the shipped data), group and framework
 * averages, gaps, and Statement of Applicability exclusions. Ends with the acceptance check: a plan
 * covering all 106 CSF 2.0 subcategories passes `plantgap check`, and one missing subcategory fails it.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  analyzePlan,
  buildStatementOfApplicability,
  explainId,
  loadKnowledgeBase,
  PlanParser,
  scoreCoverage,
  type CoverageAnalysis,
  type FrameworkNode,
  type KnowledgeBase,
  type Plan,
  type PlanEntry,
  type Profile,
  type Relationship,
  type RequirementCoverage,
} from '@plantgap/core';
import { fixtures, runCli } from './helpers/run-cli.js';

/** Rounded as scores are reported: four decimals. */
const round4 = (value: number) => Math.round(value * 10000) / 10000;

/** docs/crosswalk.md: full credit when, read from the covering node to the requirement, the relationship is equal or superset-of. */
const expectedPathWeight = (relationshipFromCoveringNode: Relationship) =>
  relationshipFromCoveringNode === 'equal' || relationshipFromCoveringNode === 'superset-of' ? 1 : 0.5;

const inverse: Record<Relationship, Relationship> = { equal: 'equal', 'subset-of': 'superset-of', 'superset-of': 'subset-of', 'intersects-with': 'intersects-with' };

/** A one-control plan: `## OT-X-01` with the given Covers/Implements lines and status. */
function oneControl(lines: string, status: string): string {
  return `# Plan\n\n## OT-X-01 — The control\n${lines}\n- **Status:** ${status}\n- **Owner:** OT lead\n- **Evidence:** [record](evidence/x.md)\n`;
}

describe('coverage scoring', () => {
  let knowledgeBase: KnowledgeBase;
  let csfProfile: Profile;
  let baseline: Profile;
  let certification: Profile;

  const node = (framework: string, id: string): FrameworkNode => {
    const found = knowledgeBase.node(framework, id);
    assert.ok(found, `${framework}:${id} exists`);
    return found;
  };
  const profile = (id: string): Profile => {
    const found = knowledgeBase.profiles.get(id);
    assert.ok(found, `profile ${id} exists`);
    return found;
  };
  const score = (text: string, against: Profile, file = 'plan.md'): CoverageAnalysis =>
    scoreCoverage(new PlanParser(knowledgeBase).parsePlan([{ path: file, text }]), knowledgeBase, against);
  const requirement = (analysis: CoverageAnalysis, id: string): RequirementCoverage => {
    const found = analysis.requirements.find((coverage) => coverage.node.id === id);
    assert.ok(found, `requirement ${id} is in scope`);
    return found;
  };
  /** The relationship of the data's edge from `from` to `to`, read from `from`. */
  const relationshipBetween = (from: FrameworkNode, to: FrameworkNode): Relationship => {
    const edges = knowledgeBase.edgesFrom(from).filter((edge) => edge.to.key === to.key);
    assert.equal(edges.length, 1, `expected one edge ${from.key} → ${to.key}`);
    return (edges[0] as { relationship: Relationship }).relationship;
  };

  before(async () => {
    const loaded = await loadKnowledgeBase();
    if (!loaded.ok) assert.fail(JSON.stringify(loaded.errors));
    knowledgeBase = loaded.value;
    csfProfile = profile('nist-csf-2.0');
    baseline = profile('ot-baseline');
    certification = profile('iso27001-certification');
    assert.equal(csfProfile.requirements.length, 106);
  });

  describe('status weights on a direct reference', () => {
    it('gives an implemented control full credit: requirement 1, framework 1/106', () => {
      const analysis = score(oneControl('- **Covers:** PR.IR-01', 'implemented'), csfProfile);
      const coverage = requirement(analysis, 'PR.IR-01');
      assert.deepEqual([coverage.current, coverage.planned, coverage.state, coverage.onlyPartialPaths], [1, 1, 'covered', false]);
      assert.deepEqual(
        coverage.contributions.map((c) => [c.entry.id, c.via.key, c.path, c.relationship, c.status, c.pathWeight, c.current, c.planned]),
        [['OT-X-01', 'nist-csf-2.0:PR.IR-01', 'direct', undefined, 'implemented', 1, 1, 1]],
      );
      const framework = analysis.coverage['nist-csf-2.0'];
      assert.ok(framework);
      assert.deepEqual([framework.current, framework.planned, framework.requirements], [round4(1 / 106), round4(1 / 106), 106]);
      assert.equal(framework.current, 0.0094);
      assert.deepEqual(Object.keys(analysis.coverage), ['nist-csf-2.0']);
    });

    it('gives a partial control half credit now and full credit once planned work is done', () => {
      const analysis = score(oneControl('- **Covers:** PR.IR-01', 'partial'), csfProfile);
      const coverage = requirement(analysis, 'PR.IR-01');
      assert.deepEqual([coverage.current, coverage.planned, coverage.state, coverage.onlyPartialPaths], [0.5, 1, 'partial', false]);
      assert.deepEqual(
        [analysis.coverage['nist-csf-2.0']?.current, analysis.coverage['nist-csf-2.0']?.planned],
        [round4(0.5 / 106), round4(1 / 106)],
      );
    });

    it('gives a planned control no current credit and full planned credit', () => {
      const analysis = score(oneControl('- **Covers:** PR.IR-01', 'planned'), csfProfile);
      const coverage = requirement(analysis, 'PR.IR-01');
      assert.deepEqual([coverage.current, coverage.planned, coverage.state], [0, 1, 'planned']);
      assert.deepEqual([analysis.coverage['nist-csf-2.0']?.current, analysis.coverage['nist-csf-2.0']?.planned], [0, round4(1 / 106)]);
    });

    it('gives not-started, not-applicable and a missing status no credit at all', () => {
      for (const status of ['not-started', 'not-applicable', '[Status]']) {
        const coverage = requirement(score(oneControl('- **Covers:** PR.IR-01', status), csfProfile), 'PR.IR-01');
        assert.deepEqual([coverage.current, coverage.planned, coverage.state], [0, 0, 'uncovered'], status);
      }
    });

    it('gives a deprecated reference no credit for its successor', () => {
      const coverage = requirement(score(oneControl('- **Covers:** PR.AC-5', 'implemented'), csfProfile), 'PR.IR-01');
      assert.deepEqual([coverage.current, coverage.contributions], [0, []]);
    });
  });

  describe('path weights through mappings', () => {
    it('credits a requirement through a plant control by the weight of its mapping relationship', () => {
      const plantControl = node('plant-controls', 'PC-SEG-01');
      const target = node('nist-csf-2.0', 'PR.IR-01');
      const relationship = relationshipBetween(plantControl, target);
      const weight = expectedPathWeight(relationship);
      for (const [status, statusWeight] of [['implemented', 1], ['partial', 0.5]] as const) {
        const coverage = requirement(score(oneControl('- **Implements:** PC-SEG-01', status), csfProfile), 'PR.IR-01');
        assert.equal(coverage.current, statusWeight * weight, status);
        assert.deepEqual(
          coverage.contributions.map((c) => [c.via.key, c.path, c.relationship, c.pathWeight]),
          [['plant-controls:PC-SEG-01', 'plant-control', inverse[relationship], weight]],
        );
      }
      // The data says segmentation is one way to protect networks, so it is half credit today.
      assert.deepEqual([relationship, weight], ['subset-of', 0.5]);
    });

    it('credits a requirement through the crosswalk by the weight of the pair relationship', () => {
      const cases: [string, string][] = [
        ['A.8.22', 'PR.IR-01'],
        ['A.8.16', 'DE.CM-01'],
        ['A.8.13', 'PR.DS-11'],
      ];
      const weights = new Set<number>();
      for (const [isoId, csfId] of cases) {
        const relationship = relationshipBetween(node('iso27001-2022', isoId), node('nist-csf-2.0', csfId));
        const weight = expectedPathWeight(relationship);
        weights.add(weight);
        const coverage = requirement(score(oneControl(`- **Covers:** ${isoId}`, 'implemented'), csfProfile), csfId);
        assert.equal(coverage.current, weight, `${isoId} → ${csfId} (${relationship})`);
        assert.equal(coverage.state, weight === 1 ? 'covered' : 'partial');
        assert.equal(coverage.onlyPartialPaths, weight < 1);
        const contribution = coverage.contributions.find((c) => c.via.id === isoId);
        assert.ok(contribution);
        assert.deepEqual([contribution.path, contribution.relationship, contribution.pathWeight], ['crosswalk', inverse[relationship], weight]);
      }
      assert.deepEqual([...weights].sort(), [0.5, 1], 'the cases exercise both full and half credit');
    });

    it('takes the best contribution: an implemented equal mapping beats a partial direct reference', () => {
      const text = `# Plan

## OT-BAK-01 — Backups
- **Covers:** A.8.13
- **Status:** implemented
- **Owner:** IT

## OT-BAK-02 — Backup tests
- **Covers:** PR.DS-11
- **Status:** partial
- **Owner:** OT
`;
      const coverage = requirement(score(text, csfProfile), 'PR.DS-11');
      assert.deepEqual([coverage.current, coverage.planned, coverage.state, coverage.onlyPartialPaths], [1, 1, 'covered', false]);
      assert.deepEqual(
        coverage.contributions.map((c) => [c.entry.id, c.path, c.current]).sort(),
        [['OT-BAK-01', 'crosswalk', 1], ['OT-BAK-02', 'direct', 0.5]],
      );
    });

    it('scores a requirement-keyed row (CSF Organizational Profile) as a direct contribution', async () => {
      const text = await readFile(path.join(fixtures, 'plans', 'csf-profile.md'), 'utf8');
      const analysis = score(text, csfProfile, 'csf-profile.md');
      assert.deepEqual(
        ['GV.OC-01', 'PR.IR-01', 'DE.CM-01', 'ID.AM-01'].map((id) => {
          const coverage = requirement(analysis, id);
          return [id, coverage.current, coverage.planned, coverage.state, coverage.contributions.map((c) => c.path)];
        }),
        [
          ['GV.OC-01', 1, 1, 'covered', ['direct']],
          ['PR.IR-01', 0.5, 1, 'partial', ['direct']],
          ['DE.CM-01', 0, 1, 'planned', ['direct']],
          ['ID.AM-01', 0, 0, 'uncovered', ['direct']],
        ],
      );
      assert.deepEqual(
        [analysis.coverage['nist-csf-2.0']?.current, analysis.coverage['nist-csf-2.0']?.planned],
        [round4(1.5 / 106), round4(3 / 106)],
      );
    });
  });

  describe('groups, frameworks and gaps', () => {
    it('averages each function and category over its own subcategories, in catalog order', () => {
      const text = `# Plan

## OT-A-01 — Networks
- **Covers:** PR.IR-01
- **Status:** implemented

## OT-B-01 — Environment
- **Covers:** PR.IR-02
- **Status:** partial

## OT-C-01 — Monitoring
- **Covers:** DE.CM-01
- **Status:** planned
`;
      const analysis = score(text, csfProfile);
      const framework = analysis.coverage['nist-csf-2.0'];
      assert.ok(framework);
      const size = (id: string) => knowledgeBase.assessableUnder(node('nist-csf-2.0', id)).length;
      assert.deepEqual([size('PR.IR'), size('PR'), size('DE.CM'), size('DE'), size('GV')], [4, 22, 5, 11, 31]);
      assert.deepEqual(framework.groups['PR.IR'], { current: 0.375, planned: 0.5, requirements: 4 });
      assert.deepEqual(framework.groups.PR, { current: round4(1.5 / 22), planned: round4(2 / 22), requirements: 22 });
      assert.deepEqual(framework.groups['DE.CM'], { current: 0, planned: 0.2, requirements: 5 });
      assert.deepEqual(framework.groups.DE, { current: 0, planned: round4(1 / 11), requirements: 11 });
      assert.deepEqual(framework.groups.GV, { current: 0, planned: 0, requirements: 31 });
      assert.deepEqual([framework.current, framework.planned, framework.requirements], [round4(1.5 / 106), round4(3 / 106), 106]);
      const groupIds = knowledgeBase.catalogs.get('nist-csf-2.0')?.nodes.filter((n) => !n.assessable).map((n) => n.id);
      assert.deepEqual(Object.keys(framework.groups), groupIds);
    });

    it('lists gaps mandatory first, in catalog order, with whether the plan has planned work for them', () => {
      const text = `# Plan

## OT-A-01 — Networks
- **Covers:** PR.IR-01
- **Status:** planned

## OT-B-01 — Context
- **Covers:** GV.OC-01
- **Status:** planned

## OT-C-01 — Monitoring
- **Covers:** DE.CM-01
- **Status:** implemented
`;
      const analysis = score(text, baseline);
      const gaps = analysis.gaps;
      const find = (id: string) => gaps.find((gap) => gap.requirement === id);
      assert.deepEqual(find('PR.IR-01'), { framework: 'nist-csf-2.0', requirement: 'PR.IR-01', mandatory: true, planned: true });
      assert.deepEqual(find('GV.OC-01'), { framework: 'nist-csf-2.0', requirement: 'GV.OC-01', mandatory: false, planned: true });
      // GV.OC-01 is paired with clause 6.1.2 in the crosswalk: planned work there counts for the clause too.
      assert.deepEqual(find('6.1.2'), { framework: 'iso27001-2022', requirement: '6.1.2', mandatory: true, planned: true });
      const untouched = analysis.requirements.find((c) => c.requirement.mandatory && c.contributions.length === 0);
      assert.ok(untouched);
      assert.deepEqual(find(untouched.node.id), { framework: untouched.node.framework, requirement: untouched.node.id, mandatory: true, planned: false });
      assert.equal(find('DE.CM-01'), undefined, 'a covered requirement is no gap');
      assert.equal(requirement(analysis, 'A.8.16').state, 'partial');
      assert.equal(find('A.8.16'), undefined, 'a partly covered requirement is no gap');

      const open = analysis.requirements.filter((coverage) => coverage.state === 'uncovered' || coverage.state === 'planned');
      const asGap = (coverage: RequirementCoverage) => ({ framework: coverage.node.framework, requirement: coverage.node.id, mandatory: coverage.requirement.mandatory, planned: coverage.planned > 0 });
      assert.deepEqual(gaps, [...open.filter((c) => c.requirement.mandatory).map(asGap), ...open.filter((c) => !c.requirement.mandatory).map(asGap)]);
      const firstAdvisory = gaps.findIndex((gap) => !gap.mandatory);
      assert.ok(firstAdvisory > 0 && gaps.slice(firstAdvisory).every((gap) => !gap.mandatory));
      assert.deepEqual(gaps[0], { framework: 'iso27001-2022', requirement: '6.1.2', mandatory: true, planned: true });
    });
  });

  describe('Statement of Applicability exclusions (iso27001-certification)', () => {
    let soaText: string;
    before(async () => {
      soaText = await readFile(path.join(fixtures, 'plans', 'statement-of-applicability.md'), 'utf8');
    });

    it('removes a justified exclusion from the denominator and keeps an unjustified one', () => {
      assert.equal(certification.requirements.length, 123);
      const analysis = score(soaText, certification, 'statement-of-applicability.md');
      const excluded = requirement(analysis, 'A.7.4');
      assert.equal(excluded.state, 'excluded');
      assert.deepEqual([excluded.exclusion?.entry.id, excluded.exclusion?.justified], ['A.7.4', true]);
      const unjustified = requirement(analysis, 'A.5.23');
      assert.deepEqual([unjustified.state, unjustified.exclusion?.justified], ['uncovered', false]);
      assert.deepEqual([requirement(analysis, 'A.8.22').state, requirement(analysis, 'A.8.7').state], ['covered', 'partial']);
      assert.deepEqual(analysis.coverage['iso27001-2022'], {
        ...analysis.coverage['iso27001-2022'],
        current: round4(1.5 / 122),
        planned: round4(2 / 122),
        requirements: 122,
      });
      assert.equal(analysis.coverage['iso27001-2022']?.groups['A.7']?.requirements, knowledgeBase.assessableUnder(node('iso27001-2022', 'A.7')).length - 1);
      assert.equal(analysis.gaps.some((gap) => gap.requirement === 'A.7.4'), false);
      assert.deepEqual(
        analysis.gaps.find((gap) => gap.requirement === 'A.5.23'),
        { framework: 'iso27001-2022', requirement: 'A.5.23', mandatory: true, planned: false },
      );
    });

    it('does not let the SoA exclude an ISMS clause, even with a justification', () => {
      const text = `# ISMS

## Statement of Applicability

| Control | Title | Applicable | Status | Justification |
| --- | --- | --- | --- | --- |
| Clause 6.1.2 | Risk assessment | No | not-applicable | We prefer not to assess risk |
`;
      const analysis = score(text, certification);
      const clause = requirement(analysis, '6.1.2');
      // Not an exclusion at all: only Annex A controls marked excludableInSoA can be excluded.
      assert.deepEqual([clause.state, clause.exclusion], ['uncovered', undefined]);
      assert.equal(analysis.coverage['iso27001-2022']?.requirements, 123);
    });

    it('lets a justified exclusion remove an advisory requirement of another profile', () => {
      const analysis = score(soaText, baseline, 'statement-of-applicability.md');
      assert.equal(requirement(analysis, 'A.7.4').requirement.mandatory, false);
      assert.equal(requirement(analysis, 'A.7.4').state, 'excluded');
      const isoInBaseline = baseline.requirements.filter((r) => r.node.framework === 'iso27001-2022').length;
      assert.equal(analysis.coverage['iso27001-2022']?.requirements, isoInBaseline - 1);
    });
  });

  describe('memory', () => {
    it("keeps an analysed plan's entries alive no longer than the plan, though the next analysis may patch its mapping", async () => {
      setFlagsFromString('--expose-gc');
      const collectGarbage = runInNewContext('gc') as () => void;
      const parse = (text: string) => new PlanParser(knowledgeBase, { cacheCharacters: 0 }).parsePlan([{ path: 'plan.md', text }]);
      let plan: Plan | undefined = parse(oneControl('- **Covers:** PR.IR-01', 'implemented'));
      const entry = new WeakRef(plan.entries[0] as PlanEntry);
      assert.equal(requirement(scoreCoverage(plan, knowledgeBase, csfProfile), 'PR.IR-01').current, 1);
      // The next plan analysed with the same knowledge base, as a server or a benchmark would.
      const next = parse(oneControl('- **Covers:** PR.IR-02', 'implemented'));
      assert.equal(requirement(scoreCoverage(next, knowledgeBase, csfProfile), 'PR.IR-02').current, 1);
      plan = undefined;
      await new Promise((resolve) => setImmediate(resolve));
      collectGarbage();
      assert.equal(entry.deref(), undefined);
    });
  });

  describe('a requirement reached by more entries than a call takes arguments', () => {
    it('takes the best credit in the score, the SoA and explain (Math.max(...list) overflows the stack past ~125,000)', () => {
      const plan = new PlanParser(knowledgeBase).parsePlan([{ path: 'plan.md', text: oneControl('- **Covers:** A.5.1', 'partial') }]);
      const template = plan.entries[0];
      assert.ok(template);
      for (let index = 2; index <= 200_000; index++) plan.entries.push({ ...template, id: `OT-X-${index}` });
      // The best contribution comes last, so a loop that stopped early would miss it.
      plan.entries.push({ ...template, id: 'OT-Y-01', status: 'implemented' });
      const analysis = analyzePlan(plan, knowledgeBase, certification);
      assert.equal(requirement(analysis.coverage, 'A.5.1').current, 1);

      const soa = buildStatementOfApplicability({ analysis, knowledgeBase, files: ['plan.md'] });
      const row = soa?.controls.find((control) => control.control === 'A.5.1');
      assert.equal(row?.status, 'implemented');
      assert.equal(row?.current, 1);
      assert.equal(row?.implementedBy.length, 200_001);

      const explained = explainId('A.5.1', { analysis, knowledgeBase });
      assert.ok(explained.ok);
      const explanation = explained.explanations.find((candidate) => candidate.kind === 'requirement');
      assert.equal(explanation?.kind === 'requirement' && explanation.current, 1);
    });
  });

  describe('acceptance: a plan covering all 106 CSF 2.0 subcategories', () => {
    let directory: string;
    let subcategories: string[];

    /** One heading control per subcategory, implemented, with an owner and evidence. */
    const fullPlan = (ids: readonly string[]) =>
      `# Security plan — full CSF 2.0 coverage\n\n${ids
        .map(
          (id, index) =>
            `## CSF-${String(index + 1).padStart(3, '0')} — Outcome ${id}\n- **Covers:** ${id}\n- **Status:** implemented\n- **Owner:** Plant CSO\n- **Evidence:** [record](evidence/${id}.md)\n`,
        )
        .join('\n')}`;

    before(async () => {
      directory = await mkdtemp(path.join(os.tmpdir(), 'plantgap-acceptance-'));
      subcategories = (knowledgeBase.catalogs.get('nist-csf-2.0')?.nodes ?? []).filter((n) => n.assessable).map((n) => n.id);
      assert.equal(subcategories.length, 106);
    });
    after(async () => {
      await rm(directory, { recursive: true, force: true });
    });

    it('passes `check --profile nist-csf-2.0` with full coverage and no gaps', async () => {
      await writeFile(path.join(directory, 'full.md'), fullPlan(subcategories));
      const result = runCli(['check', 'full.md', '--profile', 'nist-csf-2.0', '--format', 'json'], { cwd: directory });
      assert.equal(result.status, 0, result.stderr);
      const report = JSON.parse(result.stdout);
      assert.equal(report.coverage['nist-csf-2.0'].current, 1);
      assert.equal(report.coverage['nist-csf-2.0'].planned, 1);
      assert.deepEqual(report.gaps, []);
      assert.equal(report.summary.errors, 0);
      assert.deepEqual(report.findings.filter((f: { severity: string }) => f.severity === 'error'), []);
      for (const group of Object.values(report.coverage['nist-csf-2.0'].groups) as { current: number }[]) assert.equal(group.current, 1);
    });

    it('fails with exactly one gap and one error when PR.IR-01 is left out', async () => {
      await writeFile(path.join(directory, 'missing.md'), fullPlan(subcategories.filter((id) => id !== 'PR.IR-01')));
      const result = runCli(['check', 'missing.md', '--profile', 'nist-csf-2.0', '--format', 'json'], { cwd: directory });
      assert.equal(result.status, 1, result.stderr);
      const report = JSON.parse(result.stdout);
      assert.deepEqual(report.gaps, [{ framework: 'nist-csf-2.0', requirement: 'PR.IR-01', mandatory: true, planned: false }]);
      const errors = report.findings.filter((f: { severity: string }) => f.severity === 'error');
      assert.equal(errors.length, 1);
      assert.deepEqual([errors[0].ruleId, errors[0].requirement, errors[0].file], ['uncovered-mandatory-requirement', 'PR.IR-01', 'missing.md']);
      assert.equal(report.summary.errors, 1);
      assert.equal(report.coverage['nist-csf-2.0'].current, round4(105 / 106));
      assert.equal(report.coverage['nist-csf-2.0'].groups['PR.IR'].current, 0.75);
    });
  });
});
