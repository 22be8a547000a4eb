/**
 * The rule model. A rule is a small unit stamped with its id and docs page; it inspects the plan
 * and the coverage analysis and reports findings. Severity is the rule's default, overridable in
 * `.plantgap.yml`. Adding a rule means adding one module (registered in rules/index.ts) and one
 * page docs/rules/<id>.md. A rule that looks at one entry at a time is an {@link EntryRule}, one
 * that looks at one reference, template text or asset at a time an {@link ItemRule}: the runner
 * remembers their findings per object, so after an edit only what changed is checked.
 */
import type { CoverageAnalysis } from '../analyze/coverage-model.js';
import type { KnowledgeBase, Profile } from '../knowledge/knowledge-base.js';
import type { EntrySummary, Plan, PlanEntry, PlanFileSummary, PlanSummary } from '../parse/plan-model.js';
import type { Range } from '../parse/positions.js';

export type Severity = 'error' | 'warning' | 'info';

/** A text replacement in a plan file. Ranges are 1-based; an empty range inserts. */
export interface TextEdit {
  file: string;
  range: Range;
  newText: string;
}

/** A fix that editors can apply; the CLI never applies fixes on its own. */
export interface Fix {
  title: string;
  edits: TextEdit[];
}

/** A finding, the unit of output for every format (DESIGN §3, a contract). */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  range: Range;
  /** The framework requirement concerned (`PR.IR-01`), when there is one. */
  requirement?: string;
  /** The plan control concerned (`OT-SEG-01`), when there is one. */
  control?: string;
  fix?: Fix;
  /** Further fixes an editor may offer (other suggestions). */
  alternativeFixes?: Fix[];
}

export type ReportedFinding = Omit<Finding, 'severity' | 'ruleId'>;

/**
 * What a plan rule sees: the plan as a {@link PlanSummary}, since a check made file by file holds
 * only that (a whole Plan is one too).
 */
export interface RuleContext {
  plan: PlanSummary;
  knowledgeBase: KnowledgeBase;
  profile: Profile;
  analysis: CoverageAnalysis<EntrySummary>;
  report(finding: ReportedFinding): void;
}

/** What an entry rule may look at besides the entry: its file (where appended fixes go) and the catalogs. */
export interface EntryRuleContext {
  file: PlanFileSummary | undefined;
  knowledgeBase: KnowledgeBase;
  report(finding: ReportedFinding): void;
}

interface RuleDescription {
  id: string;
  defaultSeverity: Severity;
  /** One line, shown in SARIF rule metadata and `plantgap catalog rules`. */
  description: string;
}

/** A rule over the whole plan and its coverage. */
export interface PlanRule extends RuleDescription {
  check(context: RuleContext): void;
}

/**
 * A rule whose findings about an entry depend on nothing but that entry, the end of its file and
 * the knowledge base. Entries never change once built and an unchanged entry keeps its object
 * across edits, so the runner checks each entry object once (rules/remembered-findings.ts).
 */
export interface EntryRule extends RuleDescription {
  checkEntry(entry: PlanEntry, context: EntryRuleContext): void;
}

/** What an item rule may look at besides the item. */
export interface ItemRuleContext {
  knowledgeBase: KnowledgeBase;
  report(finding: ReportedFinding): void;
}

/**
 * A rule over items of the plan that keep their objects while unchanged (references that need
 * attention, template text, assets), whose findings about an item depend on nothing but the item
 * and the knowledge base: the runner checks each item object once (rules/remembered-findings.ts).
 */
export interface ItemRule<Item extends object = object> extends RuleDescription {
  items(plan: Plan): readonly Item[];
  checkItem(item: Item, context: ItemRuleContext): void;
}

export type Rule = PlanRule | EntryRule | ItemRule;

/** Where rule documentation lives; SARIF helpUri and LSP codeDescription point here. */
export const ruleDocsBase = 'https://github.com/plantgap/plantgap/blob/main/docs/rules/';

export function ruleDocsUrl(ruleId: string): string {
  return `${ruleDocsBase}${ruleId}.md`;
}
