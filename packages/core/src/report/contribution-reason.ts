/**
 * A coverage contribution told as plain data: which plan entry, by which path, through which node,
 * with which relationship and credit. The report, the Statement of Applicability and `explain` all
 * say *why* a requirement counts in these same words.
 */
import type { Contribution, ContributionPath } from '../analyze/coverage-model.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { Relationship } from '../knowledge/schemas.js';
import type { Status } from '../parse/vocabulary.js';

export interface ContributionReason {
  /** The plan entry's id as written (`OT-SEG-01`, or `A.8.22` for an SoA row). */
  control: string;
  controlTitle: string;
  /** A plan control, or a requirement entry (an SoA or CSF profile row, a heading keyed by a framework id). */
  entryKind: 'control' | 'requirement';
  /** Where the entry is: file (as shown in output) and 1-based line. */
  file: string;
  line: number;
  path: ContributionPath;
  /** The node the entry references: the requirement itself for `direct`, a plant control or another framework's node otherwise. */
  via: string;
  viaFramework: string;
  viaTitle: string;
  /** True when `via` is one of plantgap's plant controls (its catalog is a plant-control catalog). */
  viaIsPlantControl: boolean;
  /** For mapped paths: the requirement read relative to `via` (`subset-of`: the requirement is part of what `via` asks). */
  relationship?: Relationship;
  status?: Status;
  pathWeight: number;
  current: number;
  planned: number;
}

export function describeContribution(contribution: Contribution, knowledgeBase: KnowledgeBase): ContributionReason {
  const reason: ContributionReason = {
    control: contribution.entry.id,
    controlTitle: contribution.entry.title,
    entryKind: contribution.entry.kind,
    file: contribution.entry.file,
    line: contribution.entry.range.start.line,
    path: contribution.path,
    via: contribution.via.id,
    viaFramework: contribution.via.framework,
    viaTitle: contribution.via.title,
    viaIsPlantControl: knowledgeBase.catalogs.get(contribution.via.framework)?.kind === 'plant-controls',
    pathWeight: contribution.pathWeight,
    current: contribution.current,
    planned: contribution.planned,
  };
  if (contribution.relationship !== undefined) reason.relationship = contribution.relationship;
  if (contribution.status !== undefined) reason.status = contribution.status;
  return reason;
}

/** Best credit first (current, then planned), then direct before mapped paths, then plan order. */
export function compareReasons(a: ContributionReason, b: ContributionReason): number {
  const pathRank = { direct: 0, 'plant-control': 1, crosswalk: 2 } as const;
  return b.current - a.current || b.planned - a.planned || pathRank[a.path] - pathRank[b.path] || a.file.localeCompare(b.file) || a.line - b.line;
}

/**
 * One line of explanation: `OT-SEG-01 (implemented): direct reference`,
 * `OT-RMD-01 (partial): via plant control PC-RMD-01 (A.7.10 superset-of…)`. Plain text; callers escape.
 */
export function explainPath(reason: ContributionReason): string {
  switch (reason.path) {
    case 'direct':
      return 'direct reference';
    case 'plant-control':
      return reason.viaIsPlantControl ? `via plant control ${reason.via}${relationshipNote(reason)}` : `via ${reason.via} (plant-control mapping)${relationshipNote(reason)}`;
    case 'crosswalk':
      return `via crosswalk from ${reason.via}${relationshipNote(reason)}`;
  }
}

function relationshipNote(reason: ContributionReason): string {
  return reason.relationship ? ` (requirement ${reason.relationship} ${reason.via}, weight ${reason.pathWeight})` : '';
}

