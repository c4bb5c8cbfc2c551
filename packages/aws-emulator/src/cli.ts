// aws-emulator CLI: `npm run aws-emulator -- --port 0 [--seed <file>] [--kube <url|kubeconfig>]
// [--data-plane-port <n>]`. Prints exactly one line on stdout, `ready <endpoint>`, once listening;
// the data plane's URL (`data-plane <url>`) and logs go to stderr; SIGTERM/SIGINT stop it cleanly.
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { resolveKubeBacking } from './eks/kube-backing.ts';
import { startAwsEmulator } from './index.ts';

const USAGE = `usage: aws-emulator [--port <n>] [--host <ip>] [--seed <file.yaml|json>]
                    [--kube <kube-emulator URL | kubeconfig path>] [--kube-ca <pem file>]
                    [--data-plane-port <n>] [--log-level silent|error|warn|info|debug]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string' },
      kube: { type: 'string' },
      'kube-ca': { type: 'string' },
      'data-plane-port': { type: 'string' },
      'log-level': { type: 'string', default: 'warn' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = parsePort('--port', values.port);
  const dataPlanePort = values['data-plane-port'];
  const dataPlane = dataPlanePort === undefined ? undefined : { port: parsePort('--data-plane-port', dataPlanePort) };
  const logger = pino({ level: values['log-level'], name: 'aws-emulator' }, pino.destination(2));
  const kube = values.kube === undefined ? undefined : await resolveKubeBacking(values.kube, values['kube-ca']);
  const emulator = await startAwsEmulator({ port, host: values.host, seed: values.seed, kube, logger, dataPlane });

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    emulator.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // Handlers first: a parent may signal as soon as it reads the ready line.
  // stdout carries only the ready line (callers wait for it); the data plane's URL goes to stderr
  if (emulator.proxy) process.stderr.write(`data-plane ${emulator.proxy.url}\n`);
  process.stdout.write(`ready ${emulator.endpoint}\n`);
}

function parsePort(flag: string, value: string): number {
  const port = Number(value);
  if (value.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`${flag} must be 0..65535, got ${value}`);
  return port;
}

class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`aws-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) process.stderr.write(`${USAGE}\n`);
  process.exit(1);
});
