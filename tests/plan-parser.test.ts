/**
 * Parsing plans through the public API: every plan shape the plan format promises (headings with
 * attribute lists, plain `Key: value` lines, control matrices, CSF Organizational Profiles,
 * Statements of Applicability, asset tables, several files), with the exact 1-based ranges editors
 * and findings rely on; the section pre-split; and the section cache.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  analyzePlanInputs,
  loadAnalysisContext,
  loadKnowledgeBase,
  isPlaceholder,
  normalizeText,
  PlanParser,
  splitSections,
  type Attribute,
  type KnowledgeBase,
  type Plan,
  type PlanEntry,
  type PlanInput,
  type PlanSource,
  type Range,
  type ReferenceOccurrence,
  mapContributions,
} from '@plantgap/core';
import { fixtures } from './helpers/run-cli.js';

const plansDirectory = path.join(fixtures, 'plans');

/** A fixture plan as a source, its path relative to tests/fixtures/plans. */
async function fixture(name: string): Promise<PlanSource> {
  return { path: name, text: await readFile(path.join(plansDirectory, name), 'utf8') };
}

/** `range(9, 4, 9, 13)`: lines and columns 1-based, end exclusive. */
function range(startLine: number, startColumn: number, endLine: number, endColumn: number): Range {
  return { start: { line: startLine, column: startColumn }, end: { line: endLine, column: endColumn } };
}

/** The source text a single-line range points at. */
function textAt(source: string, at: Range): string {
  assert.equal(at.start.line, at.end.line, `expected a single-line range, got ${JSON.stringify(at)}`);
  const line = normalizeText(source).split('\n')[at.start.line - 1] ?? '';
  return line.slice(at.start.column - 1, at.end.column - 1);
}

/**
 * Checks a range that stands for table cell `cellIndex` (0-based) of line `line`: it lies on that line,
 * inside that cell (between its pipes, both included), and holds exactly the cell's text besides
 * pipes and padding. (The range is the cell's text: see 'fixed parse bugs' for the exact columns.)
 */
function assertCellRange(source: string, at: Range, line: number, cellIndex: number, cellText: string): void {
  assert.equal(at.start.line, line, `range ${JSON.stringify(at)} should be on line ${line}`);
  assert.equal(at.end.line, line, `range ${JSON.stringify(at)} should end on line ${line}`);
  const lineText = normalizeText(source).split('\n')[line - 1] ?? '';
  const pipes = [...lineText.matchAll(/\|/g)].map((match) => (match.index ?? 0) + 1);
  const cellStart = pipes[cellIndex];
  const cellEnd = pipes[cellIndex + 1];
  assert.ok(cellStart !== undefined && cellEnd !== undefined, `line ${line} has no cell ${cellIndex}`);
  assert.ok(at.start.column >= cellStart && at.end.column <= cellEnd + 1, `range ${JSON.stringify(at)} should lie in cell ${cellIndex} (columns ${cellStart}..${cellEnd})`);
  assert.equal(textAt(source, at).replace(/^\|/, '').replace(/\|$/, '').trim(), cellText);
}

function entry(plan: Plan, id: string): PlanEntry {
  const found = plan.entries.filter((candidate) => candidate.id === id);
  assert.equal(found.length, 1, `expected exactly one entry ${id}, got ${found.length}: ${plan.entries.map((e) => e.id).join(', ')}`);
  return found[0] as PlanEntry;
}

function attribute(planEntry: PlanEntry, name: string): Attribute {
  const found = planEntry.attributes[name];
  assert.ok(found, `${planEntry.id} has no ${name} attribute; has ${Object.keys(planEntry.attributes).join(', ')}`);
  return found;
}

/** A reference occurrence reduced to what a test states: text, range and what it resolves to. */
function describeReference(reference: ReferenceOccurrence): { text: string; range: Range; status: string; node?: string } {
  const resolution = reference.resolution;
  return { text: reference.text, range: reference.range, status: resolution.status, ...(resolution.status === 'unknown' ? {} : { node: resolution.node.key }) };
}

