// hub-api process: KUBECONFIG (+ TRELLIS_KUBE_CONTEXT) for the management cluster (unset:
// ~/.kube/config, or the pod's ServiceAccount in a cluster), the admin
// token from TRELLIS_ADMIN_TOKEN or TRELLIS_ADMIN_TOKEN_FILE (a mounted Secret), PORT (0 = any
// free port) and HOST. Optional: REDIS_URL (the hub-controller's Redis) turns on the queue board
// at /admin/queues, with TRELLIS_HUB_ID (the queue prefix `trellis:<hubId>`, the same value as the
// hub-controller's), TRELLIS_QUEUE_BOARD_QUEUES (comma-separated names; default: discovered),
// TRELLIS_QUEUE_BOARD_READ_ONLY (default true) and TRELLIS_QUEUE_BOARD_SESSION_SECONDS. Prints
// exactly one line `ready <url>` on stdout once listening; logs go to stderr. SIGTERM/SIGINT
// close gracefully.
import { readFileSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import { kubeConfigFromYaml } from '@trellis/kube';
import pino from 'pino';
import { createHubApi } from './hub-api.ts';
import { queueBoardFromEnv } from './queue-board/board-config.ts';

function adminTokenFromEnv(): string {
  const direct = process.env.TRELLIS_ADMIN_TOKEN;
  if (direct !== undefined && direct !== '') return direct.trim();
  const file = process.env.TRELLIS_ADMIN_TOKEN_FILE;
  if (file !== undefined && file !== '') return readFileSync(file, 'utf8').trim();
  throw new Error('set TRELLIS_ADMIN_TOKEN or TRELLIS_ADMIN_TOKEN_FILE');
}

function managementKubeConfig(): KubeConfig {
  const path = process.env.KUBECONFIG?.split(':')[0];
  const context = process.env.TRELLIS_KUBE_CONTEXT || undefined;
  if (path !== undefined && path !== '') {
    return kubeConfigFromYaml(readFileSync(path, 'utf8'), context);
  }
  const kc = new KubeConfig();
  kc.loadFromDefault(); // ~/.kube/config, else the in-cluster ServiceAccount
  if (context !== undefined) kc.setCurrentContext(context);
  return kc;
}

async function main(): Promise<void> {
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(2));
  const app = await createHubApi({
    kubeConfig: managementKubeConfig(),
    adminToken: adminTokenFromEnv(),
    logger,
    queueBoard: queueBoardFromEnv(process.env),
  });
  const port = Number(process.env.PORT ?? '8080');
  const host = process.env.HOST ?? '127.0.0.1';
  const address = await app.listen({ port, host });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // Handlers first: a parent may signal as soon as it reads the ready line.
  process.stdout.write(`ready ${address}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`hub-api: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
