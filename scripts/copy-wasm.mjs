// Copies the two tree-sitter wasm binaries from their npm packages into wasm/,
// where the server and the CLI load them at run time (no network, no node_modules
// lookup in the packaged extension).
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const targetDir = join(root, 'wasm');
mkdirSync(targetDir, { recursive: true });

const sources = [
  join(dirname(require.resolve('tree-sitter-python/package.json')), 'tree-sitter-python.wasm'),
  require.resolve('web-tree-sitter/web-tree-sitter.wasm'),
];
for (const source of sources) {
  const target = join(targetDir, source.split(/[\\/]/).pop());
  copyFileSync(source, target);
}
