// `npm test`: make the real kubectl/helm available, run every workspace's tests through turbo,
// then print one summary line over all of them ("tests: N passed, N failed, N skipped"), which
// CI reads. Each package's vitest writes a JSON report into .test-results/ (see vitest.shared.ts).
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureKubeTools, repoRoot } from '@trellis/testkit';

const root = repoRoot();
const resultsDir = join(root, '.test-results');
await rm(resultsDir, { recursive: true, force: true });
await mkdir(resultsDir, { recursive: true });

const tools = await ensureKubeTools();
const env = {
  ...process.env,
  KUBECTL: tools.kubectl,
  HELM: tools.helm,
  TRELLIS_TEST_RESULTS: resultsDir,
};

const turboArgs = ['run', 'test', '--concurrency=1', '--continue', ...process.argv.slice(2)];
const exitCode = await new Promise<number>((resolve) => {
  const child = spawn(join(root, 'node_modules', '.bin', 'turbo'), turboArgs, {
    stdio: 'inherit',
    env,
  });
  child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
});

interface VitestJsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

let passed = 0;
let failed = 0;
let skipped = 0;
const packages: string[] = [];
for (const file of (await readdir(resultsDir)).filter((f) => f.endsWith('.json')).sort()) {
  const report = JSON.parse(await readFile(join(resultsDir, file), 'utf8')) as VitestJsonReport;
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  packages.push(`${file.replace(/\.json$/, '')} ${report.numPassedTests}/${report.numFailedTests}`);
}
console.log(`\npackages (passed/failed): ${packages.join(', ')}`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(exitCode !== 0 ? exitCode : failed > 0 ? 1 : 0);