describe('plan parser', () => {
  let knowledgeBase: KnowledgeBase;
  const parse = (...sources: PlanSource[]): Plan => new PlanParser(knowledgeBase).parsePlan(sources);

  before(async () => {
    const loaded = await loadKnowledgeBase();
    if (!loaded.ok) assert.fail(JSON.stringify(loaded.errors));
    knowledgeBase = loaded.value;
  });

  describe('controls from headings (heading-controls.md)', () => {
    let source: PlanSource;
    let plan: Plan;
    before(async () => {
      source = await fixture('heading-controls.md');
      plan = parse(source);
    });

    it('finds every heading control in order, with ids and titles, and none inside fenced code', () => {
      assert.deepEqual(
        plan.entries.map((e) => [e.kind, e.id, e.title, e.origin, e.file]),
        [
          ['control', 'OT-SEG-01', 'Segment the control network behind an industrial DMZ', 'heading', 'heading-controls.md'],
          ['control', 'OT-RMD-01', 'Removable media control', 'heading', 'heading-controls.md'],
          ['control', 'OT-DET-01', 'Detect C&C traffic', 'heading', 'heading-controls.md'],
        ],
      );
    });

    it('gives the heading range and the exact range of the id', () => {
      const seg = entry(plan, 'OT-SEG-01');
      assert.deepEqual(seg.range, range(9, 1, 9, 68));
      assert.deepEqual(seg.idRange, range(9, 4, 9, 13));
      assert.equal(textAt(source.text, seg.idRange), 'OT-SEG-01');
      assert.equal(seg.endLine, 15);
      assert.equal(entry(plan, 'OT-RMD-01').endLine, 23);
    });

    it('reads `- **Key:** value` list items with value ranges and whole-line ranges', () => {
      const seg = entry(plan, 'OT-SEG-01');
      assert.deepEqual(Object.keys(seg.attributes), ['implements', 'covers', 'status', 'owner', 'target', 'evidence']);
      const status = attribute(seg, 'status');
      assert.deepEqual([status.key, status.value, status.range, status.lineRange], ['Status', 'implemented', range(12, 15, 12, 26), range(12, 3, 12, 26)]);
      assert.equal(textAt(source.text, status.lineRange), '**Status:** implemented');
      const owner = attribute(seg, 'owner');
      assert.deepEqual([owner.value, owner.range], ['OT network lead', range(13, 14, 13, 29)]);
      const target = attribute(seg, 'target');
      assert.deepEqual([target.value, target.range], ['SL-2 by 2027-03-31', range(14, 15, 14, 33)]);
      const evidence = attribute(seg, 'evidence');
      assert.deepEqual([evidence.value, evidence.range, evidence.hasLink, evidence.placeholder], ['firewall review', range(15, 17, 15, 57), true, false]);
      assert.equal(textAt(source.text, evidence.range), '[firewall review](evidence/fw-review.md)');
      assert.equal(seg.status, 'implemented');
    });

    it('reads plain `Key: value` paragraph lines, case-insensitive and with synonyms, and prose as description', () => {
      const rmd = entry(plan, 'OT-RMD-01');
      assert.deepEqual(rmd.idRange, range(17, 4, 17, 13));
      assert.equal(rmd.title, 'Removable media control');
      const status = attribute(rmd, 'status');
      assert.deepEqual([status.key, status.value, status.range, status.lineRange], ['Status', 'partial', range(19, 9, 19, 16), range(19, 1, 19, 16)]);
      const owner = attribute(rmd, 'owner');
      assert.deepEqual([owner.key, owner.value, owner.range], ['owned by', 'Maintenance manager', range(20, 11, 20, 30)]);
      const target = attribute(rmd, 'target');
      assert.deepEqual([target.key, target.value, target.range], ['TARGET', 'USB kiosk at every line by 2027-04-30', range(21, 9, 21, 46)]);
      assert.equal(rmd.status, 'partial');
      assert.equal(rmd.hasDescription, true);
      assert.equal(entry(plan, 'OT-SEG-01').hasDescription, false);
    });

    it('finds references in attribute values and in prose, with exact ranges', () => {
      assert.deepEqual(entry(plan, 'OT-SEG-01').references.map(describeReference), [
        { text: 'PC-SEG-01', range: range(10, 19, 10, 28), status: 'known', node: 'plant-controls:PC-SEG-01' },
        { text: 'PR.IR-01', range: range(11, 15, 11, 23), status: 'known', node: 'nist-csf-2.0:PR.IR-01' },
        { text: 'ISO 27001 A.8.22', range: range(11, 25, 11, 41), status: 'known', node: 'iso27001-2022:A.8.22' },
      ]);
      assert.deepEqual(entry(plan, 'OT-RMD-01').references.map(describeReference), [
        { text: 'A.7.10', range: range(23, 56, 23, 62), status: 'known', node: 'iso27001-2022:A.7.10' },
        { text: 'PR.DS-01', range: range(23, 64, 23, 72), status: 'known', node: 'nist-csf-2.0:PR.DS-01' },
      ]);
      assert.deepEqual(plan.looseReferences, []);
    });

    it('reads a setext heading as a control, with bold-less and emphasised keys', () => {
      const det = entry(plan, 'OT-DET-01');
      assert.deepEqual(det.range, range(25, 1, 26, 31));
      assert.deepEqual(det.idRange, range(25, 1, 25, 10));
      assert.deepEqual(
        Object.values(det.attributes).map((a) => [a.name, a.key, a.value, a.range]),
        [
          ['covers', 'Covers', 'DE.CM-01', range(28, 11, 28, 19)],
          ['status', 'Status', 'planned', range(29, 13, 29, 20)],
          ['owner', 'Owner', 'SOC lead', range(30, 10, 30, 18)],
          ['target', 'Target', '2027-09-30', range(31, 11, 31, 21)],
        ],
      );
      assert.equal(det.status, 'planned');
      assert.equal(det.endLine, 31);
    });

    it('reads the front matter: profile, targets and where they are set', () => {
      assert.deepEqual(plan.metadata.profile, { value: 'nist-csf-2.0', file: 'heading-controls.md', range: range(4, 1, 4, 1) });
      assert.deepEqual(plan.metadata.targets.securityLevel, { value: 'SL-2', file: 'heading-controls.md', range: range(5, 1, 5, 1) });
      assert.deepEqual(plan.metadata.targets.csfTier, { value: 3, file: 'heading-controls.md', range: range(5, 1, 5, 1) });
      assert.deepEqual(plan.metadata.title, { value: 'Security plan — Plant 3', file: 'heading-controls.md', range: range(7, 1, 7, 26) });
      assert.deepEqual(plan.files, [
        { path: 'heading-controls.md', lineCount: 36, end: { line: 37, column: 1 }, frontMatter: range(1, 1, 6, 4), anchor: range(7, 1, 7, 26), title: 'Security plan — Plant 3' },
      ]);
      assert.deepEqual(plan.notices, []);
    });
  });

  describe('control matrix (control-matrix.md)', () => {
    let source: PlanSource;
    let plan: Plan;
    before(async () => {
      source = await fixture('control-matrix.md');
      plan = parse(source);
    });

    it('reads each row with an id as a control, titled from the Control column', () => {
      assert.deepEqual(
        plan.entries.map((e) => [e.kind, e.id, e.title, e.origin, e.status, e.hasTargetColumn, e.endLine]),
        [
          ['control', 'OT-END-01', 'Application allow-listing on HMIs', 'table-row', 'partial', true, 7],
          ['control', 'OT-IAM-01', 'Individual accounts and MFA for remote access', 'table-row', 'implemented', true, 8],
          ['control', 'OT-PPL-01', 'OT security awareness for operators', 'table-row', 'planned', true, 9],
        ],
      );
    });

    it('places the row, the id and every column value on the row', () => {
      const end = entry(plan, 'OT-END-01');
      assert.deepEqual(end.range, range(7, 1, 7, 113));
      assertCellRange(source.text, end.idRange, 7, 0, 'OT-END-01');
      assert.deepEqual(
        Object.values(end.attributes).map((a) => [a.name, a.key, a.value]),
        [
          ['covers', 'Covers', 'PR.PS-05, A.8.7'],
          ['status', 'Status', 'partial'],
          ['owner', 'Owner', 'OT engineering lead'],
          ['target', 'Target', '2027-05-31'],
        ],
      );
      assertCellRange(source.text, attribute(end, 'covers').range, 7, 2, 'PR.PS-05, A.8.7');
      assertCellRange(source.text, attribute(end, 'status').range, 7, 3, 'partial');
      assertCellRange(source.text, attribute(end, 'owner').range, 7, 4, 'OT engineering lead');
      assertCellRange(source.text, attribute(end, 'target').range, 7, 5, '2027-05-31');
      const emptyOwner = attribute(entry(plan, 'OT-PPL-01'), 'owner');
      assert.equal(emptyOwner.value, '');
      assertCellRange(source.text, emptyOwner.range, 9, 4, '');
    });

    it('finds the references of the row with exact ranges', () => {
      assert.deepEqual(entry(plan, 'OT-END-01').references.map(describeReference), [
        { text: 'PR.PS-05', range: range(7, 51, 7, 59), status: 'known', node: 'nist-csf-2.0:PR.PS-05' },
        { text: 'A.8.7', range: range(7, 61, 7, 66), status: 'known', node: 'iso27001-2022:A.8.7' },
      ]);
      assert.deepEqual(entry(plan, 'OT-IAM-01').references.map((r) => [r.text, r.range]), [['PR.AA-03', range(8, 63, 8, 71)]]);
    });

    it('takes a `Target security level: SL-3` line outside any control as the plan target', () => {
      assert.deepEqual(plan.metadata.targets, { securityLevel: { value: 'SL-3', file: 'control-matrix.md', range: range(3, 24, 3, 28) } });
      assert.equal(textAt(source.text, range(3, 24, 3, 28)), 'SL-3');
    });
  });

  describe('CSF Organizational Profile (csf-profile.md)', () => {
    let source: PlanSource;
    let plan: Plan;
    before(async () => {
      source = await fixture('csf-profile.md');
      plan = parse(source);
    });

    it('reads requirement-keyed rows: the key, its label as title, the status from Current State', () => {
      assert.deepEqual(
        plan.entries.map((e) => [e.kind, e.id, e.title, e.status, e.key?.resolution.status, e.hasTargetColumn, e.inStatementOfApplicability]),
        [
          ['requirement', 'GV.OC-01', 'Mission informs risk management', 'implemented', 'known', true, false],
          ['requirement', 'PR.IR-01', 'Networks protected from unauthorized access', 'partial', 'known', true, false],
          ['requirement', 'DE.CM-01', 'Networks monitored', 'planned', 'known', true, false],
          ['requirement', 'ID.AM-01', '', 'not-started', 'known', true, false],
        ],
      );
    });

    it('places the key reference exactly and keeps it out of the references', () => {
      const gvoc = entry(plan, 'GV.OC-01');
      assert.deepEqual(gvoc.idRange, range(5, 3, 5, 11));
      assert.ok(gvoc.key);
      assert.deepEqual(describeReference(gvoc.key), { text: 'GV.OC-01', range: range(5, 3, 5, 11), status: 'known', node: 'nist-csf-2.0:GV.OC-01' });
      assert.deepEqual(gvoc.references, []);
      assert.deepEqual(gvoc.range, range(5, 1, 5, 98));
    });

    it('reads Current State, Target State and Priority as attributes; an empty target cell is an empty value', () => {
      const gvoc = entry(plan, 'GV.OC-01');
      assert.deepEqual(
        Object.values(gvoc.attributes).map((a) => [a.name, a.key, a.value]),
        [
          ['current', 'Current State', 'Implemented'],
          ['target', 'Target State', 'Reviewed yearly by the board'],
          ['priority', 'Priority', 'High'],
        ],
      );
      assertCellRange(source.text, attribute(gvoc, 'target').range, 5, 2, 'Reviewed yearly by the board');
      const emptyTarget = attribute(entry(plan, 'DE.CM-01'), 'target');
      assert.equal(emptyTarget.value, '');
      assert.equal(emptyTarget.placeholder, false);
      assertCellRange(source.text, emptyTarget.range, 7, 2, '');
      assert.equal(attribute(entry(plan, 'PR.IR-01'), 'current').value, 'Partially implemented');
    });
  });

  describe('Statement of Applicability (statement-of-applicability.md)', () => {
    let source: PlanSource;
    let plan: Plan;
    before(async () => {
      source = await fixture('statement-of-applicability.md');
      plan = parse(source);
    });

    it('marks rows under an "Applicability" heading as SoA entries with applicability and justification', () => {
      assert.deepEqual(
        plan.entries.map((e) => [e.kind, e.id, e.title, e.inStatementOfApplicability, e.attributes.applicable?.value, e.status, e.attributes.justification?.value]),
        [
          ['requirement', 'A.8.22', 'Segregation of networks', true, 'Yes', 'implemented', 'Plant network is segmented into zones'],
          ['requirement', 'A.7.4', 'Physical security monitoring', true, 'No', 'not-applicable', 'The site is guarded by the landlord under contract'],
          ['requirement', 'A.5.23', 'Information security for use of cloud services', true, 'No', 'not-applicable', ''],
          ['requirement', 'A.8.7', 'Protection against malware', true, 'Yes', 'partial', 'Allow-listing on HMIs'],
        ],
      );
      assert.deepEqual(
        plan.entries.map((e) => e.key && e.key.resolution.status !== 'unknown' ? e.key.resolution.node.key : undefined),
        ['iso27001-2022:A.8.22', 'iso27001-2022:A.7.4', 'iso27001-2022:A.5.23', 'iso27001-2022:A.8.7'],
      );
    });

    it('places the ids and the justification cells', () => {
      assert.deepEqual(entry(plan, 'A.7.4').idRange, range(8, 3, 8, 8));
      assert.deepEqual(entry(plan, 'A.5.23').idRange, range(9, 3, 9, 9));
      assertCellRange(source.text, attribute(entry(plan, 'A.7.4'), 'justification').range, 8, 4, 'The site is guarded by the landlord under contract');
      assertCellRange(source.text, attribute(entry(plan, 'A.5.23'), 'justification').range, 9, 4, '');
    });

    it('treats a table with an Applicable column as an SoA even under another heading', () => {
      const plan2 = parse({ path: 'soa.md', text: '# Plan\n\n## Annex A controls\n\n| Control | Applicable | Justification |\n| --- | --- | --- |\n| A.5.7 | Yes | Threat feeds from the ISAC |\n' });
      const row = entry(plan2, 'A.5.7');
      assert.deepEqual([row.kind, row.inStatementOfApplicability, row.attributes.applicable?.value, row.idRange], ['requirement', true, 'Yes', range(7, 3, 7, 8)]);
    });
  });

  describe('assets (assets.md)', () => {
    let source: PlanSource;
    let plan: Plan;
    before(async () => {
      source = await fixture('assets.md');
      plan = parse(source);
    });

    it('reads asset tables with zone and criticality, whatever the column names', () => {
      assert.equal(plan.hasAssetInventory, true);
      assert.deepEqual(
        plan.assets.map((a) => [a.name, a.file, a.range.start.line, a.zone?.value, a.criticality?.value]),
        [
          ['Press line PLCs (S7-1500)', 'assets.md', 7, 'Cell/area zone 1', 'high'],
          ['Historian', 'assets.md', 8, 'Industrial DMZ', 'medium'],
          ['Vision inspection cameras', 'assets.md', 9, 'Cell/area zone 2', ''],
          ['SCADA server', 'assets.md', 13, 'Level 3', 'high'],
        ],
      );
      assert.deepEqual(plan.entries, []);
    });

    it('places zone and criticality cells', () => {
      const cameras = plan.assets[2];
      assert.ok(cameras?.zone && cameras.criticality);
      assert.deepEqual(cameras.range.start, { line: 9, column: 1 });
      assertCellRange(source.text, cameras.zone.range, 9, 1, 'Cell/area zone 2');
      assertCellRange(source.text, cameras.criticality.range, 9, 2, '');
    });

    it('counts a header-only asset table as an inventory, and no asset table as none', () => {
      const empty = parse({ path: 'e.md', text: '# Plan\n\n| Asset | Zone | Criticality |\n| --- | --- | --- |\n' });
      assert.deepEqual([empty.hasAssetInventory, empty.assets], [true, []]);
      const none = parse({ path: 'n.md', text: '# Plan\n\nNo inventory yet.\n' });
      assert.deepEqual([none.hasAssetInventory, none.assets], [false, []]);
    });
  });

  describe('plans in several files (multi-file/)', () => {
    let plan: Plan;
    before(async () => {
      plan = parse(await fixture('multi-file/01-overview.md'), await fixture('multi-file/02-controls.md'));
    });

    it('takes the front matter and title from the first file and the controls from the second', () => {
      assert.deepEqual(plan.metadata.profile, { value: 'nist-csf-2.0', file: 'multi-file/01-overview.md', range: range(3, 1, 3, 1) });
      assert.deepEqual(plan.metadata.targets.securityLevel?.value, 'SL-2');
      assert.deepEqual(plan.metadata.title?.file, 'multi-file/01-overview.md');
      assert.deepEqual(
        plan.files.map((f) => [f.path, f.lineCount, f.frontMatter]),
        [
          ['multi-file/01-overview.md', 12, range(1, 1, 5, 4)],
          ['multi-file/02-controls.md', 7, undefined],
        ],
      );
    });

    it('takes the title from the file that declares the profile, even when another file comes first', async () => {
      const reordered = parse(await fixture('multi-file/02-controls.md'), await fixture('multi-file/01-overview.md'));
      assert.equal(reordered.metadata.title?.file, 'multi-file/01-overview.md');
      assert.equal(reordered.metadata.title?.value, plan.metadata.title?.value);
      assert.deepEqual(reordered.files.map((f) => f.title), ['Plant 8 controls', plan.metadata.title?.value]);
    });

    it('keeps each element in its own file with ranges counted in that file', () => {
      const seg = entry(plan, 'OT-SEG-01');
      assert.deepEqual([seg.file, seg.idRange, seg.status], ['multi-file/02-controls.md', range(3, 4, 3, 13), 'implemented']);
      assert.deepEqual(seg.references.map((r) => [r.text, r.range]), [['PR.IR-01', range(4, 15, 4, 23)]]);
      assert.deepEqual(plan.assets.map((a) => [a.name, a.file, a.range.start.line]), [['SCADA server', 'multi-file/01-overview.md', 12]]);
    });

    it('builds the same plan when analyzePlanInputs adds each file as soon as it is parsed', async () => {
      const context = await loadAnalysisContext({ cwd: plansDirectory, useDefaultConfig: true });
      if (!context.ok) assert.fail(JSON.stringify(context.errors));
      // A file given twice gets entries of its own each time; a cached parser replays recorded groups.
      const sources = [await fixture('multi-file/01-overview.md'), await fixture('multi-file/02-controls.md'), await fixture('multi-file/02-controls.md')];
      for (const parser of [new PlanParser(context.value.knowledgeBase, { cacheCharacters: 0 }), new PlanParser(context.value.knowledgeBase)]) {
        for (let run = 0; run < 2; run++) {
          const analysed = analyzePlanInputs(sources, parser, context.value);
          if (!analysed.ok) assert.fail(JSON.stringify(analysed.errors));
          assert.deepEqual(analysed.value.plan, new PlanParser(context.value.knowledgeBase).parsePlan(sources));
        }
      }
    });

    it('takes inputs from a generator, each read once, as checkPlans hands files over', async () => {
      const context = await loadAnalysisContext({ cwd: plansDirectory, useDefaultConfig: true });
      if (!context.ok) assert.fail(JSON.stringify(context.errors));
      const sources = [await fixture('multi-file/01-overview.md'), await fixture('multi-file/02-controls.md')];
      const handedOver: string[] = [];
      function* oneByOne(): Generator<PlanInput> {
        for (const source of sources) {
          handedOver.push(source.path);
          yield source;
        }
        yield { path: 'missing.md', unreadable: 'no such file' };
      }
      const analysed = analyzePlanInputs(oneByOne(), new PlanParser(context.value.knowledgeBase, { cacheCharacters: 0 }), context.value);
      if (!analysed.ok) assert.fail(JSON.stringify(analysed.errors));
      assert.deepEqual(handedOver, sources.map((source) => source.path));
      const fromArray = analyzePlanInputs([...sources, { path: 'missing.md', unreadable: 'no such file' }], new PlanParser(context.value.knowledgeBase), context.value);
      if (!fromArray.ok) assert.fail(JSON.stringify(fromArray.errors));
      assert.deepEqual(analysed.value, fromArray.value);
      assert.ok(analysed.value.findings.some((finding) => finding.ruleId === 'unreadable-file' && finding.file === 'missing.md'));
    });
  });

  describe('disable comments, template text, references and front matter', () => {
    it('keeps titles and values exactly as written, lone surrogates and long non-ASCII text included', () => {
      const lone = '\ud800';
      const title = `Segment the ${lone} cell network — zones and conduits for the line`;
      const owner = `Ingénieur réseau OT ${lone} (Schicht 2) — Anlagenbetreuung Werk Süd`;
      const plan = parse({ path: 'strings.md', text: `# Plan\n\n## OT-STR-01 — ${title}\n\n- **Covers:** PR.IR-01\n- **Owner:** ${owner}\n- **Status:** implemented\n` });
      const control = entry(plan, 'OT-STR-01');
      assert.equal(control.title, title);
      assert.equal(control.attributes.owner?.value, owner);
      assert.equal(control.attributes.owner?.key, 'Owner');
      assert.deepEqual(control.references.map((reference) => reference.text), ['PR.IR-01']);
    });

    it('records disable directives with their lines and rules', async () => {
      const plan = parse(await fixture('disable-comments.md'));
      assert.deepEqual(plan.directives, [
        { command: 'disable-next-line', rules: ['missing-owner'], file: 'disable-comments.md', line: 3 },
        { command: 'disable', rules: ['missing-owner', 'missing-target'], file: 'disable-comments.md', line: 9 },
        { command: 'enable', rules: ['missing-owner'], file: 'disable-comments.md', line: 18 },
        { command: 'disable-next-line', rules: [], file: 'disable-comments.md', line: 24 },
      ]);
      assert.deepEqual(
        plan.entries.map((e) => e.id),
        ['OT-A-01', 'OT-B-01', 'OT-C-01', 'OT-D-01'],
      );
    });

    it('recognises unfilled template text and never takes it as a status, owner, target or evidence', async () => {
      const plan = parse(await fixture('unfilled-template.md'));
      assert.deepEqual(
        plan.placeholders.map((p) => [p.text, p.range, p.entry?.id]),
        [
          ['[Control title]', range(3, 1, 3, 31), undefined],
          ['Implemented / Partial / Planned', range(5, 15, 5, 46), 'OT-XXX-01'],
          ['[Owner]', range(6, 14, 6, 21), 'OT-XXX-01'],
          ['[DATE]', range(7, 15, 7, 21), 'OT-XXX-01'],
          ['TBD', range(8, 17, 8, 20), 'OT-XXX-01'],
          ['[Description]', range(10, 1, 10, 14), 'OT-XXX-01'],
          ['High / Medium / Low', range(14, 47, 14, 66), undefined],
        ],
      );
      const control = entry(plan, 'OT-XXX-01');
      assert.equal(control.status, undefined);
      assert.equal(control.hasDescription, false);
      for (const name of ['status', 'owner', 'target', 'evidence']) assert.equal(attribute(control, name).placeholder, true, name);
      assert.equal(attribute(control, 'covers').placeholder, false);
    });

    it('tells every shape of template text from real values, whatever the spacing, emphasis and case', () => {
      const placeholders = ['[Owner]', '<owner name>', 'TBD', 'tbc', 'TBA', 'ToDo', 'to be confirmed', 'XXXX', '???', '...', '…', 'Lorem ipsum dolor', 'PLACEHOLDER', 'Fill in the zone', 'Yes / No', 'high|medium|low', 'N/A / Yes'];
      const decorated = placeholders.flatMap((text) => [text, `  ${text}\t`, `**${text}**`, `_${text}_`, ` *${text}* `]);
      for (const text of decorated) assert.equal(isPlaceholder(text), true, JSON.stringify(text));
      const values = ['', '   ', 'implemented', 'Partially implemented', 'planned', 'OT network lead', 'Factory CSO', 'PR.IR-01, A.8.22', 'Test the historian', 'to do list review', 'xx', 'placeholder text', 'fill', 'Yes', 'N/A', 'yes / maybe', '[review](evidence/review.md)', '[ref][1]', '<https://example.com>', '2027-03-30', '**implemented**'];
      for (const text of values) assert.equal(isPlaceholder(text), false, JSON.stringify(text));
    });

    it('resolves deprecated, unknown, ambiguous, grouping and citation-form references', async () => {
      const plan = parse(await fixture('references.md'));
      const [legacy, mistyped, unknownAnnex, ambiguous] = [0, 2, 3, 4].map((index) => entry(plan, 'OT-REF-01').references[index]);
      assert.deepEqual(entry(plan, 'OT-REF-01').references.map(describeReference), [
        { text: 'PR.AC-5', range: range(4, 15, 4, 22), status: 'deprecated', node: 'nist-csf-1.1:PR.AC-5' },
        { text: 'A.13.1.3', range: range(4, 24, 4, 32), status: 'deprecated', node: 'iso27001-2013:A.13.1.3' },
        { text: 'PR.IR-1', range: range(4, 34, 4, 41), status: 'unknown' },
        { text: 'A.8.35', range: range(4, 43, 4, 49), status: 'unknown' },
        { text: 'ISO 27001 8.1', range: range(4, 51, 4, 64), status: 'known', node: 'iso27001-2022:8.1' },
      ]);
      assert.ok(legacy?.resolution.status === 'deprecated');
      assert.deepEqual(legacy.resolution.successors.map((node) => node.key), ['nist-csf-2.0:PR.IR-01']);
      assert.ok(mistyped?.resolution.status === 'unknown');
      assert.equal(mistyped.resolution.suggestions[0], 'PR.IR-01');
      assert.ok(unknownAnnex?.resolution.status === 'unknown');
      assert.equal(unknownAnnex.resolution.suggestions[0], 'A.8.34');
      assert.ok(ambiguous?.resolution.status === 'known');
      assert.deepEqual(ambiguous.resolution.alternatives.map((node) => node.key), ['iso27001-2022:A.8.1']);
      assert.deepEqual(entry(plan, 'OT-REF-02').references.map(describeReference), [
        { text: 'PR.IR', range: range(10, 15, 10, 20), status: 'known', node: 'nist-csf-2.0:PR.IR' },
        { text: 'Annex A 8.22', range: range(10, 22, 10, 34), status: 'known', node: 'iso27001-2022:A.8.22' },
        { text: 'Clause 6.1.2', range: range(10, 36, 10, 48), status: 'known', node: 'iso27001-2022:6.1.2' },
        { text: 'PC-SEG-01', range: range(10, 50, 10, 59), status: 'known', node: 'plant-controls:PC-SEG-01' },
      ]);
    });

    it('reports a bad front-matter key and a bad security level as notices on their lines', async () => {
      const plan = parse(await fixture('bad-front-matter.md'));
      const notices = [...plan.notices].sort((a, b) => a.range.start.line - b.range.start.line);
      assert.deepEqual(
        notices.map((n) => [n.ruleId, n.file, n.range]),
        [
          ['invalid-front-matter', 'bad-front-matter.md', range(5, 3, 5, 3)],
          ['invalid-front-matter', 'bad-front-matter.md', range(6, 29, 6, 29)],
        ],
      );
      assert.match(notices[0]?.message ?? '', /plantgap\.colour/);
      assert.match(notices[1]?.message ?? '', /security-level/);
      assert.match(notices[1]?.message ?? '', /SL-4/);
      assert.equal(plan.metadata.targets.securityLevel, undefined);
      assert.deepEqual(plan.files[0]?.frontMatter, range(1, 1, 7, 4));
      assert.deepEqual(entry(plan, 'OT-SEG-01').idRange, range(10, 4, 10, 13));
    });
  });

  describe('headings and plan-level lines', () => {
    it('reads a heading keyed by a requirement as a requirement entry', () => {
      const text = '# Plan\n\n## PR.IR-01 — Networks protected\n- **Status:** partial\n- **Target:** SL-2 by 2027\n\n## A.8.22: Segregation of networks\nStatus: implemented\n';
      const plan = parse({ path: 'r.md', text });
      assert.deepEqual(
        plan.entries.map((e) => [e.kind, e.id, e.title, e.origin, e.idRange, e.status, e.key?.range]),
        [
          ['requirement', 'PR.IR-01', 'Networks protected', 'heading', range(3, 4, 3, 12), 'partial', range(3, 4, 3, 12)],
          ['requirement', 'A.8.22', 'Segregation of networks', 'heading', range(7, 4, 7, 10), 'implemented', range(7, 4, 7, 10)],
        ],
      );
      assert.equal(attribute(entry(plan, 'PR.IR-01'), 'target').value, 'SL-2 by 2027');
    });

    it('reads an empty value as a zero-width range right after the key', () => {
      const plan = parse({ path: 'e.md', text: '# Plan\n\n## OT-A-01 — Keys\n- Owner:\n- Status: partial\n' });
      const owner = attribute(entry(plan, 'OT-A-01'), 'owner');
      assert.deepEqual([owner.value, owner.range], ['', range(4, 9, 4, 9)]);
    });

    it('keeps the first of two statements of the same attribute', () => {
      const plan = parse({ path: 'd.md', text: '# Plan\n\n## OT-A-01 — Twice\n- Status: planned\n- STATUS: implemented\n' });
      const control = entry(plan, 'OT-A-01');
      assert.deepEqual([control.status, attribute(control, 'status').range], ['planned', range(4, 11, 4, 18)]);
    });

    it('takes a target level line outside controls as the plan target, but not one inside a control', () => {
      const outside = parse({ path: 'o.md', text: '# Plan\n\nTarget security level: SL-3\n\n## OT-A-01 — A\n- Target: SL-1 by 2026\n' });
      assert.deepEqual(outside.metadata.targets, { securityLevel: { value: 'SL-3', file: 'o.md', range: range(3, 24, 3, 28) } });
      const inside = parse({ path: 'i.md', text: '# Plan\n\n## OT-A-01 — A\nTarget security level: SL-3\n' });
      assert.deepEqual(inside.metadata.targets, {});
      assert.equal(attribute(entry(inside, 'OT-A-01'), 'target').value, 'SL-3');
      const tier = parse({ path: 't.md', text: '# Plan\n\n- CSF tier: 3\n' });
      assert.deepEqual(tier.metadata.targets, { csfTier: { value: 3, file: 't.md', range: range(3, 13, 3, 14) } });
    });

    it('does not take a `#` line inside fenced code as a heading', () => {
      const text = '# Plan\n\n~~~\n## OT-CODE-01 — In a tilde fence\n- Status: implemented\n~~~\n\n```\n# OT-CODE-02\n```\n## OT-REAL-01 — After the fence\n';
      const plan = parse({ path: 'f.md', text });
      assert.deepEqual(plan.entries.map((e) => [e.id, e.idRange]), [['OT-REAL-01', range(11, 4, 11, 14)]]);
      assert.deepEqual(splitSections(text).map((s) => s.startLine), [0, 10]);
    });
  });

  describe('line endings and byte-order marks', () => {
    const fixtureNames = [
      'heading-controls.md',
      'control-matrix.md',
      'csf-profile.md',
      'statement-of-applicability.md',
      'assets.md',
      'disable-comments.md',
      'unfilled-template.md',
      'references.md',
      'bad-front-matter.md',
    ];

    for (const name of fixtureNames) {
      it(`gives ${name} the same plan with CRLF, BOM and BOM+CRLF as with LF`, async () => {
        const source = await fixture(name);
        assert.ok(!source.text.includes('\r'), 'the fixture is stored with LF line endings');
        const lf = parse(source);
        const crlf = source.text.replace(/\n/g, '\r\n');
        assert.deepEqual(parse({ path: name, text: crlf }), lf, 'CRLF');
        assert.deepEqual(parse({ path: name, text: `\uFEFF${source.text}` }), lf, 'BOM');
        assert.deepEqual(parse({ path: name, text: `\uFEFF${crlf}` }), lf, 'BOM + CRLF');
      });
    }

    it('places a control after a BOM and CRLF exactly as with LF', () => {
      const plan = parse({ path: 'w.md', text: '\uFEFF# Plan\r\n\r\n## OT-SEG-01 — Seg\r\n- **Status:** implemented\r\n' });
      const seg = entry(plan, 'OT-SEG-01');
      assert.deepEqual([seg.idRange, attribute(seg, 'status').range], [range(3, 4, 3, 13), range(4, 15, 4, 26)]);
      assert.deepEqual(plan.metadata.title?.range, range(1, 1, 1, 7));
    });

    it('normalizes text: drops a BOM and turns CRLF and CR into LF', () => {
      assert.equal(normalizeText('\uFEFFa\r\nb\rc\n'), 'a\nb\nc\n');
      assert.equal(normalizeText('plain\n'), 'plain\n');
    });
  });

  describe('splitSections', () => {
    it('splits at ATX headings, keeping front matter apart, with 0-based start lines and line counts', () => {
      const text = '---\nplantgap:\n  profile: ot-baseline\n---\n# Plan\n\n## OT-A-01\n- Status: planned\n';
      assert.deepEqual(splitSections(text), [
        { text: '---\nplantgap:\n  profile: ot-baseline\n---\n', startLine: 0, lineCount: 4 },
        { text: '# Plan\n\n', startLine: 4, lineCount: 2 },
        { text: '## OT-A-01\n- Status: planned\n', startLine: 6, lineCount: 2 },
      ]);
    });

    it('does not split at `#` lines in front matter or fenced code, nor at `#text` without a space', () => {
      assert.deepEqual(splitSections('---\n# not a heading\n---\n# A\n'), [
        { text: '---\n# not a heading\n---\n', startLine: 0, lineCount: 3 },
        { text: '# A\n', startLine: 3, lineCount: 1 },
      ]);
      assert.deepEqual(splitSections('# A\n````\n# no\n```\n# still no\n````\n#B\n## C'), [
        { text: '# A\n````\n# no\n```\n# still no\n````\n#B\n', startLine: 0, lineCount: 7 },
        { text: '## C', startLine: 7, lineCount: 1 },
      ]);
    });

    it('does not split at an indented code line, nor at an indented heading (it may belong to a list item)', () => {
      assert.deepEqual(splitSections('# A\n\n    # code\n   ### C\n'), [{ text: '# A\n\n    # code\n   ### C\n', startLine: 0, lineCount: 4 }]);
      assert.deepEqual(splitSections('# A\n- item\n  ## inside the item\n# B\n'), [
        { text: '# A\n- item\n  ## inside the item\n', startLine: 0, lineCount: 3 },
        { text: '# B\n', startLine: 3, lineCount: 1 },
      ]);
    });

    it('does not split inside an HTML comment or an HTML block, and splits again after it ends', () => {
      assert.deepEqual(splitSections('# A\n<!--\n## OT-X-01 — hidden\n-->\n## B\n'), [
        { text: '# A\n<!--\n## OT-X-01 — hidden\n-->\n', startLine: 0, lineCount: 4 },
        { text: '## B\n', startLine: 4, lineCount: 1 },
      ]);
      assert.deepEqual(splitSections('# A\n<details>\n## OT-X-01 — folded\n\n## B\n'), [
        { text: '# A\n<details>\n## OT-X-01 — folded\n\n', startLine: 0, lineCount: 4 },
        { text: '## B\n', startLine: 4, lineCount: 1 },
      ]);
      // A comment closed on its own line does not hold back the next heading.
      assert.deepEqual(splitSections('# A\n<!-- note -->\n## B\n'), [
        { text: '# A\n<!-- note -->\n', startLine: 0, lineCount: 2 },
        { text: '## B\n', startLine: 2, lineCount: 1 },
      ]);
    });

    it('does not count a control written inside an HTML comment or directly under <details>', () => {
      const plan = parse({
        path: 'hidden.md',
        text: '# Plan\n\n<!--\n## OT-HID-01 — Commented out\n- Covers: PR.IR-01\n- Status: implemented\n-->\n\n<details>\n## OT-HID-02 — Folded\n- Status: implemented\n</details>\n\n## OT-VIS-01 — Visible\n- Covers: PR.IR-01\n- Status: planned\n',
      });
      assert.deepEqual(plan.entries.map((e) => e.id), ['OT-VIS-01']);
    });

    it('treats ``` followed by a backtick on the same line as inline code, not a fence', () => {
      assert.deepEqual(splitSections('# A\n``` x ` y\n# B'), [
        { text: '# A\n``` x ` y\n', startLine: 0, lineCount: 2 },
        { text: '# B', startLine: 2, lineCount: 1 },
      ]);
    });

    it('returns one section for text without headings, and one empty section for empty text', () => {
      assert.deepEqual(splitSections('no heading\nline two'), [{ text: 'no heading\nline two', startLine: 0, lineCount: 2 }]);
      assert.deepEqual(splitSections(''), [{ text: '', startLine: 0, lineCount: 1 }]);
    });

    it('keeps CRLF line endings inside sections and still splits at headings', () => {
      assert.deepEqual(splitSections('# A\r\ntext\r\n## B\r\n'), [
        { text: '# A\r\ntext\r\n', startLine: 0, lineCount: 2 },
        { text: '## B\r\n', startLine: 2, lineCount: 1 },
      ]);
    });
  });

  describe('section cache', () => {
    const control = (index: number, status: string) =>
      `## OT-C-${String(index).padStart(2, '0')} — Control ${index}\n- **Covers:** PR.IR-01\n- **Status:** ${status}\n- **Owner:** Owner ${index}\n`;
    const plan50 = (statusOf: (index: number) => string, preamble = '') =>
      `# Plan with 50 controls\n${preamble}\n${Array.from({ length: 50 }, (_, i) => control(i + 1, statusOf(i + 1))).join('\n')}`;

    /** What a plan says about its entries, for comparing a cached parse with a fresh one. */
    const entriesOf = (plan: Plan) =>
      plan.entries.map((e) => ({ id: e.id, range: e.range, idRange: e.idRange, status: e.status, attributes: e.attributes, references: e.references, endLine: e.endLine }));

    it('keeps of a section\'s prose only template text and whether it describes its control', () => {
      const text = '## OT-P-01 — Prose\n- Status: planned\n\nThe jump host records every vendor session.\n\nShort note\n\n[Describe the control here]\n';
      const file = new PlanParser(knowledgeBase).parseFile({ path: 'p.md', text });
      const events = [...file.sections].flatMap((section) => section.parsed.events);
      assert.deepEqual(
        events.filter((event) => event.type === 'prose' || event.type === 'description'),
        [{ type: 'description' }, { type: 'prose', range: range(8, 1, 8, 28), placeholder: true, text: '[Describe the control here]' }],
      );
      const plan = new PlanParser(knowledgeBase).parsePlan([{ path: 'p.md', text }]);
      assert.equal(entry(plan, 'OT-P-01').hasDescription, true);
      assert.deepEqual(plan.placeholders.map((placeholder) => placeholder.text), ['[Describe the control here]']);
    });

    it('re-parses only the edited section of a 50-control plan and gives the same result as a fresh parse', () => {
      const parser = new PlanParser(knowledgeBase);
      const original = plan50(() => 'implemented');
      const first = parser.parsePlan([{ path: 'big.md', text: original }]);
      const sections = splitSections(original).length;
      assert.equal(sections, 51);
      assert.deepEqual(parser.stats, { parsed: 51, reused: 0 });
      assert.equal(first.entries.length, 50);

      const edited = plan50((index) => (index === 25 ? 'partial' : 'implemented'));
      const second = parser.parsePlan([{ path: 'big.md', text: edited }]);
      assert.deepEqual(parser.stats, { parsed: 52, reused: 50 });

      const fresh = new PlanParser(knowledgeBase).parsePlan([{ path: 'big.md', text: edited }]);
      assert.deepEqual(entriesOf(second), entriesOf(fresh));
      assert.deepEqual(second, fresh);
      assert.equal(entry(second, 'OT-C-25').status, 'partial');
      assert.equal(entry(second, 'OT-C-24').status, 'implemented');
    });

    it('reuses sections that moved down after a line was inserted above them, with shifted ranges', () => {
      const parser = new PlanParser(knowledgeBase);
      const original = plan50(() => 'planned');
      const before = parser.parsePlan([{ path: 'big.md', text: original }]);
      const shifted = plan50(() => 'planned', '\nOne more line of introduction.\n');
      const after = parser.parsePlan([{ path: 'big.md', text: shifted }]);
      assert.deepEqual(parser.stats, { parsed: 52, reused: 50 });
      const last = (plan: Plan) => entry(plan, 'OT-C-50');
      assert.equal(last(after).idRange.start.line, last(before).idRange.start.line + 2);
      assert.deepEqual(entriesOf(after), entriesOf(new PlanParser(knowledgeBase).parsePlan([{ path: 'big.md', text: shifted }])));
    });

    it('keeps the objects of unchanged entries across an edit, so their analysis is remembered', () => {
      const parser = new PlanParser(knowledgeBase);
      const first = parser.parsePlan([{ path: 'big.md', text: plan50(() => 'implemented') }]);
      const second = parser.parsePlan([{ path: 'big.md', text: plan50((index) => (index === 25 ? 'partial' : 'implemented')) }]);
      const kept = second.entries.filter((e, index) => e === first.entries[index]).map((e) => e.id);
      assert.equal(kept.length, 49);
      assert.ok(!kept.includes('OT-C-25'));
      // A line inserted above moves every entry: none is kept, none is stale.
      const moved = parser.parsePlan([{ path: 'big.md', text: plan50(() => 'implemented', '\nOne more line.\n') }]);
      assert.equal(moved.entries.filter((e) => second.entries.includes(e) || first.entries.includes(e)).length, 0);
    });

    it('maps only the edited entry again: requirements it does not reach keep their contribution lists', () => {
      const covers = ['PR.IR-01', 'DE.CM-01', 'ID.AM-01', 'PR.AA-05', 'GV.OC-01'];
      const text = (status25: string) =>
        `# Plan\n\n${Array.from({ length: 50 }, (_, i) => control(i + 1, i + 1 === 25 ? status25 : 'planned').replace('PR.IR-01', covers[i % covers.length] as string)).join('\n')}`;
      const parser = new PlanParser(knowledgeBase);
      const before = mapContributions(parser.parsePlan([{ path: 'big.md', text: text('planned') }]), knowledgeBase);
      const edited = parser.parsePlan([{ path: 'big.md', text: text('implemented') }]);
      const after = mapContributions(edited, knowledgeBase);
      // OT-C-25 covers GV.OC-01 (index 24 → covers[4]); what it reaches got new lists, nothing else did.
      const reached = new Set([...after].filter(([, list]) => list.some((c) => c.entry.id === 'OT-C-25')).map(([key]) => key));
      assert.ok(reached.has('nist-csf-2.0:GV.OC-01'));
      for (const [key, list] of after) assert.equal(list === before.get(key), !reached.has(key), key);
      assert.deepEqual(after, mapContributions(new PlanParser(knowledgeBase).parsePlan([{ path: 'big.md', text: text('implemented') }]), knowledgeBase));
      // Earlier results stay as they were.
      assert.ok([...(before.get('nist-csf-2.0:GV.OC-01') ?? [])].every((c) => c.entry.id !== 'OT-C-25' || c.status === 'planned'));
    });

    it('gives each of two identical files its own entry objects', () => {
      const parser = new PlanParser(knowledgeBase);
      const text = plan50(() => 'planned');
      parser.parsePlan([{ path: 'big.md', text }]);
      const twice = parser.parsePlan([{ path: 'big.md', text }, { path: 'big.md', text }]);
      assert.equal(new Set(twice.entries).size, 100);
    });

    it('reuses identical sections across files and keeps each in its own file', () => {
      const parser = new PlanParser(knowledgeBase);
      const text = '# Part\n\n## OT-X-01 — Same text\n- Status: planned\n';
      const plan = parser.parsePlan([
        { path: 'a.md', text },
        { path: 'b.md', text },
      ]);
      assert.deepEqual(parser.stats, { parsed: 2, reused: 2 });
      assert.deepEqual(plan.entries.map((e) => [e.file, e.idRange]), [
        ['a.md', range(3, 4, 3, 11)],
        ['b.md', range(3, 4, 3, 11)],
      ]);
    });
  });

  describe('fixed parse bugs', () => {
    it('gives a table cell the range of its text, without pipes and padding', () => {
      const text = '# Plan\n\n| ID | Covers | Status |\n| --- | --- | --- |\n|  OT-T-01 | PR.IR-01 |   |\n';
      const control = entry(parse({ path: 't.md', text }), 'OT-T-01');
      assert.deepEqual(control.idRange, range(5, 4, 5, 11));
      assert.equal(textAt(text, control.idRange), 'OT-T-01');
      assert.deepEqual(control.references.map((reference) => reference.range), [range(5, 14, 5, 22)]);
      // An empty cell: zero width, right after its opening pipe.
      assert.deepEqual(attribute(control, 'status').range, range(5, 24, 5, 24));
    });

    it('reads a plain `CSF tier: 3` line outside controls as the plan target, like the list form', () => {
      const plan = parse({ path: 'tier.md', text: '# Plan\n\nCSF tier: 3\nTarget security level: SL-3\n\n## OT-X-01 — A control\n- Status: planned\n' });
      assert.equal(plan.metadata.targets.csfTier?.value, 3);
      assert.deepEqual(plan.metadata.targets.csfTier?.range, range(3, 11, 3, 12));
      assert.equal(plan.metadata.targets.securityLevel?.value, 'SL-3');
    });

    it('keeps underscores inside words in plain text and drops them as emphasis', () => {
      const plan = parse({ path: 'u.md', text: '# Plan\n\n## OT-U-01 — Tags\n- Owner: plc_admin team\n- Status: _planned_\n' });
      const control = entry(plan, 'OT-U-01');
      assert.equal(attribute(control, 'owner').value, 'plc_admin team');
      assert.equal(attribute(control, 'status').value, 'planned');
      assert.equal(control.status, 'planned');
    });

    it('turns values into plain text: links and emphasis go, every run of whitespace is one space', () => {
      const text = [
        '# Plan',
        '',
        '## OT-W-01 — Values',
        '- Owner: OT\u00a0network\t\tlead   (plant  2)',
        '- Evidence: [firewall review](docs/fw.md) and [log][ref], **signed** by `ot_admin` ~~then~~',
        '- Target: SL-2 by 2027',
        '',
      ].join('\n');
      const control = entry(parse({ path: 'w.md', text }), 'OT-W-01');
      assert.equal(attribute(control, 'owner').value, 'OT network lead (plant 2)');
      assert.equal(attribute(control, 'evidence').value, 'firewall review and log, signed by ot_admin then');
      assert.equal(attribute(control, 'target').value, 'SL-2 by 2027');
    });

    it('keeps reading a table after a comment line between its rows, and keeps the comment\'s directives', () => {
      const text = '# Plan\n\n| ID | Covers | Status |\n| --- | --- | --- |\n| OT-M-01 | PR.IR-01 | planned |\n<!-- plantgap-disable-next-line missing-owner -->\n| OT-M-02 | DE.CM-01 | implemented |\n\nAfter the table.\n';
      const plan = parse({ path: 'm.md', text });
      assert.deepEqual(plan.entries.map((e) => [e.id, e.status, e.range.start.line]), [
        ['OT-M-01', 'planned', 5],
        ['OT-M-02', 'implemented', 7],
      ]);
      assert.deepEqual(entry(plan, 'OT-M-02').references.map((reference) => reference.text), ['DE.CM-01']);
      assert.deepEqual(plan.directives, [{ command: 'disable-next-line', rules: ['missing-owner'], file: 'm.md', line: 6 }]);
      assert.deepEqual(new PlanParser(knowledgeBase, { fullParser: true }).parsePlan([{ path: 'm.md', text }]), plan);
    });

    it('recognises `Yes / No / N/A` as an unfilled template choice', () => {
      const plan = parse({ path: 'y.md', text: '# Plan\n\n## OT-Y-01 — Choice\n- Applicable: Yes / No / N/A\n- Status: planned\n' });
      assert.deepEqual(plan.placeholders.map((placeholder) => placeholder.text), ['Yes / No / N/A']);
    });
  });
});
