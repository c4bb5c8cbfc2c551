// The hub as its users run it: hub-controller and hub-api as OS processes of their own, started
// with the Node binary running the tests (Node 24) and configured by environment only, so a test
// can SIGKILL the controller mid-flight and start it again.
import { join } from 'node:path';
import { repoRoot, startReadyProcess, type ReadyProcess } from '@trellis/testkit';

/** Lines a process wrote (stdout and stderr), the last `limit` kept, for failure diagnostics. */
class LogTail {
  private readonly lines: string[] = [];
  private readonly limit: number;
  private readonly echo: string | undefined;

  constructor(limit: number, echo: string | undefined) {
    this.limit = limit;
    this.echo = echo;
  }

  attach(child: ReadyProcess['child']): void {
    let partial = '';
    const take = (chunk: Buffer) => {
      const text = partial + chunk.toString();
      const lines = text.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (this.echo !== undefined) process.stderr.write(`[${this.echo}] ${line}\n`);
        this.lines.push(line);
      }
      if (this.lines.length > this.limit) this.lines.splice(0, this.lines.length - this.limit);
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
  }

  tail(count: number): string[] {
    return this.lines.slice(-count);
  }
}

/** The environment of a hub process: the parent's, minus anything that would configure it. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(AWS_|TRELLIS_|VITEST|KUBECONFIG$|REDIS_URL$|NODE_OPTIONS$|LOG_LEVEL$)/.test(key))
      continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

const echoLogs = process.env.TRELLIS_E2E_LOG === '1';

export interface HubControllerOptions {
  kubeconfigPath: string;
  kubeContext: string;
  redisUrl: string;
  awsEndpoint: string;
  region: string;
  hubId: string;
  /** the hub's own AWS access key (the default credential chain reads it from the environment) */
  accessKey: { accessKeyId: string; secretAccessKey: string };
  /** Lease duration: how long a restarted controller waits for a SIGKILLed one's Lease */
  leaseSeconds?: number;
  resyncSeconds?: number;
  /** the emulator's Lattice data plane, for the migration gate's HTTP probe */
  dataPlaneProxyUrl?: string;
}

/** `node services/hub-controller/src/main.ts`, restartable. */
export class HubControllerProcess {
  private readonly options: HubControllerOptions;
  private current: ReadyProcess | undefined;
  private readonly logs = new LogTail(400, echoLogs ? 'hub-controller' : undefined);
  /** how many times a process was started */
  starts = 0;

  constructor(options: HubControllerOptions) {
    this.options = options;
  }

  get pid(): number | undefined {
    return this.current?.child.pid;
  }

  async start(): Promise<void> {
    if (this.current !== undefined && this.running()) throw new Error('already running');
    const o = this.options;
    this.current = await startReadyProcess(
      process.execPath,
      [join(repoRoot(), 'services', 'hub-controller', 'src', 'main.ts')],
      {
        cwd: repoRoot(),
        env: childEnv({
          KUBECONFIG: o.kubeconfigPath,
          TRELLIS_KUBE_CONTEXT: o.kubeContext,
          REDIS_URL: o.redisUrl,
          TRELLIS_AWS_ENDPOINT: o.awsEndpoint,
          AWS_REGION: o.region,
          AWS_ACCESS_KEY_ID: o.accessKey.accessKeyId,
          AWS_SECRET_ACCESS_KEY: o.accessKey.secretAccessKey,
          AWS_EC2_METADATA_DISABLED: 'true',
          TRELLIS_HUB_ID: o.hubId,
          TRELLIS_LEASE_DURATION_SECONDS: String(o.leaseSeconds ?? 3),
          TRELLIS_RESYNC_SECONDS: String(o.resyncSeconds ?? 2),
          TRELLIS_POLL_MS: '200',
          TRELLIS_METRICS_PORT: '0',
          ...(o.dataPlaneProxyUrl !== undefined
            ? { TRELLIS_DATA_PLANE_PROXY_URL: o.dataPlaneProxyUrl }
            : {}),
          LOG_LEVEL: process.env.TRELLIS_E2E_LOG_LEVEL ?? 'info',
        }),
      },
    );
    this.starts += 1;
    this.logs.attach(this.current.child);
  }

  running(): boolean {
    const child = this.current?.child;
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  }

  /** SIGKILL: no shutdown handler runs, the Lease is not released, jobs stay where they were. */
  async kill(): Promise<void> {
    const child = this.current?.child;
    if (child === undefined || !this.running()) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  /** SIGTERM (graceful), SIGKILL after 10 s. */
  async stop(): Promise<void> {
    await this.current?.stop(10_000);
  }

  logTail(count = 60): string[] {
    return this.logs.tail(count);
  }
}

export interface HubApiOptions {
  kubeconfigPath: string;
  kubeContext: string;
  adminToken: string;
}

export interface HubApiProcess {
  url: string;
  stop(): Promise<void>;
  logTail(count?: number): string[];
}

/** `node services/hub-api/src/main.ts` on a free port. */
export async function startHubApi(options: HubApiOptions): Promise<HubApiProcess> {
  const logs = new LogTail(200, echoLogs ? 'hub-api' : undefined);
  const process_ = await startReadyProcess(
    process.execPath,
    [join(repoRoot(), 'services', 'hub-api', 'src', 'main.ts')],
    {
      cwd: repoRoot(),
      env: childEnv({
        KUBECONFIG: options.kubeconfigPath,
        TRELLIS_KUBE_CONTEXT: options.kubeContext,
        TRELLIS_ADMIN_TOKEN: options.adminToken,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: process.env.TRELLIS_E2E_LOG_LEVEL ?? 'warn',
      }),
    },
  );
  logs.attach(process_.child);
  return {
    url: process_.url,
    stop: async () => {
      await process_.stop(5_000);
    },
    logTail: (count = 40) => logs.tail(count),
  };
}
