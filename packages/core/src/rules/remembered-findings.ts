/**
 * Runs the entry rules and item rules (rule.ts) and remembers their findings per entry or item.
 * After an edit nearly every entry, reference, template text and asset is the same object as
 * before (parse/built-groups.ts), so only the edited ones are checked again; the others give back
 * the very finding objects of the last analysis.
 */
import { EntryValues } from '../analyze/entry-values.js';
import { keptList } from '../kept-list.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { Plan, PlanEntry, PlanFileSummary } from '../parse/plan-model.js';
import type { EntryRule, EntryRuleContext, Finding, ItemRule, Severity } from './rule.js';

/** Each entry's findings, reused where the entry, the rules and its file's end are unchanged. */
const findingsOfEntries = new EntryValues<PlanEntry, readonly Finding[]>();


export interface EnabledEntryRule {
  rule: EntryRule;
  severity: Severity;
}

/** The entry rules' findings for every entry of the plan, in entry order and rule order within an entry. */
export function entryFindings(plan: Plan, knowledgeBase: KnowledgeBase, enabled: readonly EnabledEntryRule[]): Finding[] {
  const found: Finding[] = [];
  if (enabled.length === 0) return found;
  const files = new Map<string, PlanFileSummary>();
  for (const file of plan.files) files.set(file.path, file);
  const check = entryChecker(knowledgeBase, enabled);
  const findings = findingsOfEntries.of(plan, {
    context: [knowledgeBase, enabled.map(({ rule, severity }) => `${rule.id}=${severity}`).join(',')],
    // A fix that appends to the entry's file depends on where the file ends.
    fileKey: (path) => {
      const end = files.get(path)?.end;
      return end ? `${end.line}:${end.column}` : '';
    },
    compute: (entry) => keptList(check(entry, files.get(entry.file))),
  });
  for (const ofEntry of findings) for (const finding of ofEntry) found.push(finding);
  return found;
}

/**
 * Checks one entry with every enabled rule. Each rule's context is made once and pointed at the
 * entry's file before each call (rules use the context only during the call), instead of a context
 * and a report closure per rule and entry: 160,000 of each on 10 MB of plans.
 */
function entryChecker(knowledgeBase: KnowledgeBase, enabled: readonly EnabledEntryRule[]): (entry: PlanEntry, file: PlanFileSummary | undefined) => Finding[] {
  let findings: Finding[] = [];
  const contexts = enabled.map(({ rule, severity }) => {
    const context: EntryRuleContext = { file: undefined, knowledgeBase, report: (finding) => findings.push({ ruleId: rule.id, severity, ...finding }) };
    return { rule, context };
  });
  return (entry, file) => {
    findings = [];
    for (const { rule, context } of contexts) {
      context.file = file;
      rule.checkEntry(entry, context);
    }
    return findings;
  };
}

interface RememberedItem {
  knowledgeBase: KnowledgeBase;
  severity: Severity;
  findings: readonly Finding[];
}

/** Per item object, per rule id. */
const rememberedByItem = new WeakMap<object, Map<string, RememberedItem>>();

/** An item rule's findings for every item it looks at, in item order. */
export function itemFindings(plan: Plan, knowledgeBase: KnowledgeBase, rule: ItemRule, severity: Severity): Finding[] {
  const found: Finding[] = [];
  for (const item of rule.items(plan)) {
    let byRule = rememberedByItem.get(item);
    if (!byRule) rememberedByItem.set(item, (byRule = new Map()));
    let remembered = byRule.get(rule.id);
    if (remembered?.knowledgeBase !== knowledgeBase || remembered.severity !== severity) {
      const findings: Finding[] = [];
      rule.checkItem(item, { knowledgeBase, report: (finding) => findings.push({ ruleId: rule.id, severity, ...finding }) });
      remembered = { knowledgeBase, severity, findings: keptList(findings) };
      byRule.set(rule.id, remembered);
    }
    for (const finding of remembered.findings) found.push(finding);
  }
  return found;
}
