/**
 * Assembles the HTML of the coverage report webview from the server's report page. Kept free of the
 * `vscode` module so the tests can check it directly: it is where the page's security policy is
 * guaranteed.
 */

/** The webview's policy: nothing runs or loads except the report's style (by nonce) and the theme stylesheet. */
export function reportContentSecurityPolicy(webviewCspSource: string, styleNonce: string): string {
  return `default-src 'none'; style-src ${webviewCspSource} 'nonce-${styleNonce}'; img-src data:`;
}

/**
 * Adds the theme stylesheet after the report's own, so its colour variables win. The policy meta tag
 * is the server's job; it is added here only if missing, so a server bug can never open the page up.
 */
export function themedReport(html: string, policy: string, themeStylesheet: string): string {
  const link = `<link rel="stylesheet" href="${escapeAttribute(themeStylesheet)}">`;
  const meta = `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(policy)}">`;
  let page = /<meta[^>]+http-equiv=["']?Content-Security-Policy/i.test(html)
    ? html
    : /<head[^>]*>/i.test(html)
      ? html.replace(/<head[^>]*>/i, (head) => `${head}\n${meta}`)
      : `${meta}\n${html}`;
  page = /<\/head>/i.test(page) ? page.replace(/<\/head>/i, `${link}\n</head>`) : `${link}\n${page}`;
  return page;
}

/** A page with one sentence, for documents that have no report. */
export function messagePage(message: string, policy: string, themeStylesheet: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(policy)}">
<link rel="stylesheet" href="${escapeAttribute(themeStylesheet)}">
<title>Coverage report</title>
</head>
<body><p class="note">${escapeText(message)}</p></body>
</html>`;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}
