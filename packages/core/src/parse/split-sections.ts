/**
 * Cheap pre-split of a Markdown document into sections, one per ATX heading, without parsing it.
 * Each section is then parsed and cached on its own (see section-cache.ts), so an edit re-parses
 * only the section it touches. Front matter and fenced code are skipped over, because a `#` there
 * is not a heading. Anything the split gets wrong is still parsed correctly inside its section
 * (setext headings, for one, are found by the section parser); only the cache granularity suffers.
 */

export interface SectionSlice {
  /** The section's text, including its trailing newline. */
  text: string;
  /** 0-based line of the section's first line in the document. */
  startLine: number;
  /** Number of lines in `text` (a final line without newline counts). */
  lineCount: number;
}

const atxHeading = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const fenceOpen = /^ {0,3}(`{3,}|~{3,})/;

export function splitSections(text: string): SectionSlice[] {
  const sections: SectionSlice[] = [];
  let sectionStart = 0;
  let sectionStartLine = 0;
  let line = 0;
  let offset = 0;
  let fence: string | undefined;
  let inFrontMatter = text.startsWith('---\n') || text.startsWith('---\r\n');

  while (offset < text.length) {
    const newline = text.indexOf('\n', offset);
    const end = newline === -1 ? text.length : newline + 1;
    const content = text.slice(offset, newline === -1 ? text.length : newline).replace(/\r$/, '');
    if (inFrontMatter) {
      if (line > 0 && (content === '---' || content === '...')) inFrontMatter = false;
    } else if (fence !== undefined) {
      const close = fenceOpen.exec(content);
      if (close?.[1] && close[1][0] === fence[0] && close[1].length >= fence.length && content.trim() === close[1]) fence = undefined;
    } else {
      const open = fenceOpen.exec(content);
      if (open?.[1] && !(open[1][0] === '`' && content.slice(open[0].length).includes('`'))) {
        fence = open[1];
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
  return sections;
}
