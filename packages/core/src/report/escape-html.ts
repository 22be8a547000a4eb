/**
 * The one escape function for text that goes into the HTML report — element content, attribute
 * values (always double-quoted) and SVG text alike. Plan text is never trusted: a title such as
 * `"><img src=x onerror=alert(1)>` or `</style><script>` must come out as visible text.
 */

const replacements: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes `&`, `<`, `>`, `"` and `'`, and drops characters that are not allowed in HTML text at all
 * (C0 controls other than tab/newline/carriage return, and lone surrogates), so the output is always
 * well-formed.
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[&<>"']/g, (character) => replacements[character] ?? character);
}
