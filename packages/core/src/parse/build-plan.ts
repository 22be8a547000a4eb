/**
 * Folds the events of parsed sections into the plan model. This runs on every analysis (sections
 * themselves come from the cache), so it is a single pass without re-parsing anything, over events
 * already moved to their place in the file (shift-events.ts), whose objects it shares: ranges,
 * references and attributes in the plan are the cached ones, not copies.
 */
import type { Attribute, ParsedSection, ReferenceOccurrence, SectionEvent, TableCell } from './parsed-section.js';
import { controlIdPattern } from './parse-section.js';
import type { DisableDirective, Located, Plan, PlanEntry, PlanFileSummary, PlanNotice, PlanSummary } from './plan-model.js';
import { lineStartRange, type Position, type Range } from './positions.js';
import { lineageOf, recordPlan } from './plan-lineage.js';
import { shiftedEvents } from './shift-events.js';
import { readFrontMatter } from './front-matter.js';
import {
  applyEffects,
  effectsSince,
  enclosingHeadings,
  sameEnclosingHeadings,
  markPlan,
  recordedGroup,
  rememberGroup,
  settingsSet,
  startsGroup,
  type BuildToken,
  type OpenEntry,
} from './built-groups.js';
import {
  assetColumnNames,
  canonicalAttribute,
  criticalityColumnNames,
  isDescription,
  isPlaceholder,
  keyColumnNames,
  parseStatus,
  titleColumnNames,
  zoneColumnNames,
} from './vocabulary.js';

/** A file as its parsed sections, each with its first line (0-based) in the file. */
export interface ParsedFile {
  path: string;
  lineCount: number;
  /** Just past the file's last character (line lineCount + 1, column 1 when it ends with a newline). */
  end: Position;
  /**
   * In order. `PlanParser.parseFile` parses each section as it is iterated, so the builder holds
   * only the sections of the group it is building (see SectionWindow).
   */
  sections: Iterable<{ parsed: ParsedSection; startLine: number }>;
}

const securityLevelPattern = /\bSL[- ]?T?[- ]?([0-4])\b/i;

/** Builds the plan model from the parsed files, in the order given. */
export function buildPlan(files: readonly ParsedFile[]): Plan {
  const builder = new PlanBuilder();
  for (const file of files) builder.add(file);
  return builder.finish();
}

/**
 * Builds the plan model file by file, as {@link buildPlan} does: a caller that parses each file
 * just before adding it holds the parsed sections of one file at a time, not of all of them.
 */
export class PlanBuilder {
  private readonly plan: Plan = {
    files: [],
    metadata: { targets: {} },
    entries: [],
    assets: [],
    hasAssetInventory: false,
    looseReferences: [],
    placeholders: [],
    directives: [],
    notices: [],
  };
  // Each recorded group goes into a plan once: a file given twice gets entries of its own for each.
  private readonly buildToken: BuildToken = {};
  /** The lineage of the files added (plan-lineage.ts): null once two files disagree. */
  private lineage: object | null | undefined;

  add(file: ParsedFile): void {
    const lineage = lineageOf(file) ?? null;
    this.lineage = this.lineage === undefined || this.lineage === lineage ? lineage : null;
    // Only a parser that keeps sections hands out the same events again: for any other file,
    // groups are neither replayed nor recorded.
    new FileBuilder(this.plan, file, this.buildToken, lineage !== null).build();
  }

  /** The plan of the files added; the builder is done with. */
  finish(): Plan {
    const title = planTitle(this.plan);
    if (title) this.plan.metadata.title = title;
    if (this.lineage) recordPlan(this.lineage, this.plan);
    return this.plan;
  }
}

/** The plan's title: its main file's title heading (see {@link mainFile}). */
export function planTitle(plan: Pick<PlanSummary, 'files' | 'metadata'>): Located<string> | undefined {
  const main = mainFile(plan);
  return main?.title === undefined ? undefined : { value: main.title, file: main.path, range: main.anchor };
}

/**
 * The plan's main file: the one that declares the plan's profile or targets, else the first with a
 * title. Its title names the plan, and plan-level findings go there rather than on whichever file
 * sorts first (an annex, a review note).
 */
function mainFile(plan: Pick<PlanSummary, 'files' | 'metadata'>): PlanFileSummary | undefined {
  const { profile, targets } = plan.metadata;
  const declaring = profile?.file ?? targets.securityLevel?.file ?? targets.csfTier?.file;
  const titled = plan.files.filter((file) => file.title !== undefined);
  return titled.find((file) => file.path === declaring) ?? titled[0];
}

