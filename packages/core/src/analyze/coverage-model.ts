/**
 * The analysis model: how each in-scope requirement is covered, and why.
 */
import type { FrameworkNode, ProfileRequirement } from '../knowledge/knowledge-base.js';
import type { Relationship } from '../knowledge/schemas.js';
import type { EntrySummary, PlanEntry } from '../parse/plan-model.js';
import type { Status } from '../parse/vocabulary.js';

/** How a plan entry reaches a requirement. */
export type ContributionPath = 'direct' | 'plant-control' | 'crosswalk';

/**
 * One reason a requirement gets (or would get) credit. `Entry` is the plan's entry type: a
 * `PlanEntry` when the whole plan is held, an `EntrySummary` in a check made file by file.
 */
export interface Contribution<Entry extends EntrySummary = PlanEntry> {
  entry: Entry;
  /** The node the entry references (the requirement itself for direct contributions). */
  via: FrameworkNode;
  path: ContributionPath;
  /** For mapped paths: the requirement read relative to `via` (e.g. `subset-of`: the requirement is part of what `via` asks). */
  relationship?: Relationship;
  status?: Status;
  /** 1 for direct and full mappings, 0.5 for partial ones. */
  pathWeight: number;
  /** Credit now: status weight × path weight. */
  current: number;
  /** Credit once planned work is done. */
  planned: number;
}

export type CoverageState = 'covered' | 'partial' | 'planned' | 'uncovered' | 'excluded';

export interface RequirementCoverage<Entry extends EntrySummary = PlanEntry> {
  requirement: ProfileRequirement;
  node: FrameworkNode;
  contributions: Contribution<Entry>[];
  /** Best current credit, 0..1. */
  current: number;
  /** Best planned credit, 0..1. */
  planned: number;
  state: CoverageState;
  /** True when the best credit comes only through partial paths (intersects-with, or a broader requirement). */
  onlyPartialPaths: boolean;
  /** The SoA entry excluding it, when excluded (or attempting to, without justification). */
  exclusion?: { entry: Entry; justified: boolean };
}

export interface GroupCoverage {
  current: number;
  planned: number;
  requirements: number;
}

export interface FrameworkCoverage extends GroupCoverage {
  groups: Record<string, GroupCoverage>;
}

export interface Gap {
  framework: string;
  requirement: string;
  mandatory: boolean;
  /** Something in the plan will cover it once planned work is done. */
  planned: boolean;
}

export interface CoverageAnalysis<Entry extends EntrySummary = PlanEntry> {
  requirements: RequirementCoverage<Entry>[];
  coverage: Record<string, FrameworkCoverage>;
  gaps: Gap[];
}
