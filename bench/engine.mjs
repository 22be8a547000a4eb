/**
 * The whole engine in process, from text, as the bench times it: a fresh parser (so every section
 * is parsed), the plan's profile, the analysis with every rule.
 */
import { performance } from 'node:perf_hooks';

export async function loadEngine(core) {
  const loaded = await core.loadKnowledgeBase({});
  if (!loaded.ok) throw new Error(loaded.errors.map(core.formatInputError).join('\n'));
  const knowledgeBase = loaded.value;
  const analyse = (plan) => {
    const profile = core.selectProfile(plan, knowledgeBase, {});
    if (!profile.ok) throw new Error('no profile');
    return core.analyzePlan(plan, knowledgeBase, profile.value, {});
  };
  /** One cold run on a text: ms. */
  const coldRun = (text) => {
    const start = performance.now();
    analyse(new core.PlanParser(knowledgeBase).parsePlan([{ path: 'plan.md', text }]));
    return performance.now() - start;
  };
  return { knowledgeBase, analyse, coldRun };
}
