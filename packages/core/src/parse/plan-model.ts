/**
 * The plan model: what a security plan says, independent of how it was written (headings, control
 * matrices, requirement-keyed matrices, several files). Every element keeps its file and range.
 */
import type { Targets } from '../knowledge/schemas.js';
import type { Attribute, ReferenceOccurrence } from './parsed-section.js';
import type { Position, Range } from './positions.js';
import type { Status } from './vocabulary.js';

/**
 * A plan entry: a control of the plant (`OT-SEG-01`), or a row/heading keyed by a framework
 * requirement (`PR.IR-01` in a CSF Organizational Profile, `A.8.22` in a Statement of Applicability),
 * which states that requirement's status directly.
 */
export interface PlanEntry {
  kind: 'control' | 'requirement';
  /** The control id, or the requirement id as written. */
  id: string;
  title: string;
  file: string;
  origin: 'heading' | 'table-row';
  /** The heading or table row. */
  range: Range;
  /** The id as written. */
  idRange: Range;
  /** For requirement entries: the reference in the key cell or heading. */
  key?: ReferenceOccurrence;
  /** By canonical name (`status`, `owner`, `target`, …); the first occurrence wins. */
  attributes: Record<string, Attribute>;
  /** Every framework reference in the entry's section or row (excluding the key). */
  references: ReferenceOccurrence[];
  /** The entry's status as stated (from `Status`, else a status-like `Current State`). */
  status?: Status;
  /** True when the entry has descriptive text of its own (not only attributes or template text). */
  hasDescription: boolean;
  /** True when the entry's table has a target column (so an empty cell is a missing target). */
  hasTargetColumn: boolean;
  /** True for a row of a Statement of Applicability. */
  inStatementOfApplicability: boolean;
  /** Last line of the entry's section (heading entries) or its row. */
  endLine: number;
}

export interface Asset {
  name: string;
  file: string;
  range: Range;
  zone?: Attribute;
  criticality?: Attribute;
}

/** Where something was set in the front matter or the plan body, for messages and quick fixes. */
export interface Located<T> {
  value: T;
  file: string;
  range: Range;
}

export interface PlanMetadata {
  /** `plantgap.profile` from front matter. */
  profile?: Located<string>;
  /** Plan-level targets from front matter or `Target security level:` lines outside controls. */
  targets: { securityLevel?: Located<string>; csfTier?: Located<number> };
  /** The main file's first level-1 heading (see build-plan.ts mainFile), where plan-level findings are placed. */
  title?: Located<string>;
}

export interface DisableDirective {
  command: 'disable' | 'enable' | 'disable-next-line' | 'disable-line';
  /** Rule ids; empty means every rule. */
  rules: string[];
  file: string;
  line: number;
}

/** A problem found while reading the plan (bad front matter, template text…), turned into findings by the rules. */
export interface PlanNotice {
  ruleId: string;
  message: string;
  file: string;
  range: Range;
}

export interface PlanFileSummary {
  path: string;
  lineCount: number;
  /** Just past the file's last character: where text appended to the file goes. */
  end: Position;
  /** Range of the front matter block, if any. */
  frontMatter?: Range;
  /** The file's first level-1 heading, if any. */
  title?: string;
  /** That heading's range, else line 1. */
  anchor: Range;
}

export interface Plan {
  files: PlanFileSummary[];
  metadata: PlanMetadata;
  entries: PlanEntry[];
  assets: Asset[];
  /** True when some file has an asset table (even an empty one). */
  hasAssetInventory: boolean;
  /** References outside any entry: validated, but they cover nothing. */
  looseReferences: (ReferenceOccurrence & { file: string })[];
  /** Template text left unfilled where a value is expected. */
  placeholders: { file: string; range: Range; text: string; entry?: PlanEntry }[];
  directives: DisableDirective[];
  notices: PlanNotice[];
}

/**
 * What the plan-wide analysis reads of an entry: coverage scoring, the plan-wide rules and the
 * check's output formats. Every {@link PlanEntry} is one. A check made file by file
 * (`checkPlansFileByFile`) keeps only this of each entry once the entry's own rules have run.
 */
export interface EntrySummary {
  readonly kind: PlanEntry['kind'];
  readonly id: string;
  readonly file: string;
  readonly range: Range;
  readonly idRange: Range;
  readonly key?: Pick<ReferenceOccurrence, 'resolution'>;
  /** At least the references that claim a node (see `claimedNodes`); a PlanEntry has all of them. */
  readonly references: readonly Pick<ReferenceOccurrence, 'resolution'>[];
  /** At least the attributes a Statement of Applicability exclusion is read from. */
  readonly attributes: Readonly<Partial<Record<'applicable' | 'justification', Attribute>>>;
  readonly status?: Status;
  readonly inStatementOfApplicability: boolean;
}

/**
 * What the plan-wide analysis reads of a plan (see {@link EntrySummary}). Every {@link Plan} is one;
 * a check made file by file holds this instead of the plan.
 */
export interface PlanSummary {
  files: PlanFileSummary[];
  metadata: PlanMetadata;
  entries: readonly EntrySummary[];
  /** True when some file has an asset table (even an empty one). */
  hasAssetInventory: boolean;
  directives: DisableDirective[];
  notices: PlanNotice[];
}

/** Plan-level targets as data (front matter shape), for the analysis. */
export function planTargets(metadata: PlanMetadata): Targets {
  const targets: Targets = {};
  if (metadata.targets.securityLevel) targets['security-level'] = metadata.targets.securityLevel.value as Targets['security-level'];
  if (metadata.targets.csfTier) targets['csf-tier'] = metadata.targets.csfTier.value;
  return targets;
}
