/**
 * What an analysis keeps for the next one (parse/plan-lineage.ts, analyze/entry-values.ts,
 * analyze/map-contributions.ts): the work of the plan built just before by the same parser, and
 * nothing that keeps plans alive that the caller has let go of.
 */
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { analyzePlan, findNotApplicableDeclarations, loadKnowledgeBase, PlanParser, selectProfile, type KnowledgeBase, type PlanAnalysis } from '@plantgap/core';
import { generatePlan } from '../bench/generate-plan.mjs';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function heapUsed(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

describe('what an analysis keeps for the next one', () => {
  let knowledgeBase: KnowledgeBase;
  before(async () => {
    const loaded = await loadKnowledgeBase({});
    assert.ok(loaded.ok);
    knowledgeBase = loaded.value;
  });

  const analyse = (parser: PlanParser, text: string): PlanAnalysis => {
    const plan = parser.parsePlan([{ path: 'plan.md', text }]);
    const profile = selectProfile(plan, knowledgeBase, {});
    assert.ok(profile.ok);
    return analyzePlan(plan, knowledgeBase, profile.value, {});
  };

  it('keeps no plan alive that the caller let go of, even within one synchronous job', () => {
    const texts = Array.from({ length: 12 }, (_, index) => generatePlan(300, { seed: index + 1 }));
    analyse(new PlanParser(knowledgeBase), texts[0] as string);
    const start = heapUsed();
    analyse(new PlanParser(knowledgeBase), texts[1] as string);
    const onePlan = heapUsed() - start;
    // The rest in the same job: V8 holds the target of every WeakRef made in a job until it ends,
    // so anything that remembered plans through WeakRefs would hold all of them here.
    for (const text of texts.slice(2)) analyse(new PlanParser(knowledgeBase), text);
    const afterAll = heapUsed() - start;
    assert.ok(afterAll < Math.max(onePlan, 0) + 4 * 1024 * 1024, `${(afterAll / 1048576).toFixed(1)} MB live after 12 plans (one plan: ${(onePlan / 1048576).toFixed(1)} MB)`);
  });

  it('works out the entries a caller added to a plan after analysing it', () => {
    const soa = (control: string) => `# P\n\n## Statement of Applicability\n\n| Control | Applicable | Justification |\n| --- | --- | --- |\n| ${control} | No | |\n`;
    const plan = new PlanParser(knowledgeBase).parsePlan([{ path: 'p.md', text: soa('A.5.1') }]);
    assert.deepEqual([...findNotApplicableDeclarations(plan).keys()], ['iso27001-2022:A.5.1']);
    plan.entries.push(...new PlanParser(knowledgeBase).parsePlan([{ path: 'q.md', text: soa('A.5.3') }]).entries);
    assert.deepEqual([...findNotApplicableDeclarations(plan).keys()], ['iso27001-2022:A.5.1', 'iso27001-2022:A.5.3']);
  });

  it('reuses the work of the plan built just before by the same parser, and only of that one', () => {
    const text = generatePlan(60, { seed: 7 });
    const owner = /- \*\*Owner:\*\* [^\n]+/.exec(text.slice(text.length >> 1));
    assert.ok(owner);
    // The control whose owner is edited: the last heading before that line.
    const editedControl = /^#+ (\S+)/m.exec(text.slice(text.lastIndexOf('\n#', (text.length >> 1) + owner.index) + 1))?.[1];
    const edited = (value: string) => text.replace(owner[0], `- **Owner:** ${value}`);

    const parser = new PlanParser(knowledgeBase);
    const first = analyse(parser, edited('A'));
    const second = analyse(parser, edited('B'));
    const shared = second.findings.filter((finding) => first.findings.includes(finding));
    const ofControls = second.findings.filter((finding) => finding.control !== undefined && finding.control !== editedControl);
    assert.ok(ofControls.length > 10 && ofControls.every((finding) => first.findings.includes(finding)), 'the findings of the controls not edited are the same objects');
    assert.deepEqual(second, analyse(new PlanParser(knowledgeBase), edited('B')), 'the same analysis as a fresh parser gives');

    // Another parser's plan of the same text shares no entry objects, so nothing is reused from it.
    const other = analyse(new PlanParser(knowledgeBase), edited('C'));
    assert.ok(other.findings.every((finding) => !second.findings.includes(finding)));
  });
});
