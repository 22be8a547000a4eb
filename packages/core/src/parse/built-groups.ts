/**
 * What building a group of sections added to a plan, remembered so that the next build of an
 * unchanged group adds the very same objects again instead of building them anew.
 *
 * A group is a run of sections that starts where no entry is open or where the section's heading
 * closes the open one, and runs until the next such section: entries are changed only while they
 * are open, so a group's entries are complete when it ends and nothing outside it changes them.
 * What a group adds depends only on its (cached, shifted) events, the file's path, the enclosing
 * headings (Statement of Applicability context) and which first-wins plan settings are already
 * set; all of that is checked before a recorded group is replayed. Keeping entry objects stable
 * also lets the analysis remember its work per entry (map-contributions.ts).
 */
import { keptList } from '../kept-list.js';
import type { SectionEvent } from './parsed-section.js';
import type { Plan, PlanEntry, PlanFileSummary, PlanMetadata } from './plan-model.js';
import type { Range } from './positions.js';

export interface OpenEntry {
  entry: PlanEntry;
  depth: number;
}

/** What a group added to the plan and to its file's summary. */
interface GroupEffects {
  entries: readonly PlanEntry[];
  placeholders: readonly Plan['placeholders'][number][];
  looseReferences: readonly Plan['looseReferences'][number][];
  assets: readonly Plan['assets'][number][];
  directives: readonly Plan['directives'][number][];
  notices: readonly Plan['notices'][number][];
  /** First-wins settings the group set (they were unset before it). */
  profile?: PlanMetadata['profile'];
  securityLevel?: PlanMetadata['targets']['securityLevel'];
  csfTier?: PlanMetadata['targets']['csfTier'];
  title?: { title: string; anchor: Range };
  hasAssetInventory: boolean;
  /** Last-wins: the front matter range, when the group had front matter. */
  frontMatter?: Range;
}

/** A group as built once: where it applies, what it added, and the builder's state after it. */
export interface GroupRecord {
  file: string;
  /** The enclosing headings the group's entries saw (see {@link enclosingHeadings}). */
  headingsBefore: readonly (string | undefined)[];
  settingsBefore: number;
  /** The shifted events of each of its sections, in order. */
  sections: (readonly SectionEvent[])[];
  effects: GroupEffects;
  headingsAfter: (string | undefined)[];
  /** The entry still open at the group's end; the next group's heading closes it. */
  openAfter: OpenEntry | undefined;
  /** The last build that added this group (a group goes into one plan once). */
  usedBy: BuildToken;
}

/** Identifies one buildPlan call. */
export type BuildToken = Record<string, never>;

/** Recorded groups by the events of their first section (cached objects, so weakly held). */
const groupsByFirstSection = new WeakMap<readonly SectionEvent[], GroupRecord>();

export function recordedGroup(firstSection: readonly SectionEvent[]): GroupRecord | undefined {
  return groupsByFirstSection.get(firstSection);
}

export function rememberGroup(record: GroupRecord): void {
  const first = record.sections[0];
  if (first) groupsByFirstSection.set(first, record);
}

/** True when a group starts at this section: no entry is open, or its first event is a heading that closes the open one. */
export function startsGroup(events: readonly SectionEvent[], open: OpenEntry | undefined): boolean {
  if (!open) return true;
  const first = events[0];
  return first?.type === 'heading' && first.depth <= open.depth;
}

/**
 * The headings a group can see from before it: those above its opening heading (a heading of
 * depth d drops the deeper ones), or all of them when it does not open with a heading.
 */
export function enclosingHeadings(events: readonly SectionEvent[], headings: readonly (string | undefined)[]): (string | undefined)[] {
  const first = events[0];
  const kept = first?.type === 'heading' ? first.depth - 1 : headings.length;
  return Array.from({ length: kept }, (_, index) => headings[index]);
}

/** True when `recorded` equals enclosingHeadings(events, headings), without making that array. */
export function sameEnclosingHeadings(recorded: readonly (string | undefined)[], events: readonly SectionEvent[], headings: readonly (string | undefined)[]): boolean {
  const first = events[0];
  const kept = first?.type === 'heading' ? first.depth - 1 : headings.length;
  if (recorded.length !== kept) return false;
  for (let index = 0; index < kept; index++) if (recorded[index] !== headings[index]) return false;
  return true;
}

/** Which first-wins settings are set, as bits: a group sets only those still unset. */
export function settingsSet(plan: Plan, summary: PlanFileSummary): number {
  const { profile, targets } = plan.metadata;
  return (
    (summary.title !== undefined ? 1 : 0) |
    (profile ? 2 : 0) |
    (targets.securityLevel ? 4 : 0) |
    (targets.csfTier ? 8 : 0) |
    (plan.hasAssetInventory ? 16 : 0)
  );
}

/** Where the plan's lists and settings stood before a group, to tell what the group added. */
export interface PlanMark {
  entries: number;
  placeholders: number;
  looseReferences: number;
  assets: number;
  directives: number;
  notices: number;
  settings: number;
  frontMatter: Range | undefined;
}

export function markPlan(plan: Plan, summary: PlanFileSummary): PlanMark {
  return {
    entries: plan.entries.length,
    placeholders: plan.placeholders.length,
    looseReferences: plan.looseReferences.length,
    assets: plan.assets.length,
    directives: plan.directives.length,
    notices: plan.notices.length,
    settings: settingsSet(plan, summary),
    frontMatter: summary.frontMatter,
  };
}

export function effectsSince(mark: PlanMark, plan: Plan, summary: PlanFileSummary): GroupEffects {
  const newly = (bit: number) => (mark.settings & bit) === 0;
  const { profile, targets } = plan.metadata;
  return {
    entries: keptList(plan.entries, mark.entries),
    placeholders: keptList(plan.placeholders, mark.placeholders),
    looseReferences: keptList(plan.looseReferences, mark.looseReferences),
    assets: keptList(plan.assets, mark.assets),
    directives: keptList(plan.directives, mark.directives),
    notices: keptList(plan.notices, mark.notices),
    profile: newly(2) ? profile : undefined,
    securityLevel: newly(4) ? targets.securityLevel : undefined,
    csfTier: newly(8) ? targets.csfTier : undefined,
    title: newly(1) && summary.title !== undefined ? { title: summary.title, anchor: summary.anchor } : undefined,
    hasAssetInventory: newly(16) && plan.hasAssetInventory,
    frontMatter: summary.frontMatter !== mark.frontMatter ? summary.frontMatter : undefined,
  };
}

/** Adds a recorded group's effects, as building it again would (the settings it saw are checked by the caller). */
export function applyEffects(effects: GroupEffects, plan: Plan, summary: PlanFileSummary): void {
  for (const entry of effects.entries) plan.entries.push(entry);
  for (const placeholder of effects.placeholders) plan.placeholders.push(placeholder);
  for (const reference of effects.looseReferences) plan.looseReferences.push(reference);
  for (const asset of effects.assets) plan.assets.push(asset);
  for (const directive of effects.directives) plan.directives.push(directive);
  for (const notice of effects.notices) plan.notices.push(notice);
  if (effects.profile) plan.metadata.profile = effects.profile;
  if (effects.securityLevel) plan.metadata.targets.securityLevel = effects.securityLevel;
  if (effects.csfTier) plan.metadata.targets.csfTier = effects.csfTier;
  if (effects.title) {
    summary.title = effects.title.title;
    summary.anchor = effects.title.anchor;
  }
  if (effects.hasAssetInventory) plan.hasAssetInventory = true;
  if (effects.frontMatter) summary.frontMatter = effects.frontMatter;
}
