/**
 * Parses one section (see split-sections.ts) with unified + remark-parse (+ GFM tables, front matter)
 * and extracts the events the plan model is built from. References are resolved here, against the
 * knowledge base the parser is bound to, so that a cached section costs nothing on the next analysis.
 */
import type { Heading, Html, List, ListItem, Nodes, Paragraph, Root, RootContent, Table, Yaml } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { detachedString, sharedString } from './detached-string.js';
import { simpleSectionTree } from './fast-section-tree.js';
import { keptList } from '../kept-list.js';
import { referenceResolver, type ReferenceResolver } from '../knowledge/references.js';
import type { Attribute, ParsedSection, ReferenceOccurrence, SectionEvent, TableCell } from './parsed-section.js';
import { LineIndex, type Range } from './positions.js';
import { canonicalAttribute, isDescription, isPlaceholder } from './vocabulary.js';

const fullProcessor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);
const gfmProcessor = unified().use(remarkParse).use(remarkGfm);
const plainProcessor = unified().use(remarkParse);

/**
 * What can start a GFM construct: a table needs `|`, strikethrough `~`, a footnote `[^`, a task
 * list item `[ ]`/`[x]`, an autolink literal `www.`, `://` or `@`. Without any of these the GFM
 * extensions produce the same tree as plain CommonMark, and remark is much faster without them
 * (the autolink-literal pass alone walks every text node).
 */
