/**
 * Which profile a plan is checked against: the one asked for on the command line, else the plan's
 * front matter, else the config, else `ot-baseline`.
 */
import type { KnowledgeBase, Profile } from '../knowledge/knowledge-base.js';
import type { PlanSummary } from '../parse/plan-model.js';
import type { InputError, Result } from '../input-error.js';

export const defaultProfileId = 'ot-baseline';

export interface ProfileChoice {
  /** Profile id from the command line or the editor settings. */
  requested?: string;
  /** Profile id from the configuration file (with the file for messages). */
  configured?: { id: string; file?: string };
}

export function selectProfile(plan: Pick<PlanSummary, 'metadata'>, knowledgeBase: KnowledgeBase, choice: ProfileChoice = {}): Result<Profile> {
  const fromPlan = plan.metadata.profile;
  const candidates: [string | undefined, Omit<InputError, 'message'>][] = [
    [choice.requested, { file: '--profile' }],
    [fromPlan?.value, { file: fromPlan?.file ?? '', line: fromPlan?.range.start.line, key: 'plantgap.profile' }],
    [choice.configured?.id, { file: choice.configured?.file ?? '.plantgap.yml', key: 'profile' }],
    [defaultProfileId, { file: '(default)' }],
  ];
  for (const [id, where] of candidates) {
    if (id === undefined) continue;
    const profile = knowledgeBase.profiles.get(id);
    if (profile) return { ok: true, value: profile };
    const known = [...knowledgeBase.profiles.keys()].join(', ');
    return { ok: false, errors: [{ ...where, message: `unknown profile "${id}"; known profiles: ${known}` }] };
  }
  return { ok: false, errors: [{ file: '(default)', message: 'no profile available' }] };
}
