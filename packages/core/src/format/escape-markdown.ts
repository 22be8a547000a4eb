/**
 * The one escaping of plan text for GitHub-flavoured Markdown output (check --format markdown,
 * report --format markdown, soa --format markdown). Plan text is untrusted: it must stay literal
 * text — no table breaks, no HTML, no links, no mentions — whatever it contains.
 */

/** Escapes `text` so GitHub renders it exactly as written, on one line, inside or outside a table cell. */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/\r\n?|\n/g, ' ')
      // Brackets are escaped, so `(` and `!` can never start a link or an image and stay readable.
      .replace(/[\\`*_[\]<>|~]/g, '\\$&')
      // Only an entity-shaped `&` needs escaping (`&lt;` must stay text); `C&C` is left as written.
      .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
      // A zero-width space keeps the text but stops GitHub from making a mention, an issue link
      // or an auto-link out of `@team`, `#12`, `www.` or `https:`.
      .replace(/@/g, '@\u200B')
      .replace(/#(?=\d)/g, '#\u200B')
      .replace(/\b(www)\./gi, '$1\u200B.')
      .replace(/\b(https?):/gi, '$1\u200B:')
  );
}

/** A code span that holds any text: fenced with more backticks than it contains, pipes escaped for tables. */
export function markdownCode(value: string): string {
  const clean = value.replace(/\r\n?|\n/g, ' ');
  const longestRun = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const padded = clean.startsWith('`') || clean.endsWith('`') ? ` ${clean} ` : clean;
  return `${fence}${padded}${fence}`.replace(/\|/g, '\\|');
}
