/**
 * The rule registry and the runner: applies severities from config, drops findings silenced by
 * `<!-- plantgap-disable… -->` comments, and sorts findings by place.
 */
import { ambiguousReference } from './ambiguous-reference.js';
import { assetWithoutCriticality } from './asset-without-criticality.js';
import { deprecatedReference } from './deprecated-reference.js';
import { duplicateControlId } from './duplicate-control-id.js';
import { implementedWithoutEvidence } from './implemented-without-evidence.js';
import { invalidFrontMatter } from './invalid-front-matter.js';
import { invalidStatus } from './invalid-status.js';
import { missingOwner } from './missing-owner.js';
import { missingStatus } from './missing-status.js';
import { missingTarget } from './missing-target.js';
import { noAssetInventory } from './no-asset-inventory.js';
import { nonAssessableReference } from './non-assessable-reference.js';
import { partiallyCoveredRequirement } from './partially-covered-requirement.js';
import { planWithoutTargetLevel } from './plan-without-target-level.js';
import { requirementWithoutTarget } from './requirement-without-target.js';
import { entryFindings, itemFindings, type EnabledEntryRule } from './remembered-findings.js';
import type { Finding, Rule, RuleContext, Severity } from './rule.js';
import { soaExclusionWithoutJustification } from './soa-exclusion-without-justification.js';
import { uncoveredMandatoryRequirement } from './uncovered-mandatory-requirement.js';
import { unfilledTemplate } from './unfilled-template.js';
import { unknownReference } from './unknown-reference.js';
import { unreadableFile } from './unreadable-file.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { DisableDirective, Plan } from '../parse/plan-model.js';

/** Every rule, in the order their findings are most useful to read. */
export const rules: readonly Rule[] = [
  unreadableFile,
  invalidFrontMatter,
  uncoveredMandatoryRequirement,
  unknownReference,
  deprecatedReference,
  ambiguousReference,
  nonAssessableReference,
  invalidStatus,
  missingStatus,
  missingOwner,
  missingTarget,
  requirementWithoutTarget,
  planWithoutTargetLevel,
  duplicateControlId,
  assetWithoutCriticality,
  noAssetInventory,
  soaExclusionWithoutJustification,
  implementedWithoutEvidence,
  unfilledTemplate,
  partiallyCoveredRequirement,
];

export const ruleIds: ReadonlySet<string> = new Set(rules.map((rule) => rule.id));

/** Per-rule severity overrides; `off` disables a rule. */
export type SeverityOverrides = Readonly<Record<string, Severity | 'off'>>;

/** Position of each rule in {@link rules}: findings at the same place are listed in rule order. */
const ruleOrder = new Map(rules.map((rule, index) => [rule.id, index]));

/** Runs every enabled rule and returns the findings that no disable comment silences, by place. */
export function runRules(context: Omit<RuleContext, 'report' | 'plan'> & { plan: Plan }, overrides: SeverityOverrides = {}): Finding[] {
  const findings = planRuleFindings(context, overrides);
  for (const finding of objectRuleFindings(context.plan, context.knowledgeBase, overrides)) findings.push(finding);
  return settledFindings(findings, context.plan.directives);
}

/**
 * The findings of the entry and item rules, which look at one object of the plan at a time: a
 * check made file by file runs them on each file's plan as it is parsed. Not yet settled.
 */
export function objectRuleFindings(plan: Plan, knowledgeBase: KnowledgeBase, overrides: SeverityOverrides = {}): Finding[] {
  const findings: Finding[] = [];
  const enabledEntryRules: EnabledEntryRule[] = [];
  for (const rule of rules) {
    const severity = overrides[rule.id] ?? rule.defaultSeverity;
    if (severity === 'off') continue;
    if ('checkEntry' in rule) enabledEntryRules.push({ rule, severity });
    else if ('checkItem' in rule) for (const finding of itemFindings(plan, knowledgeBase, rule, severity)) findings.push(finding);
  }
  for (const finding of entryFindings(plan, knowledgeBase, enabledEntryRules)) findings.push(finding);
  return findings;
}

/** The findings of the plan rules, over the whole plan or its summary. Not yet settled. */
export function planRuleFindings(context: Omit<RuleContext, 'report'>, overrides: SeverityOverrides = {}): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const severity = overrides[rule.id] ?? rule.defaultSeverity;
    if (severity === 'off' || 'checkEntry' in rule || 'checkItem' in rule) continue;
    rule.check({ ...context, report: (finding) => findings.push({ ruleId: rule.id, severity, ...finding }) });
  }
  return findings;
}

/**
 * The findings no disable comment silences, sorted by place and then rule order. Findings of one
 * rule at one place keep the order the rule reported them in (the sort is stable), so the result
 * does not depend on the order the rules ran in: a check made file by file settles the same list.
 */
export function settledFindings(findings: readonly Finding[], directives: readonly DisableDirective[]): Finding[] {
  const silenced = silencer(directives);
  return findings
    .filter((finding) => !silenced(finding))
    // Most findings share a file: compare names only when they differ (localeCompare is slow).
    .sort(
      (a, b) =>
        (a.file === b.file ? 0 : a.file.localeCompare(b.file)) ||
        a.range.start.line - b.range.start.line ||
        a.range.start.column - b.range.start.column ||
        (ruleOrder.get(a.ruleId) ?? 0) - (ruleOrder.get(b.ruleId) ?? 0),
    );
}

/** Builds a predicate answering whether a finding is silenced by a disable comment. */
function silencer(directives: readonly DisableDirective[]): (finding: Finding) => boolean {
  if (directives.length === 0) return () => false;
  const byFile = new Map<string, DisableDirective[]>();
  for (const directive of directives) {
    const list = byFile.get(directive.file) ?? [];
    list.push(directive);
    byFile.set(directive.file, list);
  }
  const covers = (directive: DisableDirective, ruleId: string) => directive.rules.length === 0 || directive.rules.includes(ruleId);
  return (finding) => {
    const list = byFile.get(finding.file);
    if (!list) return false;
    const line = finding.range.start.line;
    let blocked = false;
    for (const directive of list) {
      if (directive.line > line) break;
      if (directive.command === 'disable-next-line' && directive.line === line - 1 && covers(directive, finding.ruleId)) return true;
      if (directive.command === 'disable-line' && directive.line === line && covers(directive, finding.ruleId)) return true;
      if (directive.command === 'disable' && covers(directive, finding.ruleId)) blocked = true;
      if (directive.command === 'enable' && covers(directive, finding.ruleId)) blocked = false;
    }
    return blocked;
  };
}
