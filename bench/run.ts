// `npm run bench -- <name> [args…]`: run one benchmark (they print figures; nothing asserts).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const benchmarks: Record<string, string> = {
  'kube-emulator': join(here, 'kube-emulator', 'memory.ts'),
  mcs: join(here, 'mcs', 'propagation.ts'),
  migrations: join(here, 'migrations', 'lateness.ts'),
};

const [name, ...args] = process.argv.slice(2);
const script = name === undefined ? undefined : benchmarks[name];
if (script === undefined || !existsSync(script)) {
  const dirs = readdirSync(here, { withFileTypes: true }).filter(
    (d) => d.isDirectory() && d.name !== 'node_modules',
  );
  console.error(`usage: npm run bench -- <${Object.keys(benchmarks).join('|')}> [args]`);
  console.error(`benchmark folders: ${dirs.map((d) => d.name).join(', ')}`);
  process.exit(2);
}
const child = spawn(process.execPath, ['--expose-gc', script, ...args], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
