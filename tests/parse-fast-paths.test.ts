/**
 * The parser's fast paths (simple sections built without remark, a section parsed without GFM when
 * it has no GFM trigger, front matter read only at the start of a file, events shifted once and
 * reused) must give exactly the Plan the full path gives: every fixture, both examples, edge cases
 * and a generated 300-control plan are parsed both ways and compared whole. Also: analysing an edited plan with a warm parser equals analysing it
 * from scratch (findings and coverage).
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { analyzePlan, loadKnowledgeBase, PlanParser, selectProfile, type KnowledgeBase, type Plan, type PlanSource } from '@plantgap/core';
import { generatePlan } from '../bench/generate-plan.mjs';
import { fixtures } from './helpers/run-cli.js';

const repositoryRoot = path.resolve(fixtures, '..', '..');

async function markdownFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.md')).map((entry) => path.join(entry.parentPath, entry.name));
}

/** Cases whose GFM triggers sit exactly where the fast path must notice them. */
const edgeCases: Record<string, string> = {
  'autolink-literal.md': '# Plan\n\n## OT-A-01 — Links\n- Evidence: see www.example.com/PR.IR-01 and https://example.com/A.8.22\n- Owner: ot@example.com\n- Covers: PR.IR-01\n',
  'strikethrough.md': '# Plan\n\n## OT-B-01 — Struck\n- Covers: ~~PR.IR-01~~ DE.CM-01\n- Status: ~~planned~~ implemented\n',
  'task-list.md': '# Plan\n\n## OT-C-01 — Tasks\n- [x] Covers: PR.IR-01\n- [ ] Status: planned\n',
  'footnote.md': '# Plan\n\n## OT-D-01 — Noted\n- Covers: PR.IR-01[^1]\n\n[^1]: A.8.22 too\n',
  'table-no-outer-pipes.md': '# Plan\n\nID | Covers | Status\n--- | --- | ---\nOT-E-01 | PR.IR-01 | implemented\n',
  'front-matter-late.md': '# Plan\n\n---\ntitle: not front matter\n---\n## OT-F-01 — After a rule\n- Status: planned\n',
  'front-matter-emphasis.md': '---\nplantgap:\n  profile: nist-csf-2.0\n---\n# Plan *draft*\n\nCSF tier: 2\n\n## OT-H-01 — Front\n- Status: planned\n',
  'front-matter-simple.md': '---\nplantgap:\n  target: { security-level: SL-3 }\n---\n# Plan\n\n## OT-I-01 — Front\n- Status: planned\n',
  'front-matter-empty.md': '---\n---\n# Plan\n',
  'front-matter-unclosed.md': '---\ntitle: never closed\n# Plan\n\n## OT-J-01 — After\n- Status: planned\n',
  'html.md': '# Plan\n\n<!-- plantgap-disable missing-owner -->\n## OT-G-01 — Quiet\n- Status: planned\n<!-- plantgap-enable -->\n\n<details>\n\n## OT-G-02 — In details\n- Status: planned\n\n</details>\n',
};

