// Runs the extension's scenarios (activation, diagnostics, hover, plan
// preview) inside a desktop VS Code with @vscode/test-electron:
// `npm run test:electron`.
//
// No VS Code build is downloaded. The executable comes from VSCODE_EXECUTABLE
// or from a `code` launcher on PATH that belongs to a desktop install; without
// one the run prints why it is skipped and exits 0. (scripts/e2e-code-server.mjs
// covers the same scenarios in code-server, which runs anywhere.)

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { expectationsFor } from './expectations';

/** The repository root (test/electron/out/run.js -> ../../..). */
const root = path.resolve(__dirname, '..', '..', '..');

/** Why no executable was found, or its path. */
type Found = { executable: string } | { skip: string };

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The Electron executable of a desktop install, from the `code` launcher in
 * its bin/ folder (Linux: <install>/bin/code -> <install>/code; Windows:
 * <install>/bin/code.cmd -> <install>/Code.exe; macOS:
 * Contents/Resources/app/bin/code -> Contents/MacOS/Electron). A launcher
 * that is not in such an install (code-server's, a remote CLI) gives nothing.
 */
function executableOfLauncher(launcher: string): string | undefined {
  const install = path.dirname(path.dirname(fs.realpathSync(launcher)));
  const candidates = [
    path.join(install, 'code'),
    path.join(install, 'code-insiders'),
    path.join(install, 'codium'),
    path.join(install, 'Code.exe'),
    path.join(install, 'Code - Insiders.exe'),
    path.join(install, '..', '..', 'MacOS', 'Electron'),
    path.join(install, '..', '..', 'MacOS', 'Code'),
  ];
  const hasApp = fs.existsSync(path.join(install, 'resources', 'app', 'package.json')) || fs.existsSync(path.join(install, 'package.json'));
  return hasApp ? candidates.find(isFile) : undefined;
}

function findDesktopVSCode(): Found {
  const fromEnv = process.env.VSCODE_EXECUTABLE;
  if (fromEnv) {
    if (!isFile(fromEnv)) throw new Error(`VSCODE_EXECUTABLE=${fromEnv} is not a file`);
    return { executable: fromEnv };
  }
  const launchers = ['code', 'code-insiders', 'codium', 'code.cmd'];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of launchers) {
      const launcher = path.join(dir, name);
      if (!isFile(launcher)) continue;
      const executable = executableOfLauncher(launcher);
      if (executable) return { executable };
    }
  }
  return { skip: 'VSCODE_EXECUTABLE is not set and no `code` launcher of a desktop install is on PATH; set VSCODE_EXECUTABLE to the VS Code executable to run it' };
}

async function main(): Promise<number> {
  const found = findDesktopVSCode();
  if ('skip' in found) {
    console.log(`test:electron skipped: no desktop VS Code build available (${found.skip}).`);
    return 0;
  }
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'plue-electron-'));
  try {
    const workspace = path.join(temp, 'workspace');
    fs.cpSync(path.join(root, 'test', 'electron', 'fixture'), workspace, { recursive: true });
    fs.rmSync(path.join(workspace, 'README.md'), { force: true });
    const expectations = expectationsFor(root, workspace);
    const resultFile = path.join(temp, 'result.json');
    console.log(`test:electron: ${found.executable}`);
    await runTests({
      vscodeExecutablePath: found.executable,
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(__dirname, 'suite', 'index'),
      extensionTestsEnv: {
        PLUE_TEST_WORKSPACE: workspace,
        PLUE_TEST_EXPECTATIONS: JSON.stringify(expectations),
        PLUE_TEST_RESULT_FILE: resultFile,
      },
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${path.join(temp, 'user-data')}`,
        `--extensions-dir=${path.join(temp, 'extensions')}`,
      ],
    });
    const result = fs.existsSync(resultFile) ? (JSON.parse(fs.readFileSync(resultFile, 'utf8')) as { passes: number; failures: number }) : undefined;
    if (!result || result.passes === 0) throw new Error(`VS Code exited but the suite did not run (is ${found.executable} a VS Code executable?)`);
    console.log(`test:electron: ${result.passes} passing, ${result.failures} failing`);
    return result.failures === 0 ? 0 : 1;
  } catch (error) {
    console.error(`test:electron failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
