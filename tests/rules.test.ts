/**
 * Every rule, through the public API: for each rule id a plan that triggers it (exact rule id,
 * severity and place) and one that does not; disable comments; severity overrides from the config;
 * and the quick fixes, applied to the plan text to show they repair what they claim to.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  checkPlans,
  loadKnowledgeBase,
  normalizeText,
  PlanParser,
  rules,
  runRules,
  scoreCoverage,
  type Finding,
  type KnowledgeBase,
  type PlanSource,
  type Profile,
  type SeverityOverrides,
  type TextEdit,
} from '@plantgap/core';
import { fixtures } from './helpers/run-cli.js';

const plansDirectory = path.join(fixtures, 'plans');

async function fixture(name: string): Promise<PlanSource> {
  return { path: name, text: await readFile(path.join(plansDirectory, name), 'utf8') };
}

/**
 * A plan with front matter (target level) and an asset inventory, so plan-level rules stay quiet.
 * `body` starts on line 11; the H1 is on line 5.
 */
function withPreamble(body: string): string {
  return `---
plantgap:
  target: { security-level: SL-2 }
---
# Plant 13 security plan

| Asset | Zone | Criticality |
| --- | --- | --- |
| SCADA server | Site operations | high |

${body}`;
}

/** A control that satisfies every rule: lines 11–15 of {@link withPreamble}. */
const cleanControl = `## OT-SEG-01 — Segmentation behind an industrial DMZ
- **Covers:** PR.IR-01
- **Status:** implemented
- **Owner:** OT network lead
- **Evidence:** [firewall review](evidence/fw.md)
`;

/** Applies edits to one file's text (1-based ranges; edits do not overlap). */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = normalizeText(text).split('\n');
  const offset = (line: number, column: number) => lines.slice(0, line - 1).reduce((sum, current) => sum + current.length + 1, 0) + column - 1;
  const normalized = normalizeText(text);
  const sorted = [...edits].sort((a, b) => offset(b.range.start.line, b.range.start.column) - offset(a.range.start.line, a.range.start.column));
  let result = normalized;
  for (const edit of sorted) {
    const start = Math.min(offset(edit.range.start.line, edit.range.start.column), result.length);
    const end = Math.min(offset(edit.range.end.line, edit.range.end.column), result.length);
    result = result.slice(0, start) + edit.newText + result.slice(end);
  }
  return result;
}

/** Where a finding starts, with its rule and severity: what a user sees first. */
const placeOf = (finding: Finding) => [finding.ruleId, finding.severity, finding.range.start.line, finding.range.start.column];

