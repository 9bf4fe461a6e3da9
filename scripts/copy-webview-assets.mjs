// Copies the browser build of @dagrejs/dagre (it defines the global `dagre`)
// and its licence into client/media/, where the plan-preview webview loads it
// (client/src/preview-html.ts): the webview loads nothing from the network.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const targetDir = join(root, 'client', 'media');
mkdirSync(targetDir, { recursive: true });

const dagre = dirname(require.resolve('@dagrejs/dagre/package.json'));
const copies = [
  [join(dagre, 'dist', 'dagre.min.js'), 'dagre.min.js'],
  [join(dagre, 'LICENSE'), 'dagre.LICENSE.txt'],
];
for (const [source, name] of copies) {
  copyFileSync(source, join(targetDir, name));
}
