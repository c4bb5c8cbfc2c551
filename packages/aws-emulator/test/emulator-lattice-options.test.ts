// AwsEmulatorOptions.lattice: initial target health for setups without health checks, and the
// default delays of asynchronous Lattice transitions (fault rules still take precedence).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateListenerCommand,
  CreateServiceCommand,
  CreateServiceNetworkCommand,
  CreateServiceNetworkVpcAssociationCommand,
  CreateTargetGroupCommand,
  GetServiceNetworkVpcAssociationCommand,
  ListTargetsCommand,
  RegisterTargetsCommand,
  VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import { afterEach, describe, expect, it } from 'vitest';
import { AdjustableClock, startAwsEmulator } from '../src/index.ts';
import type { AwsEmulator } from '../src/index.ts';
import { proxyGet } from './support/proxy-get.ts';

const ACCOUNT = '111111111111';
const VPC = 'vpc-0a0a0a0a0a0a0a0a0';
const cleanups: (() => Promise<unknown> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(options: Parameters<typeof startAwsEmulator>[0]): Promise<{ emulator: AwsEmulator; lattice: VPCLatticeClient }> {
  const emulator = await startAwsEmulator(options);
  cleanups.push(() => emulator.stop());
  // implicit accounts: the 12-digit key id is the account's root, secret "test"
  const lattice = new VPCLatticeClient({
    endpoint: emulator.endpoint,
    region: 'us-west-2',
    credentials: { accessKeyId: ACCOUNT, secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  cleanups.push(() => lattice.destroy());
  return { emulator, lattice };
}

async function startPod(): Promise<number> {
  const server = http.createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/plain' }).end('pod');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  }));
  return (server.address() as AddressInfo).port;
}

/** A service whose HTTP listener forwards to an IP target group with one registered target. */
async function serviceWithTarget(lattice: VPCLatticeClient, targetPort: number): Promise<{ host: string; targetGroupId: string }> {
  const service = await lattice.send(new CreateServiceCommand({ name: 'orders' }));
  const tg = await lattice.send(
    new CreateTargetGroupCommand({ name: 'orders-blue', type: 'IP', config: { port: targetPort, protocol: 'HTTP', vpcIdentifier: VPC } }),
  );
  await lattice.send(
    new CreateListenerCommand({
      serviceIdentifier: service.id,
      name: 'http',
      protocol: 'HTTP',
      defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: tg.id, weight: 1 }] } },
    }),
  );
  await lattice.send(new RegisterTargetsCommand({ targetGroupIdentifier: tg.id, targets: [{ id: '127.0.0.1', port: targetPort }] }));
  return { host: service.dnsEntry!.domainName!, targetGroupId: tg.id! };
}

describe('AwsEmulatorOptions.lattice', () => {
  it('initialTargetHealth HEALTHY: targets take traffic without a health checker', async () => {
    const { emulator, lattice } = await start({ lattice: { initialTargetHealth: 'HEALTHY' }, dataPlane: { healthChecks: false } });
    const { host, targetGroupId } = await serviceWithTarget(lattice, await startPod());
    const targets = await lattice.send(new ListTargetsCommand({ targetGroupIdentifier: targetGroupId }));
    expect(targets.items?.map((t) => t.status)).toEqual(['HEALTHY']);
    expect(await proxyGet(emulator.proxy!.url, host)).toEqual({ status: 200, body: 'pod' });
  });

  it('by default a target stays INITIAL, and gets no traffic, until a health check reports on it', async () => {
    const { emulator, lattice } = await start({ dataPlane: { healthChecks: false } });
    const { host, targetGroupId } = await serviceWithTarget(lattice, await startPod());
    const targets = await lattice.send(new ListTargetsCommand({ targetGroupIdentifier: targetGroupId }));
    expect(targets.items?.map((t) => t.status)).toEqual(['INITIAL']);
    expect(await proxyGet(emulator.proxy!.url, host)).toMatchObject({ status: 503, reason: 'no-healthy-target' });
  });

  it('consistencyDelaysMs replaces the default delays; a fault rule still wins', async () => {
    const clock = new AdjustableClock();
    const { emulator, lattice } = await start({ clock, lattice: { consistencyDelaysMs: { CreateServiceNetworkVpcAssociation: 0 } } });
    const associationStatus = async (name: string, vpcId: string): Promise<string | undefined> => {
      const network = await lattice.send(new CreateServiceNetworkCommand({ name }));
      const association = await lattice.send(
        new CreateServiceNetworkVpcAssociationCommand({ serviceNetworkIdentifier: network.id, vpcIdentifier: vpcId }),
      );
      const got = await lattice.send(new GetServiceNetworkVpcAssociationCommand({ serviceNetworkVpcAssociationIdentifier: association.id }));
      return got.status;
    };
    expect(await associationStatus('immediate', 'vpc-0a0a0a0a0a0a0a0a1')).toBe('ACTIVE'); // default: 1500 ms in progress
    emulator.faults.consistencyDelay({ service: 'vpc-lattice', operation: 'CreateServiceNetworkVpcAssociation', delayMs: 60_000 });
    expect(await associationStatus('faulted', 'vpc-0a0a0a0a0a0a0a0a2')).toBe('CREATE_IN_PROGRESS');
  });
});