class FileBuilder {
  private open: OpenEntry | undefined;
  /** Heading texts by depth, for table context ("Statement of Applicability", "Assets"). */
  private headings: (string | undefined)[] = [];
  /** True while `headings` is a recorded group's array, which must not change. */
  private headingsShared = false;
  /** The enclosing headings last recorded for a group (recorded arrays are never changed). */
  private lastHeadingsBefore: readonly (string | undefined)[] | undefined;
  private readonly summary: PlanFileSummary;

  constructor(
    private readonly plan: Plan,
    private readonly file: ParsedFile,
    private readonly buildToken: BuildToken,
    /** Whether groups are replayed and recorded (see PlanBuilder.add). */
    private readonly recording: boolean,
  ) {
    this.summary = { path: file.path, lineCount: file.lineCount, end: file.end, anchor: lineStartRange(1) };
  }

  build(): void {
    this.plan.files.push(this.summary);
    const sections = new SectionWindow(this.file.sections);
    for (let index = 0; sections.at(index); sections.releaseBefore(index)) {
      index = (this.recording ? this.replayGroup(sections, index) : undefined) ?? this.buildGroup(sections, index);
    }
    this.close(Number.MAX_SAFE_INTEGER);
  }

  /** Adds the group starting at `first` as recorded, if it was and still applies; returns where the next group starts. */
  private replayGroup(sections: SectionWindow, first: number): number | undefined {
    const firstSection = sections.at(first) as readonly SectionEvent[];
    const record = recordedGroup(firstSection);
    if (!record || record.usedBy === this.buildToken || record.file !== this.file.path) return undefined;
    if (record.settingsBefore !== settingsSet(this.plan, this.summary)) return undefined;
    if (!sameEnclosingHeadings(record.headingsBefore, firstSection, this.headings)) return undefined;
    const next = first + record.sections.length;
    for (let offset = 1; offset < record.sections.length; offset++) if (sections.at(first + offset) !== record.sections[offset]) return undefined;
    // The group ended where a section closed its open entry; it must end there again.
    const following = sections.at(next);
    if (following && !startsGroup(following, record.openAfter)) return undefined;
    record.usedBy = this.buildToken;
    applyEffects(record.effects, this.plan, this.summary);
    // Shared until a heading changes it (see heading()): most groups replay one after another.
    this.headings = record.headingsAfter;
    this.headingsShared = true;
    this.open = record.openAfter;
    return next;
  }

  /** Builds the group starting at `first` from its events, and records it when recording; returns where the next group starts. */
  private buildGroup(sections: SectionWindow, first: number): number {
    const firstSection = sections.at(first) as readonly SectionEvent[];
    // Read before the group's headings change them.
    const headingsBefore = this.recording ? this.headingsToRecord(firstSection) : undefined;
    const mark = markPlan(this.plan, this.summary);
    let next = first;
    let section: readonly SectionEvent[] | undefined = firstSection;
    do {
      for (const event of section) this.event(event);
      section = sections.at(++next);
    } while (section && !startsGroup(section, this.open));
    // The group's entries are complete. Their reference lists grew by pushes, which leave room
    // for 17 where plans have 3 or 4: an exact copy holds 10 MB of plans 3 MB smaller.
    for (let index = mark.entries; index < this.plan.entries.length; index++) {
      const entry = this.plan.entries[index] as PlanEntry;
      entry.references = entry.references.slice();
    }
    if (headingsBefore) {
      rememberGroup({
        file: this.file.path,
        headingsBefore,
        settingsBefore: mark.settings,
        sections: sections.range(first, next),
        effects: effectsSince(mark, this.plan, this.summary),
        headingsAfter: [...this.headings],
        openAfter: this.open,
        usedBy: this.buildToken,
      });
    }
    return next;
  }

  /**
   * The enclosing headings of a group starting with `firstSection`, to record. The controls of one
   * part of a plan all see the same headings above them: one array serves them all.
   */
  private headingsToRecord(firstSection: readonly SectionEvent[]): readonly (string | undefined)[] {
    const last = this.lastHeadingsBefore;
    if (last && sameEnclosingHeadings(last, firstSection, this.headings)) return last;
    return (this.lastHeadingsBefore = enclosingHeadings(firstSection, this.headings));
  }