describe('rules', () => {
  let knowledgeBase: KnowledgeBase;
  /** One mandatory requirement, PR.IR-01: findings then come from the plan alone. */
  let narrow: Profile;

  const findingsFor = (sources: PlanSource | PlanSource[], overrides: SeverityOverrides = {}, profile: Profile = narrow): Finding[] => {
    const plan = new PlanParser(knowledgeBase).parsePlan(Array.isArray(sources) ? sources : [sources]);
    return runRules({ plan, knowledgeBase, profile, analysis: scoreCoverage(plan, knowledgeBase, profile) }, overrides);
  };
  const plan = (text: string, file = 'p.md'): PlanSource => ({ path: file, text });
  const certification = (): Profile => {
    const profile = knowledgeBase.profiles.get('iso27001-certification');
    assert.ok(profile);
    return profile;
  };
  const ofRule = (findings: Finding[], ruleId: string) => findings.filter((finding) => finding.ruleId === ruleId);

  before(async () => {
    const loaded = await loadKnowledgeBase();
    if (!loaded.ok) assert.fail(JSON.stringify(loaded.errors));
    knowledgeBase = loaded.value;
    const node = knowledgeBase.node('nist-csf-2.0', 'PR.IR-01');
    assert.ok(node);
    narrow = { id: 'pr-ir-01-only', title: 'PR.IR-01 only', file: '(test)', frameworks: ['nist-csf-2.0'], targets: {}, requirements: [{ node, mandatory: true, excludableInSoA: false }] };
  });

  it('reports nothing on a complete plan', () => {
    assert.deepEqual(findingsFor(plan(withPreamble(cleanControl))), []);
  });

  /**
   * One positive and one negative case per rule. `positive` returns the findings of the whole
   * analysis; the test checks those of the rule: exact places, severity and anything more `check` says.
   */
  interface RuleCase {
    positive(): Promise<Finding[]> | Finding[];
    /** [line, column] of each expected finding, in order. */
    places: [number, number][];
    severity: Finding['severity'];
    check?(findings: Finding[]): void;
    negative(): Promise<Finding[]> | Finding[];
  }

  const withTemporaryFiles = async (files: Record<string, string | Buffer>, paths: string[]): Promise<Finding[]> => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'plantgap-rules-'));
    try {
      for (const [name, content] of Object.entries(files)) await writeFile(path.join(directory, name), content);
      const result = await checkPlans({ cwd: directory, paths, profile: 'nist-csf-2.0' });
      if (!result.ok) assert.fail(JSON.stringify(result.errors));
      return result.value.analysis.findings;
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  };

  const cases: Record<string, RuleCase> = {
    'unreadable-file': {
      positive: () =>
        withTemporaryFiles({ 'plan.md': withPreamble(cleanControl), 'drawing.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a]) }, ['plan.md', 'drawing.md']),
      places: [[1, 1]],
      severity: 'warning',
      check: ([finding]) => {
        assert.equal(finding?.file, 'drawing.md');
        assert.match(finding?.message ?? '', /drawing\.md skipped: binary/);
      },
      negative: () => withTemporaryFiles({ 'plan.md': withPreamble(cleanControl) }, ['plan.md']),
    },
    'invalid-front-matter': {
      positive: async () => findingsFor(await fixture('bad-front-matter.md')),
      places: [
        [5, 3],
        [6, 29],
      ],
      severity: 'error',
      check: ([unknownKey, badLevel]) => {
        assert.match(unknownKey?.message ?? '', /colour/);
        assert.match(badLevel?.message ?? '', /security-level/);
      },
      negative: () => findingsFor(plan(withPreamble(cleanControl))),
    },
    'uncovered-mandatory-requirement': {
      positive: () => findingsFor(plan(withPreamble(cleanControl.replace('implemented', 'planned')))),
      places: [[5, 1]],
      severity: 'error',
      check: ([finding]) => {
        assert.equal(finding?.requirement, 'PR.IR-01');
        assert.equal(finding?.message, 'Mandatory requirement PR.IR-01 (Networks protected from unauthorized access) of profile pr-ir-01-only is not covered; planned in OT-SEG-01 but not implemented yet.');
        assert.deepEqual(finding?.fix?.edits, [
          {
            file: 'p.md',
            range: { start: { line: 16, column: 1 }, end: { line: 16, column: 1 } },
            newText: '\n## NEW-PR-IR-01 — Networks protected from unauthorized access\n- **Covers:** PR.IR-01\n- **Status:** planned\n- **Owner:** TBD\n- **Target:** TBD\n',
          },
        ]);
      },
      negative: () => findingsFor(plan(withPreamble(cleanControl))),
    },
    'unknown-reference': {
      positive: async () => findingsFor(await fixture('references.md')),
      places: [
        [4, 34],
        [4, 43],
      ],
      severity: 'error',
      check: ([mistyped, invented]) => {
        assert.equal(mistyped?.message, 'Unknown reference "PR.IR-1"; did you mean PR.IR-01, PR.IP-1?');
        assert.equal(mistyped?.control, 'OT-REF-01');
        assert.deepEqual(mistyped?.fix?.edits, [{ file: 'references.md', range: { start: { line: 4, column: 34 }, end: { line: 4, column: 41 } }, newText: 'PR.IR-01' }]);
        assert.deepEqual(invented?.fix?.edits.map((edit) => edit.newText), ['A.8.34']);
        assert.deepEqual(invented?.alternativeFixes?.map((fix) => fix.edits[0]?.newText), ['A.8.33', 'A.8.32']);
      },
      negative: () => findingsFor(plan(withPreamble(cleanControl))),
    },
    'deprecated-reference': {
      positive: async () => findingsFor(await fixture('references.md')),
      places: [
        [4, 15],
        [4, 24],
      ],
      severity: 'warning',
      check: ([csf, iso]) => {
        assert.match(csf?.message ?? '', /PR\.AC-5 .*PR\.IR-01/);
        assert.deepEqual(csf?.fix?.edits, [{ file: 'references.md', range: { start: { line: 4, column: 15 }, end: { line: 4, column: 22 } }, newText: 'PR.IR-01' }]);
        assert.deepEqual(iso?.fix?.edits, [{ file: 'references.md', range: { start: { line: 4, column: 24 }, end: { line: 4, column: 32 } }, newText: 'A.8.22' }]);
      },
      negative: () => findingsFor(plan(withPreamble(cleanControl))),
    },
    'ambiguous-reference': {
      positive: async () => findingsFor(await fixture('references.md')),
      places: [[4, 51]],
      severity: 'warning',
      check: ([finding]) => {
        assert.match(finding?.message ?? '', /"ISO 27001 8\.1" is read as 8\.1 .* could mean A\.8\.1/);
        assert.deepEqual(finding?.fix?.edits, [{ file: 'references.md', range: { start: { line: 4, column: 51 }, end: { line: 4, column: 64 } }, newText: 'Clause 8.1' }]);
        assert.deepEqual(finding?.alternativeFixes?.map((fix) => fix.edits[0]?.newText), ['A.8.1']);
      },
      negative: () => findingsFor(plan(withPreamble(cleanControl.replace('PR.IR-01', 'PR.IR-01, Clause 8.1, A.8.1, ISO 27001 A.8.1')))),
    },
    'non-assessable-reference': {
      positive: async () => findingsFor(await fixture('references.md')),
      places: [[10, 15]],
      severity: 'info',
      check: ([finding]) => {
        assert.equal(finding?.control, 'OT-REF-02');
        assert.match(finding?.message ?? '', /PR\.IR is a category .*PR\.IR-01, PR\.IR-02, PR\.IR-03, PR\.IR-04/);
      },
      // Outside any control, prose may name a category freely.
      negative: () => findingsFor(plan(withPreamble(`Networks fall under the PR.IR category of CSF 2.0.\n\n${cleanControl}`))),
    },
    'invalid-status': {
      positive: () => findingsFor(plan(withPreamble(cleanControl.replace('implemented', 'approved')))),
      places: [[13, 15]],
      severity: 'error',
      check: ([finding]) => assert.match(finding?.message ?? '', /Status "approved" of OT-SEG-01 is not a status/),
      negative: () => findingsFor(plan(withPreamble(`${cleanControl.replace('implemented', 'In progress')}- **Target:** 2027\n`))),
    },
    'missing-status': {
      positive: () => findingsFor(plan(withPreamble(cleanControl.replace('- **Status:** implemented\n', '')))),
      places: [[11, 4]],
      severity: 'warning',
      check: ([finding]) => {
        assert.equal(finding?.control, 'OT-SEG-01');
        // After the last attribute line (Evidence, line 14 once Status is gone).
        assert.deepEqual(finding?.fix?.edits, [{ file: 'p.md', range: { start: { line: 15, column: 1 }, end: { line: 15, column: 1 } }, newText: '- **Status:** planned\n' }]);
      },
      // A control excluded in the SoA needs a justification, not a status.
      negative: () =>
        findingsFor(
          plan(withPreamble(`${cleanControl}\n## Statement of Applicability\n\n| Control | Applicable | Status | Justification |\n| --- | --- | --- | --- |\n| A.7.4 | No |  | The site is guarded by the landlord |\n`)),
        ),
    },
    'missing-owner': {
      positive: () => findingsFor(plan(withPreamble(cleanControl.replace('- **Owner:** OT network lead\n', '')))),
      places: [[11, 4]],
      severity: 'warning',
      check: ([finding]) =>
        assert.deepEqual(finding?.fix?.edits, [{ file: 'p.md', range: { start: { line: 15, column: 1 }, end: { line: 15, column: 1 } }, newText: '- **Owner:** TBD\n' }]),
      negative: () => findingsFor(plan(withPreamble(`${cleanControl}\n## OT-NA-01 — Wireless segregation\n- **Status:** not-applicable\n\nThe plant runs no wireless networks at all.\n`))),
    },
    'missing-target': {
      positive: () => findingsFor(plan(withPreamble(cleanControl.replace('implemented', 'partial')))),
      places: [[11, 4]],
      severity: 'warning',
      check: ([finding]) => {
        assert.match(finding?.message ?? '', /OT-SEG-01 is partial and has no target/);
        assert.deepEqual(finding?.fix?.edits.map((edit) => [edit.range.start, edit.newText]), [[{ line: 16, column: 1 }, '- **Target:** TBD\n']]);
      },
      // Done work needs no target.
      negative: () => findingsFor(plan(withPreamble(cleanControl))),
    },
    'requirement-without-target': {
      positive: async () => findingsFor(await fixture('csf-profile.md')),
      places: [[7, 43]], // the empty target cell, just after its opening pipe
      severity: 'warning',
      check: ([finding]) => {
        assert.equal(finding?.requirement, 'DE.CM-01');
        assert.equal(finding?.range.end.line, 7);
      },
      negative: () =>
        findingsFor(plan(withPreamble(`| Subcategory | Current State | Priority |\n| --- | --- | --- |\n| PR.IR-01: Networks protected | Implemented | High |\n`))),
    },
    'plan-without-target-level': {
      positive: () => findingsFor(plan(`# Plant 14\n\n| Asset | Zone | Criticality |\n| --- | --- | --- |\n| PLC | Cell 1 | high |\n\n${cleanControl}`)),
      places: [[1, 1]],
      severity: 'warning',
      check: ([finding]) =>
        assert.deepEqual(finding?.fix?.edits, [
          { file: 'p.md', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }, newText: '---\nplantgap:\n  profile: pr-ir-01-only\n  target: { security-level: SL-2 }\n---\n' },
        ]),
      negative: () => findingsFor(plan(`# Plant 14\n\nTarget security level: SL-3\n\n| Asset | Zone | Criticality |\n| --- | --- | --- |\n| PLC | Cell 1 | high |\n\n${cleanControl}`)),
    },
    'duplicate-control-id': {
      positive: () => findingsFor(plan(withPreamble(`${cleanControl}\n${cleanControl.replace('Segmentation behind an industrial DMZ', 'Again')}`))),
      places: [[17, 4]],
      severity: 'error',
      check: ([finding]) => assert.match(finding?.message ?? '', /Control id OT-SEG-01 is already used at p\.md:11/),
      negative: () => findingsFor(plan(withPreamble(`${cleanControl}\n${cleanControl.replace('OT-SEG-01', 'OT-SEG-02')}`))),
    },
    'asset-without-criticality': {
      positive: async () => findingsFor(await fixture('assets.md')),
      places: [[9, 49]], // the empty criticality cell, just after its opening pipe
      severity: 'warning',
      check: ([finding]) => assert.match(finding?.message ?? '', /Asset "Vision inspection cameras" has no criticality/),
      // Template text in the cell is reported as unfilled template text instead.
      negative: async () => findingsFor(await fixture('unfilled-template.md')),
    },
    'no-asset-inventory': {
      positive: () => findingsFor(plan(`---\nplantgap:\n  target: { security-level: SL-2 }\n---\n# Plant 15\n\n${cleanControl}`)),
      places: [[5, 1]],
      severity: 'warning',
      check: ([finding]) => {
        const edit = finding?.fix?.edits[0];
        assert.deepEqual(edit?.range.start, { line: 12, column: 1 });
        assert.match(edit?.newText ?? '', /\| Asset \| Zone \| Criticality \|/);
      },
      // A header-only table is an inventory still to be filled.
      negative: () => findingsFor(plan(`---\nplantgap:\n  target: { security-level: SL-2 }\n---\n# Plant 15\n\n| Asset | Zone | Criticality |\n| --- | --- | --- |\n\n${cleanControl}`)),
    },
    'soa-exclusion-without-justification': {
      // Only Annex A controls the profile marks excludableInSoA can be excluded, so this needs the certification profile.
      positive: async () => findingsFor(await fixture('statement-of-applicability.md'), {}, certification()),
      places: [[9, 82]], // the empty justification cell, just after its opening pipe
      severity: 'error',
      check: ([finding]) => {
        assert.equal(finding?.requirement, 'A.5.23');
        assert.match(finding?.message ?? '', /A\.5\.23 is excluded as not applicable without a justification/);
      },
      negative: async () => {
        const soa = await fixture('statement-of-applicability.md');
        return findingsFor({ path: soa.path, text: soa.text.replace(/^\| A\.5\.23 .*\n/m, '') }, {}, certification());
      },
    },
    'implemented-without-evidence': {
      positive: () => findingsFor(plan(withPreamble(cleanControl.replace(/- \*\*Evidence:\*\*.*\n/, '')))),
      places: [[13, 15]],
      severity: 'warning',
      check: ([finding]) => assert.equal(finding?.control, 'OT-SEG-01'),
      // A description of how it is done is as good as linked evidence.
      negative: () => findingsFor(plan(withPreamble(`${cleanControl.replace(/- \*\*Evidence:\*\*.*\n/, '')}\nThe office and plant networks meet only in the DMZ, through two firewalls.\n`))),
    },
    'unfilled-template': {
      positive: async () => findingsFor(await fixture('unfilled-template.md')),
      places: [
        [3, 1],
        [5, 15],
        [6, 14],
        [7, 15],
        [8, 17],
        [10, 1],
        [14, 47], // the cell's text, without pipe and padding
      ],
      severity: 'warning',
      check: (findings) => {
        assert.equal(findings[2]?.message, '"[Owner]" is unfilled template text in OT-XXX-01; replace it with the real value.');
        assert.equal(findings[6]?.message, '"High / Medium / Low" is unfilled template text; replace it with the real value.');
      },
      // `[firewall review](…)` is a link, not template text.
      negative: () => findingsFor(plan(withPreamble(cleanControl))),
    },
    'partially-covered-requirement': {
      positive: () => findingsFor(plan(withPreamble(`${cleanControl.replace('implemented', 'partial')}- **Target:** 2027-06-30\n`))),
      places: [[5, 1]],
      severity: 'info',
      check: ([finding]) => {
        assert.equal(finding?.requirement, 'PR.IR-01');
        assert.equal(finding?.message, 'Mandatory requirement PR.IR-01 is 50% covered: OT-SEG-01 is partial. Reference it directly from an implemented control for full credit.');
      },
      negative: () => findingsFor(plan(withPreamble(cleanControl))),
    },
  };

  it('has a positive and a negative case for every rule', () => {
    assert.deepEqual(
      rules.map((rule) => rule.id).filter((id) => !(id in cases)),
      [],
      'rules without test cases',
    );
  });

  for (const rule of rules) {
    describe(rule.id, () => {
      const ruleCase = () => {
        const found = cases[rule.id];
        if (!found) assert.fail(`no test case for rule ${rule.id}`);
        return found;
      };

      it(`reports ${rule.id} with its severity at the exact place`, async () => {
        const { positive, places, severity, check } = ruleCase();
        assert.equal(rule.defaultSeverity, severity);
        const findings = ofRule(await positive(), rule.id);
        assert.deepEqual(
          findings.map(placeOf),
          places.map(([line, column]) => [rule.id, severity, line, column]),
        );
        for (const finding of findings) {
          assert.ok(finding.message.length > 0);
          assert.ok(finding.range.end.line >= finding.range.start.line);
        }
        check?.(findings);
      });

      it(`does not report ${rule.id} when the plan is fine`, async () => {
        assert.deepEqual(ofRule(await ruleCase().negative(), rule.id).map(placeOf), []);
      });
    });
  }

  describe('disable comments', () => {
    let source: PlanSource;
    before(async () => {
      source = await fixture('disable-comments.md');
    });
    /** The same plan with every comment blanked out, so line numbers stay put. */
    const withoutComments = (text: string) => text.replace(/^<!--.*-->$/gm, '');

    it('reports the findings the comments silence when the comments are removed', () => {
      const findings = findingsFor({ path: source.path, text: withoutComments(source.text) });
      assert.deepEqual(ofRule(findings, 'missing-owner').map((f) => [f.control, f.range.start.line]), [
        ['OT-A-01', 4],
        ['OT-B-01', 10],
        ['OT-C-01', 14],
        ['OT-D-01', 20],
      ]);
      assert.deepEqual(ofRule(findings, 'missing-target').map((f) => f.control), ['OT-B-01', 'OT-C-01', 'OT-D-01']);
      assert.deepEqual(ofRule(findings, 'unknown-reference').map((f) => f.range.start.line), [25, 26]);
    });

    it('silences the next line, a block until enabled, and every rule on a bare disable-next-line', () => {
      const findings = findingsFor(source);
      // disable-next-line before OT-A-01; block from line 9 until `enable missing-owner` on line 18.
      assert.deepEqual(ofRule(findings, 'missing-owner').map(placeOf), [['missing-owner', 'warning', 20, 4]]);
      // missing-target is never enabled again.
      assert.deepEqual(ofRule(findings, 'missing-target'), []);
      // A bare disable-next-line silences every rule on line 25 only.
      assert.deepEqual(ofRule(findings, 'unknown-reference').map(placeOf), [['unknown-reference', 'error', 26, 10]]);
    });

    it('silences a finding with disable-line on its own line, and only the rules it names', () => {
      const text = withPreamble(`${cleanControl}\nSee PR.IR-1 and PC-SEG-99. <!-- plantgap-disable-line unknown-reference -->\nAlso PR.IR-2. <!-- plantgap-disable-line missing-owner -->\n`);
      assert.deepEqual(ofRule(findingsFor(plan(text)), 'unknown-reference').map((f) => [f.range.start.line, f.message.split(';')[0]]), [[18, 'Unknown reference "PR.IR-2"']]);
    });
  });

  describe('severity overrides', () => {
    const noOwner = () => plan(withPreamble(cleanControl.replace('- **Owner:** OT network lead\n', '')));

    it('turns a rule off', () => {
      assert.deepEqual(findingsFor(noOwner(), { 'missing-owner': 'off' }), []);
    });

    it('raises a warning to an error and lowers an error to a warning', () => {
      assert.deepEqual(findingsFor(noOwner(), { 'missing-owner': 'error' }).map(placeOf), [['missing-owner', 'error', 11, 4]]);
      const planned = plan(withPreamble(cleanControl.replace('implemented', 'planned').replace('- **Evidence:**', '- **Target:** 2027\n- **Evidence:**')));
      assert.deepEqual(findingsFor(planned, { 'uncovered-mandatory-requirement': 'warning' }).map(placeOf), [['uncovered-mandatory-requirement', 'warning', 5, 1]]);
      assert.deepEqual(findingsFor(planned, { 'uncovered-mandatory-requirement': 'info' }).map(placeOf), [['uncovered-mandatory-requirement', 'info', 5, 1]]);
    });

    it('leaves other rules at their default severity', () => {
      const findings = findingsFor(plan(withPreamble(cleanControl.replace('- **Owner:** OT network lead\n', '').replace('implemented', 'partial'))), { 'missing-owner': 'info' });
      assert.deepEqual(findings.map(placeOf), [
        ['partially-covered-requirement', 'info', 5, 1],
        ['missing-owner', 'info', 11, 4],
        ['missing-target', 'warning', 11, 4],
      ]);
    });
  });

  describe('findings remembered across edits', () => {
    /** Twelve controls, each without an owner and with an unknown reference, plus template text. */
    const controls = (statusOfFifth: string) =>
      withPreamble(
        Array.from({ length: 12 }, (_, index) => `## OT-R-${index + 1} — Control ${index + 1}\n- **Covers:** PR.IR-01, PR.XX-${index + 1}\n- **Status:** ${index === 4 ? statusOfFifth : 'implemented'}\n- **Target:** [DATE]\n\nDone as described in the review record.\n`).join('\n'),
      );
    const analyse = (parser: PlanParser, text: string, overrides: SeverityOverrides = {}) => {
      const parsed = parser.parsePlan([plan(text)]);
      return runRules({ plan: parsed, knowledgeBase, profile: narrow, analysis: scoreCoverage(parsed, knowledgeBase, narrow) }, overrides);
    };

    it('gives back the finding objects of unchanged controls and makes new ones only for the edited control', () => {
      const parser = new PlanParser(knowledgeBase);
      const before = analyse(parser, controls('implemented'));
      const after = analyse(parser, controls('partial'));
      assert.deepEqual(new Set(before.map((f) => f.ruleId)), new Set(['missing-owner', 'unknown-reference', 'unfilled-template']));
      const kept = after.filter((finding) => before.includes(finding));
      const made = after.filter((finding) => !before.includes(finding));
      assert.ok(made.length > 0 && made.every((finding) => finding.control === 'OT-R-5'), JSON.stringify(made.map((f) => [f.ruleId, f.control])));
      assert.equal(kept.length + made.length, after.length);
      assert.ok(kept.some((finding) => finding.ruleId === 'unknown-reference') && kept.some((finding) => finding.ruleId === 'unfilled-template'));
      assert.deepEqual(after, findingsFor(plan(controls('partial'))), 'the same findings as a fresh analysis');
    });

    it('checks a file again when its end moves (fixes append there), and only that file', () => {
      const parser = new PlanParser(knowledgeBase);
      // b.md has controls of its own: a section of the same text in two files is built again for each.
      const sources = (endOfA: string) => [plan(controls('implemented') + endOfA, 'a.md'), plan(controls('implemented').replaceAll('OT-R-', 'OT-B-'), 'b.md')];
      const twoFiles = (endOfA: string) => {
        const parsed = parser.parsePlan(sources(endOfA));
        return runRules({ plan: parsed, knowledgeBase, profile: narrow, analysis: scoreCoverage(parsed, knowledgeBase, narrow) });
      };
      const ofFile = (findings: Finding[], file: string) => findings.filter((finding) => finding.file === file);
      const before = twoFiles('');
      // Two lines added after a.md's last control: its end moves; b.md does not change at all.
      const after = twoFiles('\n\n');
      assert.ok(ofFile(after, 'b.md').length > 0 && ofFile(after, 'b.md').every((finding) => before.includes(finding)), "b.md's findings are the same objects");
      const ownersOfA = ofRule(ofFile(after, 'a.md'), 'missing-owner');
      assert.ok(ownersOfA.length === 12 && ownersOfA.every((finding) => !before.includes(finding)), "the entry rules' findings of a.md are made again");
      assert.deepEqual(after, findingsFor(sources('\n\n')), 'the same findings as a fresh analysis');
    });

    it('checks again when a severity changes', () => {
      const parser = new PlanParser(knowledgeBase);
      analyse(parser, controls('implemented'));
      const raised = analyse(parser, controls('implemented'), { 'missing-owner': 'error', 'unknown-reference': 'warning' });
      assert.ok(ofRule(raised, 'missing-owner').every((finding) => finding.severity === 'error'));
      assert.ok(ofRule(raised, 'unknown-reference').every((finding) => finding.severity === 'warning'));
      assert.equal(ofRule(raised, 'missing-owner').length, 12);
    });
  });

  describe('findings order and quick fixes', () => {
    it('sorts findings by file, line and column', async () => {
      const noOwner = withPreamble(cleanControl.replace('- **Owner:** OT network lead\n', ''));
      const findings = findingsFor([await fixture('references.md'), plan(noOwner, 'a-first.md')]);
      const keys = findings.map((f) => [f.file, f.range.start.line, f.range.start.column] as const);
      const sorted = [...keys].sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1] || a[2] - b[2]);
      assert.deepEqual(keys, sorted);
      assert.deepEqual(placeOf(findings[0] as Finding), ['missing-owner', 'warning', 11, 4]);
      assert.equal(findings[0]?.file, 'a-first.md');
    });

    it('fixes a deprecated reference by writing its successor, which then counts', () => {
      const text = withPreamble(cleanControl.replace('PR.IR-01', 'PR.AC-5'));
      const before = findingsFor(plan(text));
      assert.deepEqual(before.map((f) => f.ruleId), ['uncovered-mandatory-requirement', 'deprecated-reference']);
      const fixed = applyEdits(text, ofRule(before, 'deprecated-reference')[0]?.fix?.edits ?? []);
      assert.equal(fixed, withPreamble(cleanControl));
      assert.deepEqual(findingsFor(plan(fixed)), []);
    });

    it('fixes an unknown reference with the first suggestion', () => {
      const text = withPreamble(cleanControl.replace('PR.IR-01', 'PR.IR-1'));
      const finding = ofRule(findingsFor(plan(text)), 'unknown-reference')[0];
      assert.equal(finding?.fix?.title, 'Replace with PR.IR-01');
      assert.deepEqual(findingsFor(plan(applyEdits(text, finding?.fix?.edits ?? []))), []);
    });

    it('fixes a missing status by inserting a Status line after the last attribute line', () => {
      const text = withPreamble(`## OT-SEG-01 — Segmentation\n- **Covers:** PR.IR-01\n- **Owner:** OT network lead\n\nThe plant network is split into zones behind a DMZ.\n`);
      const finding = ofRule(findingsFor(plan(text)), 'missing-status')[0];
      assert.deepEqual(finding?.fix?.edits, [{ file: 'p.md', range: { start: { line: 14, column: 1 }, end: { line: 14, column: 1 } }, newText: '- **Status:** planned\n' }]);
      const fixed = applyEdits(text, finding?.fix?.edits ?? []);
      assert.equal(
        fixed,
        withPreamble(`## OT-SEG-01 — Segmentation\n- **Covers:** PR.IR-01\n- **Owner:** OT network lead\n- **Status:** planned\n\nThe plant network is split into zones behind a DMZ.\n`),
      );
      assert.deepEqual(ofRule(findingsFor(plan(fixed)), 'missing-status'), []);
    });

    it('offers no insert fix for a control in a table row', async () => {
      const finding = ofRule(findingsFor(await fixture('control-matrix.md')), 'missing-owner')[0];
      assert.equal(finding?.control, 'OT-PPL-01');
      assert.equal(finding?.range.start.line, 9);
      assert.equal(finding?.fix, undefined);
    });

    it('fills in an Owner line that has the key but no value, instead of adding a second one', () => {
      const text = withPreamble(cleanControl.replace('- **Owner:** OT network lead', '- **Owner:** '));
      const finding = ofRule(findingsFor(plan(text)), 'missing-owner')[0];
      assert.equal(finding?.fix?.title, 'Fill in the Owner');
      const fixed = applyEdits(text, finding?.fix?.edits ?? []);
      assert.equal(fixed, withPreamble(cleanControl.replace('- **Owner:** OT network lead', '- **Owner:** TBD')));
      assert.deepEqual(ofRule(findingsFor(plan(fixed)), 'missing-owner'), []);
    });

    it('inserts inside the file when it has no final newline (never a line past the end)', () => {
      const text = withPreamble(`## OT-SEG-01 — Segmentation\n- **Covers:** PR.IR-01\n- **Status:** implemented`);
      const lastLine = { line: 13, column: 26 };
      const noOwner = ofRule(findingsFor(plan(text)), 'missing-owner')[0];
      assert.deepEqual(noOwner?.fix?.edits, [{ file: 'p.md', range: { start: lastLine, end: lastLine }, newText: '\n- **Owner:** TBD' }]);
      assert.equal(applyEdits(text, noOwner?.fix?.edits ?? []), `${text}\n- **Owner:** TBD`);

      const uncovered = ofRule(findingsFor(plan(withPreamble('## OT-PPL-01 — Training\n- **Covers:** PR.AT-01'))), 'uncovered-mandatory-requirement')[0];
      const edit = uncovered?.fix?.edits[0];
      assert.deepEqual(edit?.range, { start: { line: 12, column: 23 }, end: { line: 12, column: 23 } });
      assert.match(edit?.newText ?? '', /^\n\n## NEW-PR-IR-01 — .+\n- \*\*Covers:\*\* PR\.IR-01\n(?:.+\n)*- \*\*Target:\*\* TBD$/);
    });
  });
});
