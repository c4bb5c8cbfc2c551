// hub-controller process: `npm run hub-controller`. Prints `ready <ops-url>` once serving.
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { KubeConfig } from '@kubernetes/client-node';
import { kubeConfigFromYaml } from '@trellis/kube';
import { redactRedisUrl, redisConnectionOptions } from '@trellis/queue';
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { ConfigError, loadConfig } from './config.ts';
import { ControllerManager } from './controller-manager.ts';
import { startOpsServer } from './ops-server.ts';

function managementKubeConfig(path: string | undefined, context: string | undefined): KubeConfig {
  if (path !== undefined) return kubeConfigFromYaml(readFileSync(path, 'utf8'), context);
  const kc = new KubeConfig();
  kc.loadFromDefault(); // in-cluster service account when running as a pod
  if (context !== undefined) kc.setCurrentContext(context);
  return kc;
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`hub-controller: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const logger = pino({
    level: config.logLevel,
    name: 'hub-controller',
    redact: ['*.secretAccessKey', '*.sessionToken', '*.token'],
  });
  const manager = new ControllerManager({
    settings: {
      hubId: config.hubId,
      region: config.region,
      ...(config.awsEndpoint ? { awsEndpoint: config.awsEndpoint } : {}),
      ...(config.dataPlaneProxyUrl ? { dataPlaneProxyUrl: config.dataPlaneProxyUrl } : {}),
      resyncIntervalMs: config.resyncIntervalMs,
      pollIntervalMs: config.pollIntervalMs,
      ...(config.unreachableGracePeriodMs !== undefined
        ? { unreachableGracePeriodMs: config.unreachableGracePeriodMs }
        : {}),
    },
    kubeConfig: managementKubeConfig(config.kubeconfigPath, config.kubeContext),
    redis: redisConnectionOptions(config.redisUrl),
    baseCredentials: defaultProvider(),
    leaseNamespace: config.leaseNamespace,
    leaseDurationMs: config.leaseDurationMs,
    installCrds: config.installCrds,
    logger,
  });
  await manager.start();
  const ops = await startOpsServer({
    port: config.metricsPort,
    host: config.metricsHost,
    registry: manager.registry,
    ready: () => true,
  });
  logger.info(
    { hubId: config.hubId, redis: redactRedisUrl(config.redisUrl), ops: ops.url },
    'hub-controller started',
  );

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight reconciles');
    Promise.all([manager.stop(), ops.close()])
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // Handlers first: a parent may signal as soon as it reads the ready line.
  console.log(`ready ${ops.url}`);
}

await main();