const gfmTrigger = /[|~@]|www\.|:\/\/|\[\^|\[[ \t\nxX]\]/i;

/**
 * The cheapest remark configuration that parses `text` exactly as the full one would: front matter
 * can only be at the very start of a document, GFM only where one of its triggers occurs.
 * `full` forces the full configuration (tests compare the two).
 */
function processorFor(text: string, full: boolean) {
  if (full || text.startsWith('---')) return fullProcessor;
  return gfmTrigger.test(text) ? gfmProcessor : plainProcessor;
}

/** A plan control's own id: letters and digits in dash-separated parts, with at least one digit. */
export const controlIdPattern = /^[A-Za-z][A-Za-z0-9]{0,15}(?:-[A-Za-z0-9]{1,15}){1,5}(?=$|[\s:–—.,;)|/]|-\s)/;
// Each run of blanks has one place to go (`[ \t]*(?:[*_]{1,2}[ \t]*)?`, never two `[ \t]*` around
// an optional marker): otherwise a long run of spaces is split every possible way, quadratically.
const keyValueLine = /^[ \t]*(?:[*_]{1,2}[ \t]*)?([A-Za-z][A-Za-z0-9 /()?'-]{0,40}?)[ \t]*(?:[*_]{1,2}[ \t]*)?:[ \t]*(?:[*_]{1,2}[ \t]+)?/;
/** A key is at most 40 characters, so a key-value line shows its colon within this many characters. */
const keyValueHeadLength = 160;
const directivePattern = /<!--\s*plantgap-(disable-next-line|disable-line|disable|enable)\b([^>]{0,500}?)-->/g;
const headingSeparator = /^[\s—–:|.)-]+/;
/** Keys of the plan-level target lines that build-plan.ts reads outside controls. */
const planTargetKey = /\btier\b|security level|\bsl\b|\bsl-t\b/i;

/** Which way a section was parsed: the tree built directly, or remark without GFM, with GFM, or fully configured. */
export type SectionParsePath = 'simple' | 'commonmark' | 'gfm' | 'full';

/**
 * Parses section text into events, with lines counted from `firstLine` (the section's 0-based first
 * line in its file; 0 for positions relative to the section), and says which way it was parsed.
 * Where remark would run without front matter, a simple section's tree is built directly
 * (fast-section-tree.ts). `fullParser` turns the fast paths off (every section through remark with
 * GFM and front matter), for equivalence tests.
 */
export function parseSectionWithPath(
  text: string,
  knowledgeBase: KnowledgeBase,
  fullParser = false,
  firstLine = 0,
): { section: ParsedSection; path: SectionParsePath } {
  const context = new SectionContext(text, referenceResolver(knowledgeBase), firstLine);
  const { parsedText, comments } = maskCommentsInTables(defuseEmphasisFloods(text));
  const processor = processorFor(parsedText, fullParser);
  const simple = fullParser ? undefined : simpleSectionTree(parsedText, processor !== plainProcessor, processor === fullProcessor);
  const root = simple ?? (processor.parse(parsedText) as Root);
  for (const node of root.children) {
    context.block(node, false);
    // Directives in comments between table rows follow the table's own events.
    if (node.type === 'table') context.maskedComments(comments, node);
  }
  const path: SectionParsePath = simple ? 'simple' : processor === plainProcessor ? 'commonmark' : processor === gfmProcessor ? 'gfm' : 'full';
  return { section: { events: context.events, lineCount: context.lines.lineCount, firstLine }, path };
}

/** Most `*` and `_` characters one block of non-blank lines may hold and still be read as Markdown emphasis. */
const emphasisDelimiterBudget = 1000;

/**
 * micromark pairs emphasis delimiters in time that grows with the square of their number in one
 * paragraph (64,000 characters of `_*` take half a minute), so hostile text could stall CI or the
 * editor. No plan needs a thousand in a paragraph: in a block of consecutive non-blank lines that
 * holds more, each `*` and `_` except a line's first non-blank character (a list bullet) is parsed
 * as `∗` or `＿` — same length, so offsets hold; attributes are still read from the original text.
 */
function defuseEmphasisFloods(text: string): string {
  if (countDelimiters(text) <= emphasisDelimiterBudget) return text;
  const lines = text.split('\n');
  let blockStart = 0;
  let delimiters = 0;
  const closeBlock = (end: number) => {
    if (delimiters > emphasisDelimiterBudget) {
      for (let index = blockStart; index < end; index++) lines[index] = defuseLine(lines[index] ?? '');
    }
  };
  lines.forEach((line, index) => {
    if (line.trim() === '') {
      closeBlock(index);
      blockStart = index + 1;
      delimiters = 0;
    } else {
      delimiters += countDelimiters(line);
    }
  });
  closeBlock(lines.length);
  return lines.join('\n');
}

function countDelimiters(text: string): number {
  let count = 0;
  for (let index = text.indexOf('*'); index !== -1; index = text.indexOf('*', index + 1)) count++;
  for (let index = text.indexOf('_'); index !== -1; index = text.indexOf('_', index + 1)) count++;
  return count;
}

function defuseLine(line: string): string {
  const first = line.search(/\S/) + 1;
  return line.slice(0, first) + line.slice(first).replaceAll('*', '\u2217').replaceAll('_', '\uFF3F');
}

/** A whole-line `<!-- … -->` comment. */
const commentLine = /^[ \t]*<!--(?:(?!-->).)*-->[ \t]*$/;

/**
 * A comment line between two table rows would end the table in GFM, and the rows after it would
 * be read as a paragraph. Writers put `<!-- plantgap-disable-next-line … -->` exactly there, so such
 * a line is parsed as an empty row of the same length (offsets and lines unchanged; empty rows are
 * skipped) and its directives are read from the original text.
 */
function maskCommentsInTables(text: string): { parsedText: string; comments: { start: number; end: number }[] } {
  const comments: { start: number; end: number }[] = [];
  if (!text.includes('<!--') || !text.includes('|')) return { parsedText: text, comments };
  const lines = text.split('\n');
  let offset = 0;
  let masked = false;
  lines.forEach((line, index) => {
    const previous = lines[index - 1]?.trimStart() ?? '';
    const next = lines[index + 1]?.trimStart() ?? '';
    if (line.length >= 2 && previous.startsWith('|') && next.startsWith('|') && commentLine.test(line)) {
      comments.push({ start: offset, end: offset + line.length });
      lines[index] = `|${' '.repeat(line.length - 2)}|`;
      masked = true;
    }
    offset += line.length + 1;
  });
  return { parsedText: masked ? lines.join('\n') : text, comments };
}

/** Prose of three words or more: it describes the control it is in (one object, shared). */
const descriptionEvent: SectionEvent = Object.freeze({ type: 'description' });

class SectionContext {
  readonly events: SectionEvent[] = [];
  readonly lines: LineIndex;

  constructor(
    readonly text: string,
    readonly resolver: ReferenceResolver,
    firstLine: number,
  ) {
    this.lines = new LineIndex(text, firstLine);
  }

  block(node: RootContent, inListItem: boolean): void {
    switch (node.type) {
      case 'yaml':
        this.frontMatter(node);
        return;
      case 'heading':
        this.heading(node);
        return;
      case 'paragraph':
        this.paragraph(node, inListItem);
        return;
      case 'list':
        this.list(node);
        return;
      case 'table':
        this.table(node);
        return;
      case 'html':
        this.directives(node);
        return;
      case 'code':
        return; // code is quoted material: ids in it are not claims
      default:
        if ('children' in node) for (const child of node.children as RootContent[]) this.block(child, inListItem);
    }
  }

  private offsets(node: Nodes): [number, number] {
    return [node.position?.start.offset ?? 0, node.position?.end.offset ?? 0];
  }

  private range(node: Nodes): Range {
    const [start, end] = this.offsets(node);
    return this.lines.range(start, end);
  }

  private frontMatter(node: Yaml): void {
    const range = this.range(node);
    this.events.push({ type: 'front-matter', value: node.value, range, valueStartLine: range.start.line + 1 });
  }

  private heading(node: Heading): void {
    const range = this.range(node);
    const text = detachedString(toString(node).trim());
    const [start, end] = this.offsets(node);
    const source = this.text.slice(start, end);
    const textStart = start + (source.length - source.replace(/^ {0,3}#{1,6}[ \t]*/, '').length);
    const references = this.references(node);
    const first = references[0];
    const event: Extract<SectionEvent, { type: 'heading' }> = { type: 'heading', depth: node.depth, text, range, title: text };
    if (first && this.lines.lineStart(first.range.start.line) + first.range.start.column - 1 === textStart && first.resolution.status !== 'unknown') {
      event.key = first;
      event.title = detachedString(text.slice(first.text.length).replace(headingSeparator, '').trim());
      this.emitReferences(references.slice(1));
    } else {
      const id = controlIdPattern.exec(text)?.[0];
      if (id && /\d/.test(id) && source.startsWith(id, textStart - start)) {
        event.controlId = { id, range: this.lines.range(textStart, textStart + id.length), title: detachedString(text.slice(id.length).replace(headingSeparator, '').trim()) };
        event.title = event.controlId.title;
      }
      this.emitReferences(references);
    }
    this.events.push(event);
    // Reorder so the heading precedes the references found in it: the plan builder attaches
    // references to the entry the heading opens.
    const last = this.events.length - 1;
    const headingEvent = this.events[last];
    const previous = this.events[last - 1];
    if (headingEvent && previous?.type === 'references' && previous.references.some((reference) => reference.range.start.line === range.start.line)) {
      this.events[last - 1] = headingEvent;
      this.events[last] = previous;
    }
  }

  private list(node: List): void {
    for (const item of node.children) this.listItem(item);
  }

  private listItem(item: ListItem): void {
    item.children.forEach((child, index) => {
      if (index === 0 && child.type === 'paragraph') this.paragraph(child, true);
      else this.block(child, true);
    });
  }

  /** A paragraph is read line by line: each line may be a `Key: value` attribute; the rest is prose. */
  private paragraph(node: Paragraph, inListItem: boolean): void {
    const [start, end] = this.offsets(node);
    let lineStart = start;
    let proseStart = -1;
    let proseEnd = -1;
    const flushProse = () => {
      if (proseStart < 0) return;
      const raw = this.text.slice(proseStart, proseEnd);
      // The plan keeps a paragraph's text only as template text left unfilled (see detachedString);
      // of other prose, cached with its section, only that it describes its control.
      if (isPlaceholder(raw)) this.events.push({ type: 'prose', range: this.lines.range(proseStart, proseEnd), placeholder: true, text: detachedString(plainText(raw)) });
      else if (isDescription(plainText(raw))) this.events.push(descriptionEvent);
      proseStart = -1;
    };
    while (lineStart < end) {
      const newline = this.text.indexOf('\n', lineStart);
      const lineEnd = newline === -1 || newline > end ? end : newline;
      const attribute = this.attribute(lineStart, lineEnd, inListItem);
      if (attribute) {
        flushProse();
        this.events.push({ type: 'attribute', attribute, listItem: inListItem });
      } else if (this.text.slice(lineStart, lineEnd).trim() !== '') {
        if (proseStart < 0) proseStart = lineStart;
        proseEnd = lineEnd;
      }
      lineStart = lineEnd + 1;
    }
    flushProse();
    this.emitReferences(this.references(node));
  }

  private attribute(lineStart: number, lineEnd: number, inListItem: boolean): Attribute | undefined {
    const line = this.text.slice(lineStart, lineEnd);
    const match = keyValueLine.exec(line.slice(0, keyValueHeadLength));
    if (!match?.[1]) return undefined;
    const key = sharedString(match[1].trim());
    const name = canonicalAttribute(key);
    // In running text only known keys count ("Note: …" is prose), and the plan's targets
    // (`CSF tier: 3`, `Target security level: SL-2`); in list items any key does.
    if (!name && !inListItem && !planTargetKey.test(key)) return undefined;
    if (/^https?$/i.test(key)) return undefined;
    // A trailing backslash is a hard line break, not part of the value. (No end-anchored regex:
    // on a long run of spaces it backtracks quadratically.)
    const afterKey = line.slice(match[0].length);
    const rawValue = (afterKey.endsWith('\\') ? afterKey.slice(0, -1) : afterKey).trimEnd();
    const valueStart = lineStart + match[0].length;
    const valueEnd = valueStart + rawValue.length;
    const leading = line.length - line.trimStart().length;
    return {
      name: name ?? sharedString(key.toLowerCase()),
      key,
      value: sharedString(plainText(rawValue)),
      range: this.lines.range(valueStart, valueEnd),
      lineRange: this.lines.range(lineStart + leading, lineStart + line.trimEnd().length),
      placeholder: isPlaceholder(rawValue),
      hasLink: /\]\(|\]\[|<https?:|https?:\/\//.test(rawValue),
    };
  }

  private table(node: Table): void {
    const [headerRow, ...bodyRows] = node.children;
    const cells = (row: Table['children'][number]): TableCell[] =>
      row.children.map((cell) => {
        // The cell's range is its text, without the pipes and padding remark includes in the
        // cell node; an empty cell gets a zero-width range just after its opening pipe.
        const [start, end] = this.offsets(cell);
        const source = this.text.slice(start, end);
        const leadingPipe = source.startsWith('|') ? 1 : 0;
        const raw = sharedString(source.slice(leadingPipe).replace(/\|$/, '').trim());
        const textStart = raw === '' ? start + leadingPipe : start + source.indexOf(raw, leadingPipe);
        return {
          text: sharedString(toString(cell).trim()),
          raw,
          range: this.lines.range(textStart, textStart + raw.length),
          extent: this.lines.range(start, end),
          // Cached sections keep thousands of cells, most without references.
          references: keptList(this.references(cell)),
        };
      });
    this.events.push({ type: 'table', header: headerRow ? cells(headerRow) : [], rows: bodyRows.map(cells), range: this.range(node) });
  }

  /** Directives of the comment lines masked inside `table` (see maskCommentsInTables). */
  maskedComments(comments: readonly { start: number; end: number }[], table: Table): void {
    const [start, end] = this.offsets(table);
    for (const comment of comments) {
      if (comment.start >= start && comment.end <= end) this.directivesIn(this.text.slice(comment.start, comment.end), comment.start);
    }
  }

  private directives(node: Html): void {
    const [start] = this.offsets(node);
    this.directivesIn(node.value, start);
  }

  private directivesIn(value: string, start: number): void {
    directivePattern.lastIndex = 0;
    for (let match = directivePattern.exec(value); match; match = directivePattern.exec(value)) {
      const rules = (match[2] ?? '').split(/[\s,]+/).filter((rule) => rule !== '' && rule !== '--').map(sharedString);
      const offset = start + match.index;
      this.events.push({
        type: 'directive',
        command: match[1] as 'disable' | 'enable' | 'disable-next-line' | 'disable-line',
        rules,
        range: this.lines.range(offset, offset + match[0].length),
      });
    }
  }

  /** References in the text of a node (text, inline code, link text), skipping code blocks; emits inline directives too. */
  private references(node: Nodes): ReferenceOccurrence[] {
    const found: ReferenceOccurrence[] = [];
    const visit = (current: Nodes) => {
      if (current.type === 'text' || current.type === 'inlineCode') {
        const [start, end] = this.offsets(current);
        for (const match of this.resolver.scan(this.text.slice(start, end))) {
          found.push({ text: match.text, range: this.lines.range(start + match.start, start + match.end), resolution: match.resolution });
        }
      } else if (current.type === 'html') {
        this.directives(current);
      } else if (current.type !== 'code' && 'children' in current) {
        for (const child of current.children) visit(child);
      }
    };
    visit(node);
    return found;
  }

  private emitReferences(references: ReferenceOccurrence[]): void {
    if (references.length > 0) this.events.push({ type: 'references', references });
  }
}

const inlineLink = /!?\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)/g;
const referenceLink = /!?\[([^\]\n]{0,500})\]\[[^\]\n]{0,200}\]/g;
// Emphasis marks go; an underscore inside a word (`snake_case`, `PLC_01`) is text and stays.
const emphasisCharacter = /[*`~_]/;
const emphasisMark = /\*\*|[*`~]|(?<![\p{L}\p{N}])_{1,2}|_{1,2}(?![\p{L}\p{N}])/gu;
// Every run of whitespace becomes one space. A lone space already is one: matching only longer runs
// and other whitespace leaves most values untouched, where `\s+` copied every value with a space.
const whitespaceRun = /\s{2,}|[^\S ]/g;

/**
 * Markdown source of a short value to plain text: link syntax, emphasis and code ticks removed,
 * whitespace collapsed. Each step runs only where its syntax can occur: nearly every value is
 * plain text already and comes back as it is, without a copy.
 */
export function plainText(raw: string): string {
  let text = raw;
  if (text.includes('[')) text = text.replace(inlineLink, '$1').replace(referenceLink, '$1');
  if (emphasisCharacter.test(text)) text = text.replace(emphasisMark, '');
  return text.replace(whitespaceRun, ' ').trim();
}
