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
import { referenceResolver, type ReferenceResolver } from '../knowledge/references.js';
import type { Attribute, ParsedSection, ReferenceOccurrence, SectionEvent, TableCell } from './parsed-section.js';
import { LineIndex, type Range } from './positions.js';
import { canonicalAttribute, isPlaceholder } from './vocabulary.js';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

/** A plan control's own id: letters and digits in dash-separated parts, with at least one digit. */
export const controlIdPattern = /^[A-Za-z][A-Za-z0-9]{0,15}(?:-[A-Za-z0-9]{1,15}){1,5}(?=$|[\s:–—.,;)|/]|-\s)/;
const keyValueLine = /^[ \t]*(?:[*_]{1,2})?[ \t]*([A-Za-z][A-Za-z0-9 /()?'-]{0,40}?)[ \t]*(?:[*_]{1,2})?[ \t]*:[ \t]*(?:[*_]{1,2}[ \t]+)?/;
const directivePattern = /<!--\s*plantgap-(disable-next-line|disable-line|disable|enable)\b([^>]{0,500}?)-->/g;
const headingSeparator = /^[\s—–:|.)-]+/;

/** Parses section text into events, positions relative to the section. */
export function parseSection(text: string, knowledgeBase: KnowledgeBase): ParsedSection {
  const context = new SectionContext(text, referenceResolver(knowledgeBase));
  const root = processor.parse(text) as Root;
  for (const node of root.children) context.block(node, false);
  return { events: context.events, lineCount: context.lines.lineCount };
}

class SectionContext {
  readonly events: SectionEvent[] = [];
  readonly lines: LineIndex;

  constructor(
    readonly text: string,
    readonly resolver: ReferenceResolver,
  ) {
    this.lines = new LineIndex(text);
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
    const text = toString(node).trim();
    const [start, end] = this.offsets(node);
    const source = this.text.slice(start, end);
    const textStart = start + (source.length - source.replace(/^ {0,3}#{1,6}[ \t]*/, '').length);
    const references = this.references(node);
    const first = references[0];
    const event: Extract<SectionEvent, { type: 'heading' }> = { type: 'heading', depth: node.depth, text, range, title: text };
    if (first && this.lines.lineStart(first.range.start.line) + first.range.start.column - 1 === textStart && first.resolution.status !== 'unknown') {
      event.key = first;
      event.title = text.slice(first.text.length).replace(headingSeparator, '').trim();
      this.emitReferences(references.slice(1));
    } else {
      const id = controlIdPattern.exec(text)?.[0];
      if (id && /\d/.test(id) && source.startsWith(id, textStart - start)) {
        event.controlId = { id, range: this.lines.range(textStart, textStart + id.length), title: text.slice(id.length).replace(headingSeparator, '').trim() };
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
      this.events.push({ type: 'prose', range: this.lines.range(proseStart, proseEnd), text: plainText(raw), placeholder: isPlaceholder(raw) });
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
    const match = keyValueLine.exec(line);
    if (!match?.[1]) return undefined;
    const key = match[1].trim();
    const name = canonicalAttribute(key);
    // In running text only known keys count ("Note: …" is prose); in list items any key does.
    if (!name && !inListItem) return undefined;
    if (/^https?$/i.test(key)) return undefined;
    const rawValue = line.slice(match[0].length).replace(/(?:[ \t]+|\\)$/, '').trimEnd();
    const valueStart = lineStart + match[0].length;
    const valueEnd = valueStart + rawValue.length;
    const leading = line.length - line.trimStart().length;
    return {
      name: name ?? key.toLowerCase(),
      key,
      value: plainText(rawValue),
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
        const [start, end] = this.offsets(cell);
        const raw = this.text.slice(start, end).replace(/^\|/, '').replace(/\|$/, '').trim();
        return { text: toString(cell).trim(), raw, range: this.range(cell), references: this.references(cell) };
      });
    this.events.push({ type: 'table', header: headerRow ? cells(headerRow) : [], rows: bodyRows.map(cells), range: this.range(node) });
  }

  private directives(node: Html): void {
    const [start] = this.offsets(node);
    directivePattern.lastIndex = 0;
    for (let match = directivePattern.exec(node.value); match; match = directivePattern.exec(node.value)) {
      const rules = (match[2] ?? '').split(/[\s,]+/).filter((rule) => rule !== '' && rule !== '--');
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

/** Markdown source of a short value to plain text: link syntax, emphasis and code ticks removed. */
export function plainText(raw: string): string {
  return raw
    .replace(/!?\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)/g, '$1')
    .replace(/!?\[([^\]\n]{0,500})\]\[[^\]\n]{0,200}\]/g, '$1')
    .replace(/(\*\*|__|[*_`~])/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