describe('parser fast paths', () => {
  let knowledgeBase: KnowledgeBase;
  const sources: PlanSource[] = [];

  before(async () => {
    const loaded = await loadKnowledgeBase();
    if (!loaded.ok) assert.fail(JSON.stringify(loaded.errors));
    knowledgeBase = loaded.value;
    const files = [...(await markdownFiles(path.join(fixtures, 'plans'))), ...(await markdownFiles(path.join(repositoryRoot, 'examples')))];
    for (const file of files) sources.push({ path: path.relative(repositoryRoot, file), text: await readFile(file, 'utf8') });
    for (const [name, text] of Object.entries(edgeCases)) sources.push({ path: name, text });
    sources.push({ path: 'generated-300.md', text: generatePlan(300, { seed: 7 }) });
  });

  const full = (source: PlanSource): Plan => new PlanParser(knowledgeBase, { fullParser: true }).parsePlan([source]);
  const fast = (source: PlanSource): Plan => new PlanParser(knowledgeBase).parsePlan([source]);

  it('parses every fixture, example, edge case and a generated plan exactly as the full parser does', () => {
    assert.ok(sources.length >= 15, `expected the fixtures and examples, found ${sources.length} files`);
    const parser = new PlanParser(knowledgeBase);
    for (const source of sources) {
      assert.deepEqual(parser.parsePlan([source]), full(source), source.path);
      assert.deepEqual(fast(source), full(source), source.path);
    }
    // Every path was taken, so every path was compared.
    const paths = parser.parsePaths;
    assert.ok(paths.simple > 100 && paths.commonmark > 0 && paths.gfm > 0 && paths.full > 0, JSON.stringify(paths));
  });

  it('builds simple sections without remark, and sends anything unusual to remark', () => {
    const pathOf = (text: string) => {
      const parser = new PlanParser(knowledgeBase);
      parser.parsePlan([{ path: 'one.md', text }]);
      return Object.entries(parser.parsePaths).find(([, count]) => count > 0)?.[0];
    };
    assert.equal(pathOf('## OT-A-01 — Plain\n- **Covers:** PR.IR-01, A.8.22\n- **Evidence:** [review](evidence/r.md)\n\nSome prose (IT) here.\n'), 'simple');
    for (const text of [
      '## OT-A-01 — *Emphasis*\n',
      '## OT-A-01\n- Status: planned\n  continued\n',
      '## OT-A-01\nLine with trailing spaces  \nnext\n',
      '## OT-A-01\n- **Covers:** `PR.IR-01`\n',
      '## OT-A-01\n- [ref]: /url\n',
      '## OT-A-01\nText &amp; more\n',
      '## OT-A-01\nSetext\n---\n',
      '## OT-A-01 ##\n',
    ]) {
      assert.equal(pathOf(text), 'commonmark', text);
      assert.deepEqual(fast({ path: 'x.md', text }), full({ path: 'x.md', text }), text);
    }
  });

  it('finds the constructs the edge cases are about (so the comparison compares something)', () => {
    const plan = (name: string) => fast({ path: name, text: edgeCases[name] ?? '' });
    assert.deepEqual(plan('table-no-outer-pipes.md').entries.map((e) => [e.id, e.status]), [['OT-E-01', 'implemented']]);
    assert.equal(plan('autolink-literal.md').entries[0]?.attributes.owner?.value, 'ot@example.com');
    assert.deepEqual(plan('strikethrough.md').entries[0]?.references.map((r) => r.text), ['PR.IR-01', 'DE.CM-01']);
    assert.deepEqual(plan('html.md').entries.map((e) => e.id), ['OT-G-01', 'OT-G-02']);
    assert.deepEqual(plan('html.md').directives.map((d) => d.command), ['disable', 'enable']);
    assert.equal(plan('front-matter-simple.md').metadata.targets.securityLevel?.value, 'SL-3');
    assert.equal(plan('front-matter-emphasis.md').metadata.profile?.value, 'nist-csf-2.0');
  });

  it('gives a warm parser the same plan and analysis after edits as a fresh parse', () => {
    const text = generatePlan(200, { seed: 11 });
    const lines = text.split('\n');
    const parser = new PlanParser(knowledgeBase);
    parser.parsePlan([{ path: 'plan.md', text }]);
    const analyse = (plan: Plan) => {
      const profile = selectProfile(plan, knowledgeBase, {});
      if (!profile.ok) assert.fail(JSON.stringify(profile.errors));
      const { findings, coverage } = analyzePlan(plan, knowledgeBase, profile.value);
      return { findings, coverage: coverage.coverage, gaps: coverage.gaps };
    };
    const statusLine = lines.findIndex((line, index) => index > lines.length / 2 && line.startsWith('- **Status:**'));
    const edits = [
      // Change a status inside a line: no section moves.
      lines.map((line, index) => (index === statusLine ? '- **Status:** implemented' : line)),
      // Insert lines above: every later section moves down.
      [...lines.slice(0, 12), '', 'Two more lines of introduction,', 'so later sections shift.', ...lines.slice(12)],
      // Delete a whole control heading: its attributes join the control above.
      lines.filter((_, index) => index !== statusLine - 2),
    ];
    for (const edited of edits) {
      const editedText = edited.join('\n');
      const warm = parser.parsePlan([{ path: 'plan.md', text: editedText }]);
      const cold = new PlanParser(knowledgeBase).parsePlan([{ path: 'plan.md', text: editedText }]);
      assert.deepEqual(warm, cold);
      assert.deepEqual(analyse(warm), analyse(cold));
    }
    assert.ok(parser.stats.reused > 0, 'the warm parser reused cached sections');
  });
});