  private event(event: SectionEvent): void {
    switch (event.type) {
      case 'front-matter':
        this.frontMatter(event.value, event.range, event.valueStartLine);
        return;
      case 'heading':
        this.heading(event);
        return;
      case 'attribute':
        this.attributeEvent(event.attribute);
        return;
      case 'prose':
        this.plan.placeholders.push({ file: this.file.path, range: event.range, text: event.text, entry: this.open?.entry });
        return;
      case 'description':
        if (this.open) this.open.entry.hasDescription = true;
        return;
      case 'references':
        for (const reference of event.references) this.looseOrEntryReference(reference);
        return;
      case 'table':
        this.table(event.header, event.rows, event.range);
        return;
      case 'directive':
        this.directive(event.command, event.rules, event.range);
    }
  }

  private frontMatter(value: string, range: Range, firstLine: number): void {
    this.summary.frontMatter = range;
    const { value: data, problems, lines } = readFrontMatter(value, this.file.path, firstLine);
    for (const problem of problems) {
      this.notice('invalid-front-matter', problem.message, { start: { line: problem.line, column: problem.column }, end: { line: problem.line, column: problem.column } });
    }
    const settings = data?.plantgap;
    if (!settings) return;
    const at = (line: number | undefined): Range => (line ? lineStartRange(line) : range);
    if (settings.profile && !this.plan.metadata.profile) this.plan.metadata.profile = { value: settings.profile, file: this.file.path, range: at(lines.profile) };
    const level = settings.target?.['security-level'];
    if (level && !this.plan.metadata.targets.securityLevel) this.plan.metadata.targets.securityLevel = { value: level, file: this.file.path, range: at(lines.securityLevel) };
    const tier = settings.target?.['csf-tier'];
    if (tier && !this.plan.metadata.targets.csfTier) this.plan.metadata.targets.csfTier = { value: tier, file: this.file.path, range: at(lines.csfTier) };
  }

  private heading(event: Extract<SectionEvent, { type: 'heading' }>): void {
    const range = event.range;
    this.close(event.depth);
    if (this.headingsShared) {
      this.headings = [...this.headings];
      this.headingsShared = false;
    }
    this.headings.length = event.depth - 1;
    this.headings[event.depth - 1] = event.text.toLowerCase();
    if (event.depth === 1 && this.summary.title === undefined) {
      this.summary.title = event.text;
      this.summary.anchor = range;
    }
    if (isPlaceholder(event.title) && (event.controlId || event.key)) {
      this.plan.placeholders.push({ file: this.file.path, range, text: event.title });
    }
    if (!event.controlId && !event.key) return;
    const entry = this.newEntry({
      kind: event.key ? 'requirement' : 'control',
      id: event.key ? event.key.text : (event.controlId?.id ?? ''),
      title: event.title,
      origin: 'heading',
      range,
      idRange: event.key ? event.key.range : (event.controlId?.range ?? event.range),
      key: event.key,
    });
    entry.endLine = range.end.line;
    this.open = { entry, depth: event.depth };
  }

  private close(depth: number): void {
    if (this.open && depth <= this.open.depth) this.open = undefined;
  }

  private attributeEvent(attribute: Attribute): void {
    const entry = this.open?.entry;
    if (attribute.placeholder) this.plan.placeholders.push({ file: this.file.path, range: attribute.range, text: attribute.value, entry });
    if (entry) {
      this.setAttribute(entry, attribute);
      entry.endLine = Math.max(entry.endLine, attribute.lineRange.end.line);
      return;
    }
    this.planAttribute(attribute);
  }

  private setAttribute(entry: PlanEntry, attribute: Attribute): void {
    if (entry.attributes[attribute.name]) return; // the first statement wins; later ones are usually notes
    entry.attributes[attribute.name] = attribute;
    if (attribute.name === 'description' && isDescription(attribute.value) && !attribute.placeholder) entry.hasDescription = true;
    if (attribute.name === 'status' || (attribute.name === 'current' && entry.status === undefined)) {
      if (!attribute.placeholder) entry.status = parseStatus(attribute.value) ?? entry.status;
    }
  }

