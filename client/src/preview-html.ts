// The HTML of the plan-preview webview. A pure function with no `vscode`
// import, so the headless-browser test (test/src/webview.test.ts) serves the
// very page the extension shows.
//
// The page is a static shell: everything inside <main id="app"> is drawn by
// the page script (client/media/preview.js, from client/webview/preview.ts),
// laid out with dagre (client/media/dagre.min.js). Nothing is loaded from the
// network and the Content-Security-Policy allows only the extension's own
// resources (`cspSource`) and the scripts carrying the nonce; the page uses
// no inline styles or scripts (the script sets SVG attributes and classes).

import { randomBytes } from 'node:crypto';

/** The files of client/media/ the page needs, in the order they must load. */
export const PREVIEW_SCRIPTS = ['dagre.min.js', 'preview.js'] as const;
/** The page's stylesheet in client/media/. */
export const PREVIEW_STYLE = 'preview.css';

export interface PreviewHtmlOptions {
  /** Webview URIs of the scripts, in load order: dagre first, then the page script (see PREVIEW_SCRIPTS). */
  readonly scriptUris: readonly string[];
  /** Webview URI of client/media/preview.css. */
  readonly styleUri: string;
  /** `webview.cspSource`: the origin the webview loads extension resources from. */
  readonly cspSource: string;
  /** A fresh random nonce per page load (letters, digits, `+/=_-`). */
  readonly nonce: string;
  /** The document title. */
  readonly title: string;
}

const NONCE = /^[A-Za-z0-9+/=_-]{8,}$/;

/** A fresh nonce for one page load (24 base64url characters). */
export function newNonce(): string {
  return randomBytes(18).toString('base64url');
}

/** The Content-Security-Policy of the page. */
export function previewCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
  ].join('; ');
}

/** The complete HTML of the plan preview page. */
export function previewHtml(opts: PreviewHtmlOptions): string {
  if (!NONCE.test(opts.nonce)) {
    throw new Error('previewHtml: the nonce must be at least 8 characters of [A-Za-z0-9+/=_-]');
  }
  // VS Code's cspSource is a source list (1.100: `'self' https://*.vscode-cdn.net`): spaces and quoted
  // keywords are fine; only what could end the directive or the attribute is refused.
  if (/[;,"\r\n]/.test(opts.cspSource)) {
    throw new Error('previewHtml: cspSource must be a CSP source list');
  }
  const scripts = opts.scriptUris
    .map((uri) => `  <script nonce="${escapeHtml(opts.nonce)}" src="${escapeHtml(uri)}"></script>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeHtml(previewCsp(opts.cspSource, opts.nonce))}">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="${escapeHtml(opts.styleUri)}">
  <title>${escapeHtml(opts.title)}</title>
</head>
<body>
  <main id="app" aria-live="polite">
    <p class="empty-state">Waiting for a plan…</p>
  </main>
${scripts}
</body>
</html>
`;
}

/** Escapes text for HTML text content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
