import assert from 'node:assert/strict';
import { messagePage, reportContentSecurityPolicy, themedReport } from '../../packages/vscode-ext/src/report-page.js';

const policy = reportContentSecurityPolicy('https://*.vscode-cdn.net', 'n0nce');
const theme = 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/media/report-theme.css';

describe('coverage report webview page', () => {
  it('allows only the webview source and the style nonce, and data: images', () => {
    assert.equal(policy, "default-src 'none'; style-src https://*.vscode-cdn.net 'nonce-n0nce'; img-src data:");
  });

  it("links the theme stylesheet after the report's own stylesheet, so the theme colours win", () => {
    const html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="${policy}"><style nonce="n0nce">body{}</style></head><body></body></html>`;
    const page = themedReport(html, policy, theme);
    assert.ok(page.indexOf('<link rel="stylesheet"') > page.indexOf('<style nonce'));
    assert.ok(page.indexOf('<link rel="stylesheet"') < page.indexOf('</head>'));
    assert.equal(page.match(/Content-Security-Policy/g)?.length, 1, 'the server policy is kept, not doubled');
  });

  it('adds the policy when the server page has none, so the page can never load more than allowed', () => {
    const page = themedReport('<html><head><title>r</title></head><body></body></html>', policy, theme);
    assert.match(page, /<head>\n<meta http-equiv="Content-Security-Policy" content="default-src 'none'; [^"]+">/);
  });

  it('escapes the message and the stylesheet address of a page without report', () => {
    const page = messagePage('<script>alert(1)</script> & more', policy, 'x" onload="y');
    assert.ok(!page.includes('<script>'));
    assert.match(page, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; more/);
    assert.match(page, /href="x&quot; onload=&quot;y"/);
  });
});
