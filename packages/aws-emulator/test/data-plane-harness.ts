// Scenario harness for the Lattice data plane: the real aws-emulator (SDK setup over the wire),
// the data plane next to it with health checks sped up 50×, small node:http servers as "pods"
// that answer their own name, and an HTTP client that talks to the proxy with a service's DNS
// name as Host.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import {
  CreateListenerCommand,
  CreateServiceCommand,
  CreateServiceNetworkCommand,
  CreateServiceNetworkServiceAssociationCommand,
  CreateServiceNetworkVpcAssociationCommand,
  CreateTargetGroupCommand,
  ListTargetsCommand,
  RegisterTargetsCommand,
  VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import type { RuleAction, TargetGroupConfig } from '@aws-sdk/client-vpc-lattice';
import { AdjustableClock, startAwsEmulator } from '../src/index.ts';
import type { AwsEmulator, Seed } from '../src/index.ts';
import { startLatticeDataPlane } from '../src/data-plane/index.ts';
import type { LatticeDataPlane } from '../src/data-plane/index.ts';

export const OWNER = '111111111111';
export const OTHER = '222222222222';
export const REGION = 'us-west-2';
export const VPC_CLIENT = 'vpc-0c0c0c0c0c0c0c0c0';
export const VPC_TARGETS = 'vpc-0d0d0d0d0d0d0d0d0';
export const VPC_OUTSIDE = 'vpc-0e0e0e0e0e0e0e0e0';
export const OWNER_KEY = {
  accessKeyId: 'AKIADATAPLANEOWNER01',
  secretAccessKey: 'data-plane-owner-secret',
};
export const ALLOWED_KEY = {
  accessKeyId: 'AKIADATAPLANEALLOW01',
  secretAccessKey: 'data-plane-allowed-secret',
};
export const DENIED_KEY = {
  accessKeyId: 'AKIADATAPLANEDENIED1',
  secretAccessKey: 'data-plane-denied-secret',
};
export const ALLOWED_ARN = `arn:aws:iam::${OTHER}:user/orders-client`;
export const DENIED_ARN = `arn:aws:iam::${OTHER}:user/stranger`;
/** a role the allowed user may assume; its sessions call services as pods with IRSA would */
export const APP_ROLE_ARN = `arn:aws:iam::${OTHER}:role/orders-app`;

const seed: Seed = {
  accounts: [
    {
      id: OWNER,
      name: 'network',
      rootAccessKeys: [OWNER_KEY],
      vpcs: [{ id: VPC_CLIENT }, { id: VPC_TARGETS }, { id: VPC_OUTSIDE }],
    },
    {
      id: OTHER,
      name: 'clients',
      users: [
        { name: 'orders-client', accessKeys: [ALLOWED_KEY] },
        { name: 'stranger', accessKeys: [DENIED_KEY] },
      ],
      roles: [
        {
          name: 'orders-app',
          trustPolicy: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Principal: { AWS: ALLOWED_ARN }, Action: 'sts:AssumeRole' },
            ],
          },
        },
      ],
    },
  ],
  organizations: [{ id: 'o-dataplane0001', accounts: [OWNER, OTHER], ramSharingEnabled: true }],
};

/** A node:http server standing in for a pod: answers its name, counts what it served. */
export interface Pod {
  name: string;
  port: number;
  /** status the health path answers with; change it to make the pod (un)healthy */
  healthStatus: number;
  /** requests served outside the health path */
  served: number;
  /** health checks answered */
  healthChecks: number;
  lastHeaders?: http.IncomingHttpHeaders;
  lastBody?: string;
  close(): Promise<void>;
}

export const HEALTH_PATH = '/healthz';

