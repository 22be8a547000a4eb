/**
 * Cheap pre-split of a Markdown document into sections, one per ATX heading, without parsing it.
 * Each section is then parsed and cached on its own (see plan-parser.ts), so an edit re-parses
 * only the section it touches. Front matter and fenced code are skipped over, because a `#` there
 * is not a heading, and so are HTML blocks: a `## OT-1` line inside `<!-- … -->` or right under
 * `<details>` is HTML, not a control. Sections are cut only at unindented ATX headings, where
 * CommonMark closes every open block (lists, quotes, tables, paragraphs), so parsing a section on
 * its own gives the blocks a whole-document parse would give. When in doubt the split does not
 * cut: a larger section is still parsed correctly; only the cache granularity suffers.
 */

export interface SectionSlice {
  /** The section's text, including its trailing newline. */
  text: string;
  /** 0-based line of the section's first line in the document. */
  startLine: number;
  /** Number of lines in `text` (a final line without newline counts). */
  lineCount: number;
}

const atxHeading = /^#{1,6}(?:[ \t]|$)/;
/**
 * HTML block starts (CommonMark §4.6) and the line that ends each: kinds 1–5 run until their end
 * marker, whatever lies between; kinds 6–7 (any other tag) run until a blank line. Kind 7 cannot
 * interrupt a paragraph, but treating it as a block anyway only makes a section larger.
 */
const htmlBlockStarts: readonly [RegExp, RegExp | 'blank'][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
  [/^ {0,3}<\/?[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)/, 'blank'],
];
const fenceOpen = /^ {0,3}(`{3,}|~{3,})/;
/** First characters of the lines that may open or close a heading, a fence or an HTML block, or be blank. */
const significantFirst = new Set([...'#`~< \t\r\n'].map((character) => character.charCodeAt(0)));

export function splitSections(text: string): SectionSlice[] {
  return splitSectionsToEnd(text).sections;
}

/**
 * {@link splitSections}, and whether the text ends in the state it began in — outside front matter,
 * fences and HTML blocks — so that a section boundary (a heading) right after it would be cut.
 * Re-splitting an edited stretch of a document that ends so gives the same sections as splitting
 * the whole document (sectioned-text.ts relies on it).
 */
export function splitSectionsToEnd(text: string): { sections: SectionSlice[]; closed: boolean } {
  const sections: SectionSlice[] = [];
  let sectionStart = 0;
  let sectionStartLine = 0;
  let line = 0;
  let offset = 0;
  let fence: string | undefined;
  /** The end of the HTML block the current line is in, if any. */
  let html: RegExp | 'blank' | undefined;
  let inFrontMatter = text.startsWith('---\n') || text.startsWith('---\r\n');

  while (offset < text.length) {
    const newline = text.indexOf('\n', offset);
    const end = newline === -1 ? text.length : newline + 1;
    // Most lines (list items, table rows, prose) cannot open or close anything the split tracks:
    // skip them without slicing. Inside an HTML block of kinds 1–5 any line may hold the end marker.
    if (!inFrontMatter && (html === undefined || html === 'blank') && !significantFirst.has(text.charCodeAt(offset))) {
      offset = end;
      line++;
      continue;
    }
    const content = text.slice(offset, newline === -1 ? text.length : newline).replace(/\r$/, '');
    if (inFrontMatter) {
      if (line > 0 && (content === '---' || content === '...')) inFrontMatter = false;
    } else if (fence !== undefined) {
      const close = fenceOpen.exec(content);
      if (close?.[1] && close[1][0] === fence[0] && close[1].length >= fence.length && content.trim() === close[1]) fence = undefined;
    } else if (html !== undefined) {
      if (html === 'blank' ? content.trim() === '' : html.test(content)) html = undefined;
    } else {
      const open = fenceOpen.exec(content);
      if (open?.[1] && !(open[1][0] === '`' && content.slice(open[0].length).includes('`'))) {
        fence = open[1];
      } else if (content.includes('<') && (html = htmlBlockEnd(content)) !== undefined) {
        // An HTML block whose end marker is on its first line closes at once (`<!-- note -->`).
        const rest = html === 'blank' ? undefined : html.exec(content.slice(content.indexOf('<') + 2));
        if (rest) html = undefined;
      } else if (atxHeading.test(content) && offset > sectionStart) {
        sections.push({ text: text.slice(sectionStart, offset), startLine: sectionStartLine, lineCount: line - sectionStartLine });
        sectionStart = offset;
        sectionStartLine = line;
      }
    }
    offset = end;
    line++;
  }
  if (sectionStart < text.length || sections.length === 0) {
    sections.push({ text: text.slice(sectionStart), startLine: sectionStartLine, lineCount: Math.max(1, line - sectionStartLine) });
  }
  return { sections, closed: !inFrontMatter && fence === undefined && html === undefined };
}

function htmlBlockEnd(line: string): RegExp | 'blank' | undefined {
  for (const [start, end] of htmlBlockStarts) if (start.test(line)) return end;
  return undefined;
}
