// Entry point that VS Code's extension host calls (extensionTestsPath): runs
// the *.test.js files beside it with mocha.

import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: true, timeout: 60_000, reporter: 'spec' });
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    let passes = 0;
    const runner = mocha.run((failures) => {
      const result = JSON.stringify({ passes, failures });
      // One line a driver can wait for where the exit code is not seen
      // (scripts/e2e-code-server.mjs reads it from the browser console) ...
      console.log(`plue-suite-result ${result}`);
      // ... and a file the runner checks: the suite ran, not only VS Code exited 0.
      if (process.env.PLUE_TEST_RESULT_FILE) fs.writeFileSync(process.env.PLUE_TEST_RESULT_FILE, result);
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
    // Plain result lines, for drivers that see only the console.
    runner.on('pass', (test) => {
      passes += 1;
      console.log(`plue-suite: ✔ ${test.fullTitle()}`);
    });
    runner.on('fail', (test, error: Error) => console.log(`plue-suite: ✘ ${test.fullTitle()}: ${error.message}`));
  });
}
