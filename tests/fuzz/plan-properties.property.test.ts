/**
 * Properties of the parser and the analysis over random and mutated plans: they never throw, every
 * finding (and every fix edit) points inside its document, and a PlanParser reused across an edit
 * sequence (its section cache) gives exactly what a fresh parser gives.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  analyzePlan,
  canonicalAttribute,
  checkPlanText,
  parseStatus,
  parseYesNo,
  scanReferences,
  loadKnowledgeBase,
  normalizeText,
  PlanParser,
  selectProfile,
  splitSections,
  type Finding,
  type KnowledgeBase,
  type PlanSource,
  type Profile,
  type Range,
} from '@plantgap/core';
import { fuzzParameters } from './fuzz-settings.js';
import { applyEdit, editStep, mutatedPlanText, phrase, planText } from './plan-arbitraries.js';

let knowledgeBase: KnowledgeBase;
let baseline: Profile;

before(async () => {
  const loaded = await loadKnowledgeBase();
  if (!loaded.ok) assert.fail(JSON.stringify(loaded.errors));
  knowledgeBase = loaded.value;
  const profile = knowledgeBase.profiles.get('ot-baseline');
  assert.ok(profile);
  baseline = profile;
});

/** Lines of a document as findings count them: after line-ending normalisation and BOM removal. */
function documentLines(text: string): string[] {
  return normalizeText(text).split('\n');
}

/** Why `range` does not lie inside the document, or undefined when it does. */
function rangeProblem(range: Range, lines: readonly string[]): string | undefined {
  const { start, end } = range;
  for (const [name, position] of [['start', start], ['end', end]] as const) {
    if (!Number.isInteger(position.line) || !Number.isInteger(position.column)) return `${name} is not integral`;
    if (position.line < 1 || position.column < 1) return `${name} is not 1-based`;
    if (position.line > lines.length) return `${name} line ${position.line} is past the last line ${lines.length}`;
    const length = lines[position.line - 1]?.length ?? 0;
    if (position.column > length + 1) return `${name} column ${position.column} is past the end of line ${position.line} (${length} characters)`;
  }
  if (end.line < start.line || (end.line === start.line && end.column < start.column)) return 'end is before start';
  return undefined;
}

function assertFindingsInside(findings: readonly Finding[], sources: readonly PlanSource[]): void {
  const linesByFile = new Map(sources.map((source) => [source.path, documentLines(source.text)]));
  for (const finding of findings) {
    const lines = linesByFile.get(finding.file);
    assert.ok(lines, `finding ${finding.ruleId} names an unknown file ${finding.file}`);
    const problem = rangeProblem(finding.range, lines);
    assert.equal(problem, undefined, `${finding.ruleId} range ${JSON.stringify(finding.range)}: ${problem}`);
    for (const fix of [...(finding.fix ? [finding.fix] : []), ...(finding.alternativeFixes ?? [])]) {
      for (const edit of fix.edits) {
        const editLines = linesByFile.get(edit.file);
        assert.ok(editLines, `fix of ${finding.ruleId} edits an unknown file ${edit.file}`);
        const editProblem = rangeProblem(edit.range, editLines);
        assert.equal(editProblem, undefined, `fix "${fix.title}" of ${finding.ruleId} range ${JSON.stringify(edit.range)}: ${editProblem}`);
      }
    }
  }
}

/** Parse and analyse, the way the CLI and the language server do; the profile from front matter when it names a real one. */
function analyse(parser: PlanParser, sources: readonly PlanSource[]) {
  const plan = parser.parsePlan(sources);
  const selected = selectProfile(plan, knowledgeBase);
  const analysis = analyzePlan(plan, knowledgeBase, selected.ok ? selected.value : baseline);
  return { plan, coverage: analysis.coverage, findings: analysis.findings };
}

