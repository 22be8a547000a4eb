/**
 * A plan summary built file by file (plan-model.ts `PlanSummary`): each file's plan is added once
 * the rules that look at one entry or item at a time have checked it, and only what the plan-wide
 * analysis reads is kept of it: on 10 MB of plans, half the memory of the plan model.
 */
import { planTitle } from '../parse/build-plan.js';
import type { Resolution } from '../knowledge/references.js';
import type { Attribute, ReferenceOccurrence } from '../parse/parsed-section.js';
import type { EntrySummary, Plan, PlanEntry, PlanSummary } from '../parse/plan-model.js';
import type { Range } from '../parse/positions.js';
import { claimsNode } from './map-contributions.js';

export class PlanSummaryBuilder {
  private readonly summary: PlanSummary & { entries: EntrySummary[] } = {
    files: [],
    metadata: { targets: {} },
    entries: [],
    hasAssetInventory: false,
    directives: [],
    notices: [],
  };
  private readonly resolutions = new Map<Resolution, Pick<ReferenceOccurrence, 'resolution'>>();

  /** Adds a plan of one or more files, after the plans of the files before them. */
  add(plan: Plan): void {
    const { summary } = this;
    for (const file of plan.files) summary.files.push(file);
    // As in one plan of all the files: the first file that sets a value wins.
    const { metadata } = summary;
    const { profile, targets } = plan.metadata;
    if (!metadata.profile && profile) metadata.profile = profile;
    if (!metadata.targets.securityLevel && targets.securityLevel) metadata.targets.securityLevel = targets.securityLevel;
    if (!metadata.targets.csfTier && targets.csfTier) metadata.targets.csfTier = targets.csfTier;
    for (const entry of plan.entries) summary.entries.push(this.summarizeEntry(entry));
    summary.hasAssetInventory ||= plan.hasAssetInventory;
    for (const directive of plan.directives) summary.directives.push(directive);
    for (const notice of plan.notices) summary.notices.push(notice);
  }

  /**
   * What the plan-wide analysis reads of an entry. References are kept as their resolutions, and
   * only those that claim a node: their text and ranges are for the rules that have already run.
   */
  private summarizeEntry(entry: PlanEntry): EntrySummary {
    const { applicable, justification } = entry.attributes;
    // Exact size: an array grown by pushes keeps room for 17, and entries claim 3 or 4 nodes.
    let claiming = 0;
    for (const reference of entry.references) if (claimsNode(reference)) claiming++;
    const references = new Array<Pick<ReferenceOccurrence, 'resolution'>>(claiming);
    claiming = 0;
    for (const reference of entry.references) if (claimsNode(reference)) references[claiming++] = this.resolutionOf(reference);
    return new SummarizedEntry(entry, entry.key && this.resolutionOf(entry.key), references, applicable || justification ? attributes(applicable, justification) : noAttributes);
  }

  /**
   * A reference as its resolution alone. Every occurrence of a reference text shares one resolution
   * object (knowledge/references.ts), so they share one of these too: 90,000 references on 10 MB of
   * plans need a few hundred.
   */
  private resolutionOf(reference: Pick<ReferenceOccurrence, 'resolution'>): Pick<ReferenceOccurrence, 'resolution'> {
    let kept = this.resolutions.get(reference.resolution);
    if (!kept) this.resolutions.set(reference.resolution, (kept = { resolution: reference.resolution }));
    return kept;
  }

  /** The summary of the plans added, titled as the plan of all their files would be; the builder is done with. */
  finish(): PlanSummary {
    const title = planTitle(this.summary);
    if (title) this.summary.metadata.title = title;
    return this.summary;
  }
}

const noAttributes: EntrySummary['attributes'] = Object.freeze({});

/**
 * An entry summary. Its `range` (the heading or table row) is read rarely (where a duplicated id was
 * first used, an SoA exclusion without a justification), so it is kept as four numbers and made
 * when read: a range and its two positions are 120 bytes an entry, 3 MB on 10 MB of plans. The
 * `idRange` stays the entry's object, which findings about the id share.
 */
class SummarizedEntry implements EntrySummary {
  readonly kind: EntrySummary['kind'];
  readonly id: string;
  readonly file: string;
  readonly idRange: Range;
  readonly status: EntrySummary['status'];
  readonly inStatementOfApplicability: boolean;
  private readonly startLine: number;
  private readonly startColumn: number;
  private readonly endLine: number;
  private readonly endColumn: number;

  constructor(
    entry: PlanEntry,
    readonly key: EntrySummary['key'],
    readonly references: EntrySummary['references'],
    readonly attributes: EntrySummary['attributes'],
  ) {
    this.kind = entry.kind;
    this.id = entry.id;
    this.file = entry.file;
    this.idRange = entry.idRange;
    this.status = entry.status;
    this.inStatementOfApplicability = entry.inStatementOfApplicability;
    this.startLine = entry.range.start.line;
    this.startColumn = entry.range.start.column;
    this.endLine = entry.range.end.line;
    this.endColumn = entry.range.end.column;
  }

  get range(): Range {
    return { start: { line: this.startLine, column: this.startColumn }, end: { line: this.endLine, column: this.endColumn } };
  }
}

function attributes(applicable: Attribute | undefined, justification: Attribute | undefined): EntrySummary['attributes'] {
  const kept: { applicable?: Attribute; justification?: Attribute } = {};
  if (applicable) kept.applicable = applicable;
  if (justification) kept.justification = justification;
  return kept;
}
