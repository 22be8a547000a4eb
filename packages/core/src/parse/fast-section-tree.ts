/**
 * A fast path for the commonest sections of a plan: an ATX heading, tight `- **Key:** value` lists,
 * plain paragraphs and pipe tables (`| a | b |` rows), with only plain text, `**strong**` keys and
 * `[text](path)` links inline. For such a section the mdast tree is built here directly, with the
 * node types, values and offsets that remark-parse gives (CommonMark, plus GFM tables when `gfm`);
 * anything else — any character that could start another construct, indentation, trailing spaces,
 * lazy lines, ragged tables — returns undefined and the section goes through remark. Tests hold the
 * resulting plans equal on every fixture, example and generated plan.
 */
import type { Heading, Link, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Strong, Table, TableCell, TableRow, Text, Yaml } from 'mdast';

type Position = NonNullable<Root['position']>;
type Point = Position['start'];

/** Characters that may start or end some inline construct, an entity, an escape or raw HTML. */
const unsafeInline = /[*_`~<>&\\[\]!|@]/;
/** GFM constructs that need more than their own character to start: autolink literals, footnote calls. */
const gfmLiteral = /www\.|:\/\/|\[\^/i;
/** `**Key:**` at the start of a list item. */
const strongKey = /^\*\*([^*\n]{1,60})\*\*(?=[ ]|$)/;
/** `[text](path)`: no nesting, no spaces or brackets in the destination, no title. */
const simpleLink = /\[([^\]\n]{1,200})\]\(([A-Za-z0-9._/#-]{1,300})\)/y;
/** `[text]` followed by neither `(`, `[` nor `:`, so it can be no link, reference or definition. */
const bracketText = /\[([^\]\n]{1,200})\](?![([:])/y;
/** What can open a block other than a paragraph at the start of a line (or indent it). */
const blockStart = /^(?:[ \t]|[-+*>#=|`~<]|\d{1,9}[.)])/;
/** A GFM table delimiter row with leading and trailing pipes. */
const delimiterRow = /^\|(?: {0,3}:?-+:? {0,3}\|)+$/;

interface Line {
  /** 1-based line number. */
  number: number;
  start: number;
  end: number;
  text: string;
}

function point(line: Line, offset: number): Point {
  return { line: line.number, column: offset - line.start + 1, offset };
}

function span(startLine: Line, start: number, endLine: Line, end: number): Position {
  return { start: point(startLine, start), end: point(endLine, end) };
}

/** The mdast tree of a simple section, or undefined when the section is not simple. */
export function simpleSectionTree(text: string, gfm: boolean, frontMatter = false): Root | undefined {
  if (text.includes('\r') || text.includes('\t') || (gfm && gfmLiteral.test(text))) return undefined;
  const lines: Line[] = [];
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    lines.push({ number: lines.length + 1, start, end, text: text.slice(start, end) });
    if (newline === -1) break;
    start = end + 1;
  }
  const children: RootContent[] = [];
  let at = 0;
  if (frontMatter && lines[0]?.text === '---') {
    // YAML front matter: from the first line to the next `---` line, taken verbatim.
    const close = lines.findIndex((line, index) => index > 0 && line.text === '---');
    if (close < 0) return undefined;
    const first = lines[0];
    const closing = lines[close] as Line;
    const value = close === 1 ? '' : text.slice((lines[1] as Line).start, (lines[close - 1] as Line).end);
    children.push({ type: 'yaml', value, position: span(first, 0, closing, closing.end) } satisfies Yaml);
    at = close + 1;
  }
  // A heading is one line; lists and tables must end at a blank line and a paragraph runs to one,
  // so no block here is ever interrupted or continued lazily.
  while (at < lines.length) {
    const line = lines[at] as Line;
    if (line.text === '') {
      at++;
      continue;
    }
    if (line.text.startsWith('#')) {
      const heading = simpleHeading(line);
      if (!heading) return undefined;
      children.push(heading);
      at++;
      continue;
    }
    if (line.text.startsWith('- ')) {
      const items: ListItem[] = [];
      while (at < lines.length && (lines[at] as Line).text.startsWith('- ')) {
        const item = simpleListItem(lines[at] as Line);
        if (!item) return undefined;
        items.push(item);
        at++;
      }
      if (at < lines.length && (lines[at] as Line).text !== '') return undefined;
      const first = items[0] as ListItem;
      const last = items[items.length - 1] as ListItem;
      children.push({ type: 'list', ordered: false, start: null, spread: false, children: items, position: { start: first.position!.start, end: last.position!.end } } satisfies List);
      continue;
    }
    if (line.text.startsWith('|')) {
      if (!gfm) return undefined;
      const rows: Line[] = [];
      while (at < lines.length && (lines[at] as Line).text !== '') rows.push(lines[at++] as Line);
      const table = simpleTable(rows);
      if (!table) return undefined;
      children.push(table);
      continue;
    }
    if (blockStart.test(line.text)) return undefined;
    const first = line;
    let last = line;
    while (at < lines.length && (lines[at] as Line).text !== '') {
      const current = lines[at] as Line;
      if (blockStart.test(current.text) || current.text.endsWith(' ') || unsafeInline.test(current.text)) return undefined;
      last = current;
      at++;
    }
    const position = span(first, first.start, last, last.end);
    const textNode: Text = { type: 'text', value: text.slice(first.start, last.end), position };
    children.push({ type: 'paragraph', children: [textNode], position: span(first, first.start, last, last.end) } satisfies Paragraph);
  }
  const lastLine = lines[lines.length - 1] as Line;
  return { type: 'root', children, position: span(lines[0] as Line, 0, lastLine, text.length) };
}