  /** `Target security level: SL-2` or `CSF tier: 3` outside any control sets the plan's targets. */
  private planAttribute(attribute: Attribute): void {
    if (attribute.placeholder) return;
    const key = attribute.key.toLowerCase();
    const targets = this.plan.metadata.targets;
    const level = securityLevelPattern.exec(attribute.value);
    if (/security level|\bsl\b|sl-t/.test(key) && level && !targets.securityLevel) {
      targets.securityLevel = { value: `SL-${level[1]}`, file: this.file.path, range: attribute.range };
    }
    const tier = /\b([1-4])\b/.exec(attribute.value);
    if (/tier/.test(key) && tier && !targets.csfTier) targets.csfTier = { value: Number(tier[1]), file: this.file.path, range: attribute.range };
  }

  private looseOrEntryReference(reference: ReferenceOccurrence): void {
    if (this.open) {
      this.open.entry.references.push(reference);
      this.open.entry.endLine = Math.max(this.open.entry.endLine, reference.range.end.line);
    } else {
      this.plan.looseReferences.push({ ...reference, file: this.file.path });
    }
  }

  private table(header: TableCell[], rows: TableCell[][], range: Range): void {
    const names = header.map((cell) => cell.text.trim().toLowerCase().replace(/\s+/g, ' ').replace(/[*_`:]/g, ''));
    const column = (candidates: readonly string[]) => names.findIndex((name) => candidates.includes(name));
    const keyColumn = column(keyColumnNames);
    const assetColumn = column(assetColumnNames);
    if (assetColumn >= 0 && (keyColumn < 0 || assetColumn < keyColumn)) {
      this.assetTable(rows, assetColumn, column(zoneColumnNames), column(criticalityColumnNames));
      return;
    }
    if (keyColumn < 0) {
      // An ordinary table inside a control: its references belong to the control.
      for (const row of rows) for (const cell of row) for (const reference of cell.references) this.looseOrEntryReference(reference);
      return;
    }
    if (this.open) this.open.entry.endLine = Math.max(this.open.entry.endLine, range.end.line);
    let titleColumn = column(titleColumnNames);
    // In `| ID | Control | … |` the "Control" column holds the title.
    if (titleColumn < 0 && names[keyColumn] !== 'control') titleColumn = names.indexOf('control');
    const attributeColumns = names.map((name, index) => (index === keyColumn || index === titleColumn ? undefined : (canonicalAttribute(name) ?? undefined)));
    const inSoA = this.inApplicabilitySection() || attributeColumns.includes('applicable');
    const hasTargetColumn = attributeColumns.includes('target');
    for (const row of rows) this.tableRow(row, keyColumn, titleColumn, attributeColumns, header, inSoA, hasTargetColumn);
  }

  private tableRow(
    row: TableCell[],
    keyColumn: number,
    titleColumn: number,
    attributeColumns: (string | undefined)[],
    header: TableCell[],
    inSoA: boolean,
    hasTargetColumn: boolean,
  ): void {
    const keyCell = row[keyColumn];
    if (!keyCell || keyCell.text === '') return;
    const first = keyCell.references[0];
    const startsWithReference = first !== undefined && first.range.start.line === keyCell.range.start.line && keyCell.raw.replace(/^[*_`[\s]+/, '').startsWith(first.text);
    const controlId = startsWithReference ? undefined : controlIdPattern.exec(keyCell.text)?.[0];
    if (!startsWithReference && !(controlId && /\d/.test(controlId))) return;
    const rowRange = { start: row[0]?.extent.start ?? keyCell.extent.start, end: row[row.length - 1]?.extent.end ?? keyCell.extent.end };
    const label = startsWithReference && first ? keyCell.text.slice(keyCell.text.indexOf(first.text) + first.text.length).replace(/^[\s:—–-]+/, '') : '';
    const entry = this.newEntry({
      kind: startsWithReference ? 'requirement' : 'control',
      id: startsWithReference && first ? first.text : (controlId ?? ''),
      title: (titleColumn >= 0 ? row[titleColumn]?.text : undefined) || label,
      origin: 'table-row',
      range: rowRange,
      idRange: startsWithReference && first ? first.range : keyCell.range,
      key: startsWithReference && first ? first : undefined,
    });
    entry.hasTargetColumn = hasTargetColumn;
    entry.inStatementOfApplicability = inSoA;
    entry.endLine = rowRange.end.line;
    row.forEach((cell, index) => {
      const name = attributeColumns[index];
      if (index !== keyColumn && (!startsWithReference || name === 'covers')) {
        for (const reference of cell.references) entry.references.push(reference);
      }
      if (!name) return;
      const cellRange = cell.range;
      const attribute: Attribute = {
        name,
        key: header[index]?.text ?? name,
        value: cell.text,
        range: cellRange,
        lineRange: cellRange,
        placeholder: isPlaceholder(cell.raw),
        hasLink: /\]\(|https?:\/\//.test(cell.raw),
      };
      if (attribute.placeholder) this.plan.placeholders.push({ file: this.file.path, range: cellRange, text: cell.text, entry });
      this.setAttribute(entry, attribute);
    });
  }

  private assetTable(rows: TableCell[][], nameColumn: number, zoneColumn: number, criticalityColumn: number): void {
    this.plan.hasAssetInventory = true;
    for (const row of rows) {
      const nameCell = row[nameColumn];
      if (!nameCell || nameCell.text === '') continue;
      const cellAttribute = (index: number, name: string): Attribute | undefined => {
        const cell = row[index];
        if (index < 0 || !cell) return undefined;
        const range = cell.range;
        return { name, key: name, value: cell.text, range, lineRange: range, placeholder: isPlaceholder(cell.raw), hasLink: false };
      };
      const range = { start: row[0]?.extent.start ?? nameCell.extent.start, end: row[row.length - 1]?.extent.end ?? nameCell.extent.end };
      const asset = { name: nameCell.text, file: this.file.path, range, zone: cellAttribute(zoneColumn, 'zone'), criticality: cellAttribute(criticalityColumn, 'criticality') };
      if (asset.criticality?.placeholder) this.plan.placeholders.push({ file: this.file.path, range: asset.criticality.range, text: asset.criticality.value });
      this.plan.assets.push(asset);
    }
  }

  private directive(command: DisableDirective['command'], rules: string[], range: Range): void {
    this.plan.directives.push({ command, rules, file: this.file.path, line: range.start.line });
  }

  private newEntry(fields: Pick<PlanEntry, 'kind' | 'id' | 'title' | 'origin' | 'range' | 'idRange' | 'key'>): PlanEntry {
    // Written out field by field: a literal of known shape is much cheaper than a spread, and a
    // 2,000-control plan makes 2,000 entries on every edit.
    const entry: PlanEntry = {
      kind: fields.kind,
      id: fields.id,
      title: fields.title,
      origin: fields.origin,
      range: fields.range,
      idRange: fields.idRange,
      key: fields.key,
      file: this.file.path,
      attributes: {},
      references: [],
      hasDescription: false,
      hasTargetColumn: false,
      inStatementOfApplicability: this.inApplicabilitySection(),
      endLine: fields.range.end.line,
    };
    this.plan.entries.push(entry);
    return entry;
  }

  private inApplicabilitySection(): boolean {
    for (const heading of this.headings) if (heading?.includes('applicability')) return true;
    return false;
  }

  private notice(ruleId: string, message: string, range: Range): void {
    const notice: PlanNotice = { ruleId, message, file: this.file.path, range };
    this.plan.notices.push(notice);
  }
}

/**
 * A file's sections, shifted to file lines, read as the builder reaches them and let go once their
 * group is built. When the parser parses as it is iterated (a check without a section cache), each
 * section's events are garbage a moment after they were made, while the young generation still
 * holds them, instead of living until the whole file is built and reaching the old generation
 * (on 10 MB of plans the check's peak fell from ~300 to ~255 MiB).
 */
class SectionWindow {
  private readonly iterator: Iterator<{ parsed: ParsedSection; startLine: number }>;
  /** By section index; undefined before `released`. */
  private readonly read: (readonly SectionEvent[] | undefined)[] = [];
  private released = 0;
  private done = false;

  constructor(sections: Iterable<{ parsed: ParsedSection; startLine: number }>) {
    this.iterator = sections[Symbol.iterator]();
  }

  /** The section at `index`, or undefined past the last one. */
  at(index: number): readonly SectionEvent[] | undefined {
    if (index < this.released) throw new Error(`SectionWindow: section ${index} was already released`);
    while (!this.done && this.read.length <= index) {
      const next = this.iterator.next();
      if (next.done) this.done = true;
      else this.read.push(shiftedEvents(next.value.parsed, next.value.startLine));
    }
    return this.read[index];
  }

  /** Sections `first` to `end` (exclusive), all already read. */
  range(first: number, end: number): (readonly SectionEvent[])[] {
    return this.read.slice(first, end) as (readonly SectionEvent[])[];
  }

  releaseBefore(index: number): void {
    for (; this.released < index; this.released++) this.read[this.released] = undefined;
  }
}