export async function startPod(name: string): Promise<Pod> {
  const pod: Pod = {
    name,
    port: 0,
    healthStatus: 200,
    served: 0,
    healthChecks: 0,
    close: () => Promise.resolve(),
  };
  const server = http.createServer((req, res) => {
    if (req.url === HEALTH_PATH) {
      pod.healthChecks += 1;
      req.resume();
      res.writeHead(pod.healthStatus).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      pod.served += 1;
      pod.lastHeaders = req.headers;
      pod.lastBody = Buffer.concat(chunks).toString('utf8');
      res.writeHead(200, { 'content-type': 'text/plain', 'x-pod': name }).end(name);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  pod.port = (server.address() as AddressInfo).port;
  pod.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return pod;
}

export interface ProxyAnswer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

export interface World {
  aws: AwsEmulator;
  dp: LatticeDataPlane;
  lattice: VPCLatticeClient;
  pods: Pod[];
  pod(name: string): Promise<Pod>;
  /** a service network, with VPC_CLIENT associated unless associateVpc is false (a VPC joins one network) */
  serviceNetwork(
    name: string,
    options?: { authType?: 'NONE' | 'AWS_IAM'; associateVpc?: boolean },
  ): Promise<{ id: string; arn: string }>;
  /** a service associated with the network; returns its DNS name */
  service(
    name: string,
    networkId: string,
    authType?: 'NONE' | 'AWS_IAM',
  ): Promise<{ id: string; arn: string; dnsName: string }>;
  /** an IP target group on VPC_TARGETS with fast health checks on HEALTH_PATH, pods registered */
  targetGroup(
    name: string,
    pods: Pod[],
    config?: Partial<TargetGroupConfig>,
  ): Promise<{ id: string; arn: string }>;
  listener(
    serviceId: string,
    defaultAction: RuleAction,
    port?: number,
  ): Promise<{ id: string; arn: string }>;
  /** ListTargets until every target has the status, or throw after `timeoutMs` */
  waitForTargets(targetGroupId: string, status: string, timeoutMs?: number): Promise<void>;
  send(
    host: string,
    path?: string,
    init?: { method?: string; headers?: Record<string, string>; body?: string },
  ): Promise<ProxyAnswer>;
  /** `count` GETs with at most `concurrency` in flight; answers in order */
  sendMany(host: string, count: number, concurrency?: number): Promise<ProxyAnswer[]>;
  /** SigV4 headers for `vpc-lattice-svcs`, as a Lattice client signs (UNSIGNED-PAYLOAD unless a body is given) */
  sign(
    key: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
    host: string,
    path: string,
    init?: { method?: string; body?: string },
  ): Promise<Record<string, string>>;
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const clock = new AdjustableClock();
  const aws = await startAwsEmulator({ seed, clock });
  aws.faults.consistencyDelay({ service: 'vpc-lattice', delayMs: 0 });
  const dp = await startLatticeDataPlane({
    view: aws.lattice.dataPlane,
    identity: aws.identity,
    clock: aws.clock,
    // 5 s intervals become 100 ms; timeouts get at least a second on a busy machine
    healthChecks: { intervalScale: 0.02, minTimeoutMs: 1000 },
  });
  const lattice = new VPCLatticeClient({
    endpoint: aws.endpoint,
    region: REGION,
    credentials: { ...OWNER_KEY },
    maxAttempts: 1,
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const pods: Pod[] = [];

  const send: World['send'] = (host, path = '/', init = {}) =>
    new Promise((resolve, reject) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port: dp.port,
          path,
          method: init.method ?? 'GET',
          agent,
          headers: { host, ...init.headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              headers: res.headers,
            }),
          );
          res.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(init.body);
    });

  const world: World = {
    aws,
    dp,
    lattice,
    pods,
    async pod(name) {
      const pod = await startPod(name);
      pods.push(pod);
      return pod;
    },
    async serviceNetwork(name, options = {}) {
      const sn = await lattice.send(
        new CreateServiceNetworkCommand({ name, authType: options.authType ?? 'NONE' }),
      );
      if (options.associateVpc === false) return { id: sn.id!, arn: sn.arn! };
      await lattice.send(
        new CreateServiceNetworkVpcAssociationCommand({
          serviceNetworkIdentifier: sn.id!,
          vpcIdentifier: VPC_CLIENT,
        }),
      );
      return { id: sn.id!, arn: sn.arn! };
    },
    async service(name, networkId, authType = 'NONE') {
      const svc = await lattice.send(new CreateServiceCommand({ name, authType }));
      await lattice.send(
        new CreateServiceNetworkServiceAssociationCommand({
          serviceNetworkIdentifier: networkId,
          serviceIdentifier: svc.id!,
        }),
      );
      return { id: svc.id!, arn: svc.arn!, dnsName: svc.dnsEntry!.domainName! };
    },
    async targetGroup(name, members, config = {}) {
      const tg = await lattice.send(
        new CreateTargetGroupCommand({
          name,
          type: 'IP',
          config: {
            port: 80,
            protocol: 'HTTP',
            vpcIdentifier: VPC_TARGETS,
            healthCheck: {
              enabled: true,
              path: HEALTH_PATH,
              healthCheckIntervalSeconds: 5,
              healthyThresholdCount: 2,
              unhealthyThresholdCount: 2,
            },
            ...config,
          },
        }),
      );
      if (members.length > 0) {
        await lattice.send(
          new RegisterTargetsCommand({
            targetGroupIdentifier: tg.id!,
            targets: members.map((p) => ({ id: '127.0.0.1', port: p.port })),
          }),
        );
      }
      return { id: tg.id!, arn: tg.arn! };
    },
    async listener(serviceId, defaultAction, port = 80) {
      const l = await lattice.send(
        new CreateListenerCommand({
          serviceIdentifier: serviceId,
          name: `http-${port}`,
          protocol: 'HTTP',
          port,
          defaultAction,
        }),
      );
      return { id: l.id!, arn: l.arn! };
    },
    async waitForTargets(targetGroupId, status, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      let last: string[] = [];
      while (Date.now() < deadline) {
        const out = await lattice.send(
          new ListTargetsCommand({ targetGroupIdentifier: targetGroupId }),
        );
        last = (out.items ?? []).map((t) => `${t.id}:${t.port}=${t.status}`);
        if ((out.items ?? []).length > 0 && (out.items ?? []).every((t) => t.status === status))
          return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(
        `targets of ${targetGroupId} did not all become ${status}: ${last.join(', ')}`,
      );
    },
    send,
    async sendMany(host, count, concurrency = 16) {
      const answers: ProxyAnswer[] = new Array<ProxyAnswer>(count);
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < count) {
          const index = next++;
          answers[index] = await send(host);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      return answers;
    },
    async sign(key, host, path, init = {}) {
      const signer = new SignatureV4({
        credentials: key,
        region: REGION,
        service: 'vpc-lattice-svcs',
        sha256: Sha256,
      });
      const [pathname = '/', query = ''] = path.split('?');
      const headers: Record<string, string> = { host };
      if (init.body === undefined) headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
      const signed = await signer.sign(
        {
          method: init.method ?? 'GET',
          protocol: 'https:',
          hostname: host,
          path: pathname,
          query: Object.fromEntries(new URLSearchParams(query)),
          headers,
          ...(init.body === undefined ? {} : { body: init.body }),
        },
        { signingDate: aws.clock.now() },
      );
      return signed.headers;
    },
    async close() {
      agent.destroy();
      lattice.destroy();
      await dp.stop();
      await Promise.all(pods.map((p) => p.close()));
      await aws.stop();
    },
  };
  return world;
}

export function forwardTo(...groups: { id: string; weight?: number }[]): RuleAction {
  return {
    forward: {
      targetGroups: groups.map((g) => ({ targetGroupIdentifier: g.id, weight: g.weight })),
    },
  };
}

/** How many answers came from each pod name. */
export function tally(answers: ProxyAnswer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of answers) {
    const key = answer.status === 200 ? answer.body : `status-${answer.status}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
