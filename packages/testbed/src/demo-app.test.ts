import {
  CreateListenerCommand,
  CreateServiceCommand,
  CreateTargetGroupCommand,
  RegisterTargetsCommand,
  VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import type { KubernetesObject } from '@kubernetes/client-node';
import { CoreResources, kubeConfigFromYaml, ResourceClient } from '@trellis/kube';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleThroughLattice, startDemoApp, type DemoApp } from './demo-app.ts';
import { DEMO, demoSeed } from './demo-seed.ts';
import { startWorld, type World } from './world.ts';

type Slice = KubernetesObject & {
  endpoints: { addresses: string[] }[];
  ports: { port: number }[];
};

function get(host: string, port: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path: '/', agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startDemoApp', () => {
  let world: World;
  let app: DemoApp;
  const rootKey = { accessKeyId: 'AKIADEMOAPPTEST00001', secretAccessKey: 'demo-app-test' };

  beforeAll(async () => {
    world = await startWorld({
      clusters: ['blue', 'green', 'client'],
      seed: demoSeed(),
      dataPlane: { port: 0, healthChecks: { intervalScale: 0.02 } },
    });
    world.aws.identity.addAccessKey({ rootOf: DEMO.clusterAccount }, rootKey);
    app = await startDemoApp({
      world,
      clusters: ['blue', 'green'],
      consumers: ['client'],
      replicas: 2,
    });
  });
  afterAll(async () => {
    await app?.stop();
    await world?.stop();
  });

  const sliceIn = (cluster: string) =>
    new ResourceClient(kubeConfigFromYaml(world.kube.kubeconfig, cluster), 'test').get<Slice>(
      CoreResources.endpointSlices,
      { name: 'inventory-demo', namespace: 'shop' },
    );

  it('runs pods on addresses of their own, behind a Service and an EndpointSlice per cluster', async () => {
    const blue = await sliceIn('blue');
    const green = await sliceIn('green');
    expect(blue?.endpoints.map((e) => e.addresses[0])).toEqual(['127.0.1.10', '127.0.1.11']);
    expect(green?.endpoints.map((e) => e.addresses[0])).toEqual(['127.0.2.10', '127.0.2.11']);
    const port = blue!.ports[0].port;
    expect(green!.ports[0].port).toBe(port);
    expect(await get('127.0.1.11', port)).toEqual({ status: 200, body: 'blue' });
    expect(await get('127.0.2.10', port)).toEqual({ status: 200, body: 'green' });

    app.setStatus('green', 500);
    expect((await get('127.0.2.10', port)).status).toBe(500);
    app.setStatus('green', 200);
    expect(() => app.setStatus('client', 500)).toThrow(/does not run in client/);
    const client = new ResourceClient(kubeConfigFromYaml(world.kube.kubeconfig, 'client'), 'test');
    expect(await client.get(CoreResources.namespaces, { name: 'shop' })).toBeDefined();
    expect(
      await client.get(CoreResources.services, { name: 'inventory', namespace: 'shop' }),
    ).toBeUndefined();
  });

  it('is reachable through the Lattice data plane once its pods are registered as targets', async () => {
    const lattice = new VPCLatticeClient({
      region: DEMO.region,
      endpoint: world.aws.endpoint,
      credentials: rootKey,
    });
    const port = (await sliceIn('blue'))!.ports[0].port;
    const service = await lattice.send(new CreateServiceCommand({ name: 'demo-app-test' }));
    const group = await lattice.send(
      new CreateTargetGroupCommand({
        name: 'demo-app-blue',
        type: 'IP',
        config: { port, protocol: 'HTTP', vpcIdentifier: DEMO.vpcs.blue },
      }),
    );
    await lattice.send(
      new RegisterTargetsCommand({
        targetGroupIdentifier: group.id!,
        targets: [
          { id: '127.0.1.10', port },
          { id: '127.0.1.11', port },
        ],
      }),
    );
    await lattice.send(
      new CreateListenerCommand({
        serviceIdentifier: service.id!,
        name: 'http',
        protocol: 'HTTP',
        port: 80,
        defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: group.id! }] } },
      }),
    );
    lattice.destroy();

    const dns = service.dnsEntry!.domainName!;
    let counts: Record<string, number> = {};
    // the service activates and the targets pass their first health check shortly
    for (let i = 0; i < 100; i++) {
      counts = await sampleThroughLattice(world.aws.proxy!.url, dns, 10);
      if (counts.blue === 10) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(counts).toEqual({ blue: 10 });
  });
});