function simpleHeading(line: Line): Heading | undefined {
  const match = /^(#{1,6}) (?=[^ ])/.exec(line.text);
  if (!match?.[1]) return undefined;
  const content = line.text.slice(match[0].length);
  // A closing `#` sequence, trailing spaces or any inline construct: leave it to remark.
  if (content.endsWith(' ') || content.endsWith('#') || unsafeInline.test(content)) return undefined;
  const contentStart = line.start + match[0].length;
  const child: Text = { type: 'text', value: content, position: span(line, contentStart, line, line.end) };
  return { type: 'heading', depth: match[1].length as Heading['depth'], children: [child], position: span(line, line.start, line, line.end) };
}

function simpleListItem(line: Line): ListItem | undefined {
  const contentStart = line.start + 2;
  const content = line.text.slice(2);
  if (content === '' || content.endsWith(' ') || (blockStart.test(content) && !content.startsWith('**'))) return undefined;
  const phrasing: PhrasingContent[] = [];
  let offset = 0;
  const key = strongKey.exec(content);
  if (key?.[1]) {
    const inner = key[1];
    if (unsafeInline.test(inner) || inner.startsWith(' ') || inner.endsWith(' ')) return undefined;
    const strong: Strong = {
      type: 'strong',
      children: [{ type: 'text', value: inner, position: span(line, contentStart + 2, line, contentStart + 2 + inner.length) }],
      position: span(line, contentStart, line, contentStart + key[0].length),
    };
    phrasing.push(strong);
    offset = key[0].length;
  } else if (content.startsWith('*')) {
    return undefined;
  }
  let textStart = offset;
  const flushText = (end: number) => {
    if (end > textStart) phrasing.push({ type: 'text', value: content.slice(textStart, end), position: span(line, contentStart + textStart, line, contentStart + end) });
  };
  while (offset < content.length) {
    const character = content[offset] as string;
    if (character === '[') {
      simpleLink.lastIndex = offset;
      const link = simpleLink.exec(content);
      if (!link) {
        // `[Owner]`, `[Yes / No]`: with no link definitions in the section (a definition would have
        // to start the item) and nothing after it that makes a link, a bracket is plain text.
        bracketText.lastIndex = offset;
        const bracket = bracketText.exec(content);
        if (!bracket || offset === 0 || unsafeInline.test(bracket[1] ?? '[')) return undefined;
        offset += bracket[0].length;
        continue;
      }
      if (!link[1] || !link[2] || unsafeInline.test(link[1]) || link[1].startsWith(' ') || link[1].endsWith(' ')) return undefined;
      flushText(offset);
      const node: Link = {
        type: 'link',
        title: null,
        url: link[2],
        children: [{ type: 'text', value: link[1], position: span(line, contentStart + offset + 1, line, contentStart + offset + 1 + link[1].length) }],
        position: span(line, contentStart + offset, line, contentStart + offset + link[0].length),
      };
      phrasing.push(node);
      offset += link[0].length;
      textStart = offset;
      continue;
    }
    if (unsafeInline.test(character)) return undefined;
    offset++;
  }
  flushText(content.length);
  const paragraph: Paragraph = { type: 'paragraph', children: phrasing, position: span(line, contentStart, line, line.end) };
  return { type: 'listItem', spread: false, checked: null, children: [paragraph], position: span(line, line.start, line, line.end) };
}

/**
 * A pipe table whose every row starts and ends with `|` and whose cells hold plain text. Cell
 * positions are remark's: the first cell starts at the leading pipe, every cell ends before the
 * next pipe, and the last one takes the trailing pipe.
 */
function simpleTable(rows: Line[]): Table | undefined {
  const [header, delimiter, ...body] = rows;
  if (!header || !delimiter || !delimiterRow.test(delimiter.text)) return undefined;
  const align = delimiter.text
    .slice(1, -1)
    .split('|')
    .map((cell) => {
      const trimmed = cell.trim();
      const left = trimmed.startsWith(':');
      const right = trimmed.endsWith(':');
      return left && right ? 'center' : left ? 'left' : right ? 'right' : null;
    });
  const tableRows: TableRow[] = [];
  for (const line of [header, ...body]) {
    const row = simpleRow(line);
    if (!row) return undefined;
    tableRows.push(row);
  }
  if (tableRows[0]?.children.length !== align.length) return undefined;
  const last = rows[rows.length - 1] as Line;
  return { type: 'table', align, children: tableRows, position: span(header, header.start, last, last.end) };
}

function simpleRow(line: Line): TableRow | undefined {
  const text = line.text;
  if (text.length < 2 || !text.endsWith('|') || text.endsWith('\\|') || unsafeInline.test(text.replaceAll('|', ''))) return undefined;
  const pipes: number[] = [];
  for (let index = text.indexOf('|'); index !== -1; index = text.indexOf('|', index + 1)) pipes.push(index);
  if (pipes.length < 2) return undefined;
  const cells: TableCell[] = [];
  for (let cell = 0; cell < pipes.length - 1; cell++) {
    const from = pipes[cell] as number;
    const to = pipes[cell + 1] as number;
    const inner = text.slice(from + 1, to);
    const contentStart = from + 1 + (inner.length - inner.trimStart().length);
    const contentEnd = to - (inner.length - inner.trimEnd().length);
    const end = cell === pipes.length - 2 ? text.length : to;
    const children: PhrasingContent[] =
      contentEnd > contentStart ? [{ type: 'text', value: text.slice(contentStart, contentEnd), position: span(line, line.start + contentStart, line, line.start + contentEnd) }] : [];
    cells.push({ type: 'tableCell', children, position: span(line, line.start + from, line, line.start + end) });
  }
  return { type: 'tableRow', children: cells, position: span(line, line.start, line, line.end) };
}