describe('plan properties (fast-check)', function () {
  this.timeout(120_000);

  it('splits any text into sections that cover it exactly, in order', () => {
    fc.assert(
      fc.property(mutatedPlanText, (text) => {
        const normalized = normalizeText(text);
        const sections = splitSections(normalized);
        assert.equal(sections.map((section) => section.text).join(''), normalized);
        let line = 0;
        for (const section of sections) {
          assert.equal(section.startLine, line);
          line += section.lineCount;
        }
      }),
      fuzzParameters(3500),
    );
  });

  it('finds references only where their text is, without overlaps, in any text', () => {
    fc.assert(
      fc.property(fc.oneof(phrase, fc.string({ maxLength: 40, unit: 'binary' })), (text) => {
        let previousEnd = 0;
        for (const match of scanReferences(knowledgeBase, text)) {
          assert.equal(text.slice(match.start, match.end), match.text);
          assert.ok(match.start >= previousEnd && match.end > match.start, `overlapping or empty match ${JSON.stringify(match.text)}`);
          previousEnd = match.end;
        }
      }),
      fuzzParameters(3000),
    );
  });

  it('reads attribute keys, statuses and yes/no answers from any text without throwing', () => {
    fc.assert(
      fc.property(phrase, (text) => {
        canonicalAttribute(text);
        const status = parseStatus(text);
        assert.ok(status === undefined || ['implemented', 'partial', 'planned', 'not-started', 'not-applicable'].includes(status));
        assert.ok([true, false, undefined].includes(parseYesNo(text)));
        // The line-length check names a line that exists and is really too long.
        const problem = checkPlanText(text, { maxFileBytes: 1000, maxLineLength: 10 });
        const longest = Math.max(...text.split('\n').map((line) => line.length));
        assert.equal(problem !== undefined, longest > 10, `checkPlanText ${JSON.stringify(problem)} for longest line ${longest}`);
      }),
      fuzzParameters(2000),
    );
  });

  it('parses and analyses any plan without throwing, every finding and fix inside its document', () => {
    fc.assert(
      fc.property(mutatedPlanText, (text) => {
        const sources = [{ path: 'plan.md', text }];
        const { findings, plan } = analyse(new PlanParser(knowledgeBase), sources);
        assertFindingsInside(findings, sources);
        const lines = documentLines(text);
        for (const entry of plan.entries) assert.equal(rangeProblem(entry.range, lines), undefined, `entry ${entry.id} ${JSON.stringify(entry.range)}`);
        // lineCount does not count the empty "line" after a final newline.
        const expectedLineCount = lines.length > 1 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
        for (const summary of plan.files) assert.equal(summary.lineCount, expectedLineCount, 'file line count');
      }),
      fuzzParameters(1200),
    );
  });

  it('keeps findings inside their own file when a plan spans several files', () => {
    fc.assert(
      fc.property(fc.array(planText, { minLength: 2, maxLength: 3 }), (texts) => {
        const sources = texts.map((text, index) => ({ path: `part-${index}.md`, text }));
        assertFindingsInside(analyse(new PlanParser(knowledgeBase), sources).findings, sources);
      }),
      fuzzParameters(150),
    );
  });

  it('gives the same plan, coverage and findings from a reused parser (section cache) as from a fresh one, across edits', () => {
    fc.assert(
      fc.property(planText, fc.array(editStep, { minLength: 1, maxLength: 5 }), (initial, steps) => {
        const reused = new PlanParser(knowledgeBase);
        let text = initial;
        reused.parsePlan([{ path: 'plan.md', text }]);
        // Plans are compared after every edit; the (costlier) analysis after the last one, where
        // any state the cache kept from earlier edits would show.
        steps.forEach((step, index) => {
          text = applyEdit(text, step);
          const sources = [{ path: 'plan.md', text }];
          if (index < steps.length - 1) {
            assert.deepStrictEqual(reused.parsePlan(sources), new PlanParser(knowledgeBase).parsePlan(sources));
          } else {
            assert.deepStrictEqual(analyse(reused, sources), analyse(new PlanParser(knowledgeBase), sources));
          }
        });
      }),
      fuzzParameters(400),
    );
  });

  it('gives the same analysis from a reused parser as from a fresh one after every edit (entries and contributions kept across edits)', () => {
    fc.assert(
      fc.property(planText, fc.array(editStep, { minLength: 1, maxLength: 4 }), (initial, steps) => {
        const reused = new PlanParser(knowledgeBase);
        let text = initial;
        analyse(reused, [{ path: 'plan.md', text }]);
        for (const step of steps) {
          text = applyEdit(text, step);
          const sources = [{ path: 'plan.md', text }];
          assert.deepStrictEqual(analyse(reused, sources), analyse(new PlanParser(knowledgeBase), sources));
        }
      }),
      fuzzParameters(200),
    );
  });

  it('gives the same result whether a section was cached from another file or position', () => {
    fc.assert(
      fc.property(planText, planText, (first, second) => {
        const reused = new PlanParser(knowledgeBase);
        // Parse the sections once in another file and order, then as the plan under test.
        analyse(reused, [{ path: 'other.md', text: second + '\n' + first }]);
        const sources = [{ path: 'plan.md', text: first }, { path: 'more.md', text: second }];
        assert.deepStrictEqual(analyse(reused, sources), analyse(new PlanParser(knowledgeBase), sources));
      }),
      fuzzParameters(150),
    );
  });
});
