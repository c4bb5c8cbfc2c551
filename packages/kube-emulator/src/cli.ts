// kube-emulator CLI: `npm run kube-emulator -- --clusters alpha,beta --port 0 --kubeconfig kc.yaml`
// Prints exactly one line, `ready <base-url>`, on stdout; logs go to stderr.
import { parseArgs } from 'node:util';
import { startKubeEmulator } from './emulator.ts';
import type { LogLevel } from './logger.ts';

const USAGE = `usage: kube-emulator --clusters a,b,c [--port 0] [--host 127.0.0.1] [--kubeconfig FILE] [--http] [--log-level warn]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      clusters: { type: 'string', default: 'default' },
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      kubeconfig: { type: 'string' },
      http: { type: 'boolean', default: false },
      'log-level': { type: 'string', default: 'warn' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const clusters = values.clusters.split(',').map((s) => s.trim()).filter(Boolean);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port ${values.port}`);
  const emulator = await startKubeEmulator({
    clusters,
    port,
    host: values.host,
    tls: !values.http,
    ...(values.kubeconfig ? { kubeconfigPath: values.kubeconfig } : {}),
    logLevel: values['log-level'] as LogLevel,
  });
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    emulator.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`kube-emulator: stop failed: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  // Handlers first: a parent may signal as soon as it reads the ready line.
  process.stdout.write(`ready ${emulator.baseUrl}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`kube-emulator: ${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
  process.exit(1);
});
