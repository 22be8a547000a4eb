/**
 * An editor's document kept as sections (SectionedText) must always hold the sections that
 * splitting the whole edited text gives — that is what lets the parser take it instead of the text —
 * and refuse exactly the edits that would give it a byte-order mark or a lone `\r`.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkPlanText, loadKnowledgeBase, normalizeText, PlanParser, SectionedText, splitSections } from '@plantgap/core';
import { fuzzParameters } from './fuzz-settings.js';
import { applyEdit, editStep, planText, type TextEditStep } from './plan-arbitraries.js';

/** Most editors never hold a BOM or a lone `\r`: test such texts mostly, and the others too. */
const regular = (text: string) => text.replace(/^\uFEFF/, '').replace(/\r(?!\n)/g, '\n');
const documentText = fc.tuple(planText, fc.integer({ min: 0, max: 3 })).map(([text, pick]) => (pick === 0 ? text : regular(text)));
const step = fc.tuple(editStep, fc.integer({ min: 0, max: 3 })).map(([edit, pick]): TextEditStep => (pick === 0 ? edit : { ...edit, insert: regular(edit.insert) }));

function isRegular(text: string): boolean {
  return !text.startsWith('\uFEFF') && !/\r(?!\n)/.test(text);
}

let parser: PlanParser;

before(async () => {
  const loaded = await loadKnowledgeBase();
  if (!loaded.ok) assert.fail(JSON.stringify(loaded.errors));
  parser = new PlanParser(loaded.value);
});

/** A parsed file with its sections parsed (parseFile parses them as they are iterated). */
function parsedFile(text: string | SectionedText) {
  const file = parser.parseFile({ path: 'plan.md', text });
  return { ...file, sections: [...file.sections] };
}

/** What SectionedText must agree with: the whole text split, lines counted as editors count them. */
function assertHolds(sectioned: SectionedText, text: string): void {
  assert.deepEqual(parsedFile(sectioned), parsedFile(text));
  assert.equal(sectioned.text, text);
  assert.equal(sectioned.length, text.length);
  assert.deepEqual(sectioned.slices(), splitSections(normalizeText(text)));
  const lines = text.split('\n');
  assert.equal(sectioned.lineCount, lines.length);
  let offset = 0;
  for (const [line, content] of lines.entries()) {
    assert.equal(sectioned.lineStart(line), offset, `start of line ${line}`);
    assert.equal(sectioned.lineAt(offset), line, `line at ${offset}`);
    if (content.length > 0) assert.equal(sectioned.lineAt(offset + content.length - 1), line);
    offset += content.length + 1;
  }
  const longest = Math.max(...lines.map((line) => line.length));
  const limit = Math.max(0, longest - 1);
  const long = sectioned.lineLongerThan(limit);
  assert.equal(long?.length, longest === 0 ? undefined : longest);
  if (long) assert.equal(lines[long.line - 1]?.length, longest);
  const limits = { maxFileBytes: Number.MAX_SAFE_INTEGER, maxLineLength: limit };
  assert.equal(checkPlanText(sectioned, limits), checkPlanText(text, limits));
  const from = Math.floor(text.length / 3);
  assert.equal(sectioned.slice(from, from + 17), text.slice(from, from + 17));
  assert.equal(sectioned.charCodeAt(from), from < text.length ? text.charCodeAt(from) : Number.NaN);
}

describe('SectionedText (fast-check)', function () {
  it('holds the sections of the whole text after any edits, and refuses exactly the texts with a BOM or a lone CR', () => {
    fc.assert(
      fc.property(documentText, fc.array(step, { minLength: 1, maxLength: 8 }), (initial, steps) => {
        let text = initial;
        let sectioned = SectionedText.from(text);
        assert.equal(sectioned !== undefined, isRegular(text));
        if (sectioned) assertHolds(sectioned, text);
        for (const edit of steps) {
          const next = applyEdit(text, edit);
          if (sectioned) {
            const start = text.length === 0 ? 0 : edit.start % (text.length + 1);
            const accepted = sectioned.replace(start, Math.min(text.length, start + edit.deleteCount), edit.insert);
            assert.equal(accepted, isRegular(next), `replace accepted ${JSON.stringify(next)}`);
            if (accepted) assertHolds(sectioned, next);
            else assertHolds(sectioned, text);
          }
          text = next;
          if (!sectioned || !isRegular(text)) sectioned = SectionedText.from(text);
        }
      }),
      fuzzParameters(500),
    );
  });

  it('hands out the same slice objects for the sections an edit leaves in place', () => {
    const sections = Array.from({ length: 20 }, (_, index) => `## OT-${index} Control\n- **Status:** planned\n`);
    const text = `# Plan\n${sections.join('')}`;
    const sectioned = SectionedText.from(text);
    assert.ok(sectioned);
    const before = sectioned.slices();
    // Within a line: every other section keeps its slice, above and below.
    const at = text.indexOf('planned', text.indexOf('## OT-10 '));
    assert.ok(sectioned.replace(at, at + 'planned'.length, 'implemented'));
    const within = sectioned.slices();
    assertHolds(sectioned, `${text.slice(0, at)}implemented${text.slice(at + 'planned'.length)}`);
    assert.deepEqual(
      within.map((slice, index) => slice === before[index]),
      within.map((_, index) => index !== 11),
    );
    // A line added: the sections below move down and get slices of their own.
    const lineEnd = sectioned.text.indexOf('\n', sectioned.text.indexOf('## OT-10 '));
    assert.ok(sectioned.replace(lineEnd, lineEnd, '\n- **Owner:** OT lead'));
    const moved = sectioned.slices();
    assert.deepEqual(
      moved.map((slice, index) => slice === within[index]),
      moved.map((_, index) => index < 11),
    );
    assert.deepEqual(moved.slice(12).map((slice, index) => slice.startLine - (within[12 + index] as { startLine: number }).startLine), moved.slice(12).map(() => 1));
  });

  it('re-splits past an opened fence until the split closes again', () => {
    const sections = Array.from({ length: 40 }, (_, index) => `## OT-${index} Control\n- **Status:** planned\n`);
    const text = `# Plan\n${sections.join('')}`;
    const sectioned = SectionedText.from(text);
    assert.ok(sectioned);
    const at = text.indexOf('## OT-3 ');
    assert.ok(sectioned.replace(at, at, '```\n'));
    assertHolds(sectioned, `${text.slice(0, at)}\`\`\`\n${text.slice(at)}`);
    assert.equal(sectioned.slices().length, 4, 'everything after the open fence is one section');
    assert.ok(sectioned.replace(at, at + 4, ''));
    assertHolds(sectioned, text);
    assert.equal(sectioned.slices().length, 41);
  });
});
