// Packages the extension as plue-workflows-<version>.vsix with @vscode/vsce
// (`npm run package`, which builds first). The production dependencies come
// from node_modules as they are (no bundler); .vscodeignore leaves out the
// sources, tests, tooling and tree-sitter-python's C sources (the build copies
// its grammar to wasm/). Before packaging, the file list is checked: what the
// extension needs at run time must be there, tests and devDependencies must not.
//
//   node scripts/package-vsix.mjs [--out FILE.vsix]
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const vsce = require('@vscode/vsce');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const outIndex = process.argv.indexOf('--out');
const packagePath =
  outIndex > 0 && process.argv[outIndex + 1]
    ? resolve(process.argv[outIndex + 1])
    : join(root, `${manifest.name}-${manifest.version}.vsix`);

function fail(message) {
  console.error(`package-vsix: ${message}`);
  process.exit(1);
}

for (const built of ['client/out/extension.js', 'server/out/lsp/server.js', 'wasm/tree-sitter-python.wasm']) {
  if (!existsSync(join(root, built))) fail(`${built} is missing; run \`npm run build\` first`);
}

const files = await vsce.listFiles({ cwd: root, packageManager: 'npm' });
const has = (path) => files.includes(path);
const required = [
  'package.json',
  'README.md',
  'LICENSE',
  'client/out/extension.js',
  'server/out/lsp/server.js',
  'wasm/tree-sitter-python.wasm',
  'wasm/web-tree-sitter.wasm',
  // The webview's scripts, styles and dagre's browser build.
  ...(existsSync(join(root, 'client/media')) ? readdirSync(join(root, 'client/media')).map((f) => `client/media/${f}`) : []),
  'syntaxes/prompt-md.tmLanguage.json',
  'syntaxes/plue-placeholder.injection.json',
];
// Needed only as files the build copies: tree-sitter-python's grammar to wasm/,
// dagre's browser build to client/media/.
const copiedByTheBuild = ['tree-sitter-python', '@dagrejs/dagre'];
for (const dependency of Object.keys(manifest.dependencies ?? {})) {
  if (!copiedByTheBuild.includes(dependency)) required.push(`node_modules/${dependency}/package.json`);
}
const missing = required.filter((path) => !has(path));
if (missing.length > 0) fail(`the package would lack ${missing.join(', ')}`);

// devDependencies that are not also reached from a production dependency.
const production = new Set(
  execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes('node_modules'))
    .map((line) => line.slice(line.lastIndexOf('node_modules') + 'node_modules/'.length)),
);
const devDependencies = Object.keys(manifest.devDependencies ?? {}).filter((d) => !production.has(d));
const forbidden = files.filter(
  (f) =>
    /^(test|scripts|bench|examples|\.ci|\.vscode)\//.test(f) ||
    /^(client|server)\/src\//.test(f) ||
    /^client\/webview\//.test(f) ||
    devDependencies.some((d) => f.startsWith(`node_modules/${d}/`)) ||
    f.startsWith('node_modules/tree-sitter-python/'),
);
if (forbidden.length > 0) fail(`the package would contain ${forbidden.slice(0, 10).join(', ')}${forbidden.length > 10 ? ', ...' : ''}`);

// No repository is published yet, so there is no URL to make README links
// absolute with: they stay relative (docs/ is packaged, so they resolve in the
// extension's details page) and vsce is told the repository is missing.
await vsce.createVSIX({
  cwd: root,
  packagePath,
  dependencies: true,
  allowMissingRepository: true,
  rewriteRelativeLinks: false,
});

const size = statSync(packagePath).size;
console.log(`package-vsix: ${relative(process.cwd(), packagePath) || packagePath} (${files.length} files, ${(size / 1024).toFixed(0)} KiB)`);
