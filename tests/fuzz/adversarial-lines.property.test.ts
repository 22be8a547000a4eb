/**
 * Long adversarial lines (runs of spaces, `|`, `*`, `-`, `#`, digits and dots, `A.` …) in every place
 * a plan puts text: front matter, headings, control headings, prose, table cells and attribute
 * values. Each plan-level operation must stay linear: the same operation on a 10× longer run may take
 * at most a generous multiple of the 1× time measured in the same test (a quadratic regex would take
 * 100×). No absolute time limits: only the ratio, measured on this machine, in this run.
 *
 * `npm test` uses 16 KB runs (so 160 KB at 10×); `npm run fuzz` sets FUZZ_LINE_BYTES=100000 for
 * the 1 MB lines of the issue.
 */
import assert from 'node:assert/strict';
import {
  analyzePlan,
  checkPlanText,
  loadKnowledgeBase,
  normalizeText,
  PlanParser,
  scanReferences,
  splitSections,
  type KnowledgeBase,
  type Profile,
} from '@plantgap/core';

const baseBytes = Number(process.env.FUZZ_LINE_BYTES ?? 16_000);
/**
 * 10× input may take at most this many times the 1× time: linear is ~10, quadratic ~100. Garbage
 * collection over a 10× larger heap on a loaded two-core machine pushed linear shapes (micromark
 * reading a 1 MB heading) to 44–46× in full-suite runs, so the bound sits halfway to quadratic.
 */
const allowedRatio = 50;
/** Below this, timings are noise (a GC pause, a context switch), so the 10× run gets this much slack. */
const noiseFloorMilliseconds = 40;

/**
 * Shapes of adversarial runs of `length` characters. `scale` shrinks shapes that the Markdown
 * parser handles linearly but slowly (`[` opens a possible link at every character), to keep the
 * suite fast; linearity is still measured between 1× and 10× of that size.
 */
const shapes: { name: string; make: (length: number) => string; scale?: number; inAttribute?: boolean }[] = [
  { name: 'spaces', make: (length) => `a${' '.repeat(length)}b` },
  { name: 'tabs', make: (length) => `a${'\t'.repeat(length)}b` },
  { name: 'trailing spaces', make: (length) => `a${' '.repeat(length)}` },
  { name: 'underscores and stars', make: (length) => '_*'.repeat(length / 2) },
  { name: 'pipes', make: (length) => '|'.repeat(length) },
  { name: 'escaped pipes', make: (length) => '\\|'.repeat(length / 2) },
  { name: 'stars', make: (length) => '*'.repeat(length) },
  { name: 'dashes', make: (length) => '-'.repeat(length) },
  { name: 'hashes', make: (length) => '#'.repeat(length) },
  { name: 'digits and dots', make: (length) => '1.'.repeat(length / 2) },
  { name: '"A." repeated', make: (length) => 'A.'.repeat(length / 2) },
  { name: '"A.8." repeated', make: (length) => 'A.8.'.repeat(length / 4) },
  { name: 'dash ids', make: (length) => 'PC-'.repeat(length / 3) },
  { name: 'CSF-like ids', make: (length) => 'PR.IR-0'.repeat(length / 7) },
  { name: 'citation prefixes', make: (length) => 'ISO 27001 '.repeat(length / 10) },
  { name: 'backticks', make: (length) => '`'.repeat(length) },
  { name: 'angle brackets', make: (length) => '<'.repeat(length) },
  { name: 'square brackets', make: (length) => '['.repeat(length), scale: 0.05 },
  { name: 'unclosed links', make: (length) => '[a]('.repeat(length / 4), scale: 0.05 },
  { name: 'emoji and RTL', make: (length) => '🏭\u200Fשל'.repeat(length / 5) },
  // Not linear: micromark's text resolver (`resolveAllText`) grows about 20× per 10× on this shape at
  // these sizes (and 25–37× at twice them), which once crossed the bound on a loaded machine; still
  // far from quadratic, which is what this test guards against.
  { name: 'template text', make: (length) => '[TBD] '.repeat(length / 6), scale: 0.1 },
];

/** A plan with the run in every context; `inAttribute` false leaves attribute values short. */
function planWith(run: string, inAttribute: boolean): string {
  return [
    '---',
    `title: ${JSON.stringify(run)}`,
    'plantgap:',
    '  profile: ot-baseline',
    '---',
    `# Plan ${run}`,
    '',
    `## OT-SEG-01 — ${run}`,
    `- **Owner:** ${inAttribute ? run : 'OT lead'}`,
    '- **Status:** implemented',
    '',
    run,
    '',
    '| Control | Title | Status |',
    '| --- | --- | --- |',
    `| OT-SEG-02 | ${run} | planned |`,
    '',
    `### ${run}`,
    '',
  ].join('\n');
}

let knowledgeBase: KnowledgeBase;
let profile: Profile;

before(async () => {
  const loaded = await loadKnowledgeBase();
  if (!loaded.ok) assert.fail(JSON.stringify(loaded.errors));
  knowledgeBase = loaded.value;
  const baseline = knowledgeBase.profiles.get('ot-baseline');
  assert.ok(baseline);
  profile = baseline;
});

/** Every plan-level operation on one text, as the CLI and the language server run them. */
function runPipeline(text: string): void {
  checkPlanText(text, { maxFileBytes: Number.MAX_SAFE_INTEGER, maxLineLength: Number.MAX_SAFE_INTEGER });
  splitSections(normalizeText(text));
  scanReferences(knowledgeBase, text);
  const plan = new PlanParser(knowledgeBase).parsePlan([{ path: 'plan.md', text }]);
  analyzePlan(plan, knowledgeBase, profile);
}

function elapsed(text: string): number {
  const start = process.hrtime.bigint();
  runPipeline(text);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

describe('adversarial long lines stay linear', function () {
  this.timeout(300_000);

  for (const shape of shapes) {
    it(`handles a run of ${shape.name} in every context in time linear in its length`, () => {
      const length = Math.max(100, Math.round(baseBytes * (shape.scale ?? 1)));
      const small = planWith(shape.make(length), shape.inAttribute ?? true);
      const large = planWith(shape.make(length * 10), shape.inAttribute ?? true);
      elapsed(small); // warm-up: JIT and caches
      const smallTime = Math.min(elapsed(small), elapsed(small), elapsed(small));
      const bound = allowedRatio * smallTime + noiseFloorMilliseconds;
      // A retry absorbs a one-off pause on a shared machine; a quadratic step fails every time.
      let largeTime = elapsed(large);
      if (largeTime > bound) largeTime = Math.min(largeTime, elapsed(large));
      assert.ok(
        largeTime <= bound,
        `${shape.name}: ${large.length} characters took ${largeTime.toFixed(1)} ms, ${(largeTime / smallTime).toFixed(1)}× the ${smallTime.toFixed(1)} ms of ${small.length} characters (allowed ${allowedRatio}×)`,
      );
    });
  }
});
