// `npm run sandbox` starts the demo and waits; `npm run sandbox -- --check` runs the walk-through
// as assertions and exits 0 or 1.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '@trellis/testkit';
import pino from 'pino';
import { startSandbox } from './sandbox.ts';
import { instructions, walkThrough } from './walkthrough.ts';

const { values } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    'state-dir': { type: 'string', default: join(repoRoot(), '.sandbox') },
    'api-port': { type: 'string', default: '0' },
  },
});

const logger = pino({ level: values.verbose ? 'info' : 'warn' }, pino.destination(2));
const say = (line: string) => process.stdout.write(`${line}\n`);

say(
  'starting: Kubernetes emulator (mgmt, blue, green, client), AWS emulator, Redis, hub-controller, hub-api…',
);
const sandbox = await startSandbox({
  stateDir: values['state-dir'],
  logger,
  apiPort: Number(values['api-port']),
});
say(`ready ${sandbox.apiUrl}`);

// --check also runs the demo migration; interactively it is yours to start (printed below)
const results = await walkThrough(
  sandbox,
  (step) => say(`  ${step.ok ? '✓' : '✗'} ${step.name}${step.detail ? ` — ${step.detail}` : ''}`),
  { migrate: values.check === true },
);
const failed = results.filter((r) => !r.ok).length;

if (values.check) {
  say(`sandbox check: ${results.length - failed} passed, ${failed} failed`);
  await sandbox.stop();
  process.exit(failed === 0 ? 0 : 1);
}

say(instructions(sandbox));
let stopping = false;
const shutdown = () => {
  if (stopping) return;
  stopping = true;
  say('\nstopping…');
  sandbox.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
