import { describe, expect, it } from 'vitest';
import { latticeServiceName, targetGroupName } from '../naming/names.ts';
import { checkLatticeName, LATTICE_NAME_BOUNDS } from '../naming/rules.ts';
import { TAG_KEYS } from '../naming/tags.ts';
import { MCS_ANNOTATIONS } from './annotations.ts';
import { endpoints, observedExport, service } from './observed-export.fixture.ts';
import { planLatticeService } from './plan-lattice-service.ts';
import type { PlanLatticeServiceInput } from './plan-lattice-service.ts';
import { diffTargets } from './plan-targets.ts';
import type { ObservedExport } from './types.ts';

const now = new Date('2026-03-01T12:00:00Z');
const base = {
  tenant: 'acme',
  namespace: 'shop',
  name: 'inventory',
  hubId: 'hub-1',
  serviceNetworkArn:
    'arn:aws:vpc-lattice:us-west-2:999988887777:servicenetwork/sn-0123456789abcdef0',
  now,
};

function plan(exports: ObservedExport[], extra: Partial<PlanLatticeServiceInput> = {}) {
  return planLatticeService({ ...base, exports, ...extra });
}

const blue = observedExport({ cluster: 'blue', createdAt: '2026-01-01T00:00:00Z' });
const green = observedExport({ cluster: 'green', createdAt: '2026-02-01T00:00:00Z' });

describe('planLatticeService', () => {
  it('plans one service, a target group per cluster and port, and a weighted listener per port', () => {
    const d = plan([green, blue]);
    expect(d).toBeDefined();
    if (d === undefined) return;
    expect(d.accountId).toBe('111122223333');
    expect(d.service.name).toBe(latticeServiceName('shop', 'inventory'));
    expect(d.service.tags).toMatchObject({
      [TAG_KEYS.managedBy]: 'trellis',
      [TAG_KEYS.hubId]: 'hub-1',
      [TAG_KEYS.tenant]: 'acme',
      [TAG_KEYS.namespace]: 'shop',
      [TAG_KEYS.service]: 'inventory',
    });
    expect(d.serviceNetworkAssociation.serviceNetworkArn).toBe(base.serviceNetworkArn);
    expect(d.targetGroups.map((tg) => tg.name)).toEqual(
      [
        targetGroupName('blue', 'shop', 'inventory', 80),
        targetGroupName('green', 'shop', 'inventory', 80),
      ].sort(),
    );
    const blueTg = d.targetGroups.find((tg) => tg.cluster === 'blue');
    expect(blueTg).toMatchObject({
      type: 'IP',
      config: {
        port: 8080,
        protocol: 'HTTP',
        protocolVersion: 'HTTP1',
        ipAddressType: 'IPV4',
        vpcIdentifier: blue.clusterVpcId,
        healthCheck: { enabled: true, path: '/', matcher: { httpCode: '200' } },
      },
      targets: [
        { id: '10.1.0.1', port: 8080 },
        { id: '10.1.0.2', port: 8080 },
      ],
      targetSync: 'exact',
      inForward: true,
    });
    expect(blueTg?.tags[TAG_KEYS.cluster]).toBe('blue');
    expect(d.listeners).toEqual([
      {
        name: 'http-80',
        protocol: 'HTTP',
        port: 80,
        portName: 'http',
        defaultAction: {
          forward: {
            targetGroups: d.targetGroups.map((tg) => ({ targetGroupName: tg.name, weight: 100 })),
          },
        },
        tags: d.service.tags,
      },
    ]);
    expect(d.degraded).toBeUndefined();
    for (const l of d.listeners)
      expect(checkLatticeName(l.name, LATTICE_NAME_BOUNDS.listener)).toEqual([]);
  });

  it('returns undefined when no valid export is left (delete everything)', () => {
    expect(plan([])).toBeUndefined();
    const { service: _s, ...gone } = blue;
    expect(plan([gone])).toBeUndefined();
    expect(
      plan([observedExport({ cluster: 'blue', service: service({ type: 'ExternalName' }) })]),
    ).toBeUndefined();
  });

  it('registers nothing for conflicting or other-account exports', () => {
    const d = plan([
      blue,
      observedExport({
        cluster: 'green',
        createdAt: '2026-02-01T00:00:00Z',
        service: service({ headless: true }),
      }),
      observedExport({
        cluster: 'red',
        createdAt: '2026-02-01T00:00:00Z',
        clusterAccountId: '444455556666',
      }),
    ]);
    expect(d?.targetGroups.map((tg) => tg.cluster)).toEqual(['blue']);
    expect(d?.clusters.map((c) => [c.cluster, c.outcome.kind])).toEqual([
      ['blue', 'included'],
      ['green', 'excluded'],
      ['red', 'invalid'],
    ]);
  });

  it('forwards each port only to the clusters exposing it', () => {
    const withMetrics = observedExport({
      cluster: 'green',
      createdAt: '2026-02-01T00:00:00Z',
      service: service({
        ports: [
          { name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' },
          { name: 'metrics', port: 9090, protocol: 'TCP', appProtocol: 'kubernetes.io/h2c' },
        ],
      }),
      endpoints: [...endpoints('10.2', 2), ...endpoints('10.2', 2, 'metrics', 9090)],
    });
    const d = plan([blue, withMetrics]);
    expect(d?.listeners.map((l) => [l.name, l.defaultAction.forward.targetGroups.length])).toEqual([
      ['http-80', 2],
      ['http-9090', 1],
    ]);
    const metrics = d?.targetGroups.find((tg) => tg.portName === 'metrics');
    expect(metrics).toMatchObject({
      cluster: 'green',
      config: { port: 9090, protocolVersion: 'HTTP2', healthCheck: { enabled: false } },
    });
  });

  it('honours the service-name, weight, protocol and health-check annotations', () => {
    const d = plan([
      observedExport({
        cluster: 'blue',
        createdAt: '2026-01-01T00:00:00Z',
        annotations: {
          [MCS_ANNOTATIONS.latticeServiceName]: 'inventory-api',
          [MCS_ANNOTATIONS.weight]: '300',
          [MCS_ANNOTATIONS.healthCheckPath]: '/healthz',
          [MCS_ANNOTATIONS.protocolVersion]: 'GRPC',
        },
      }),
      observedExport({
        cluster: 'green',
        createdAt: '2026-02-01T00:00:00Z',
        annotations: {
          [MCS_ANNOTATIONS.latticeServiceName]: 'ignored-newer',
          [MCS_ANNOTATIONS.weight]: '100',
        },
      }),
    ]);
    expect(d?.service.name).toBe('inventory-api');
    const weights = Object.fromEntries(
      (d?.listeners[0]?.defaultAction.forward.targetGroups ?? []).map((w) => [
        w.targetGroupName.includes('blue') ? 'blue' : 'green',
        w.weight,
      ]),
    );
    expect(weights).toEqual({ blue: 300, green: 100 });
    const blueTg = d?.targetGroups.find((tg) => tg.cluster === 'blue');
    expect(blueTg?.config.protocolVersion).toBe('GRPC');
    expect(blueTg?.config.healthCheck.path).toBe('/healthz');
    expect(blueTg?.immutableKey).not.toBe(
      d?.targetGroups.find((tg) => tg.cluster === 'green')?.immutableKey,
    );
  });

  it('converts a migration split in percent into Lattice weights', () => {
    const d = plan([blue, green], { weightsOverride: { blue: 90, green: 10 } });
    expect(d?.weightSource).toBe('migration');
    expect(d?.clusters.map((c) => [c.cluster, c.weight])).toEqual([
      ['blue', 90],
      ['green', 10],
    ]);
    const done = plan([blue, green], { weightsOverride: { blue: 0, green: 100 } });
    expect(done?.listeners[0]?.defaultAction.forward.targetGroups.map((w) => w.weight)).toEqual([
      0, 100,
    ]);
  });

  it('keeps an unreachable cluster as last observed and marks the service Degraded', () => {
    const lost = { ...green, clusterReachable: false, unreachableSince: '2026-03-01T11:00:00Z' };
    const d = plan([blue, lost], { unreachableGracePeriodMs: 2 * 3600_000 });
    const tg = d?.targetGroups.find((t) => t.cluster === 'green');
    expect(tg).toMatchObject({ targetSync: 'unchanged', inForward: true });
    expect(tg?.targets).toHaveLength(2);
    expect(d?.listeners[0]?.defaultAction.forward.targetGroups).toHaveLength(2);
    expect(d?.degraded?.reasons).toEqual(['ClusterUnreachable']);
    expect(d?.degraded?.message).toMatch(
      /cluster green is unreachable since 2026-03-01T11:00:00Z: its target groups and targets are kept/,
    );
  });

  it('never removes an unreachable cluster without a grace period', () => {
    const lost = { ...green, clusterReachable: false, unreachableSince: '2020-01-01T00:00:00Z' };
    expect(plan([blue, lost])?.listeners[0]?.defaultAction.forward.targetGroups).toHaveLength(2);
  });

  it('takes a cluster out of the forward (but keeps its groups) past the grace period', () => {
    const lost = { ...green, clusterReachable: false, unreachableSince: '2026-03-01T09:00:00Z' };
    const d = plan([blue, lost], { unreachableGracePeriodMs: 2 * 3600_000 });
    expect(d?.targetGroups.find((t) => t.cluster === 'green')).toMatchObject({ inForward: false });
    expect(
      d?.listeners[0]?.defaultAction.forward.targetGroups.map((w) => w.targetGroupName),
    ).toEqual([targetGroupName('blue', 'shop', 'inventory', 80)]);
    expect(d?.clusters.find((c) => c.cluster === 'green')?.weight).toBeUndefined();
    expect(d?.degraded?.message).toMatch(/past the grace period/);
  });

  it('keeps every cluster in the forward when all are past the grace period', () => {
    const lostBlue = { ...blue, clusterReachable: false, unreachableSince: '2026-03-01T00:00:00Z' };
    const d = plan([lostBlue], { unreachableGracePeriodMs: 60_000 });
    expect(d?.listeners[0]?.defaultAction.forward.targetGroups).toHaveLength(1);
    expect(d?.degraded?.reasons).toContain('AllServingClustersUnreachable');
  });

  it('caps a forward at 10 target groups, oldest exports first', () => {
    const many = Array.from({ length: 12 }, (_, i) =>
      observedExport({
        cluster: `c${String(i).padStart(2, '0')}`,
        createdAt: `2026-01-${String(12 - i).padStart(2, '0')}T00:00:00Z`,
      }),
    );
    const d = plan(many);
    const forwarded = d?.listeners[0]?.defaultAction.forward.targetGroups ?? [];
    expect(forwarded).toHaveLength(10);
    expect(d?.degraded?.reasons).toEqual(['ForwardLimitExceeded']);
    expect(d?.degraded?.message).toMatch(/newest exports \(c01, c00\)/);
  });

  it('names TLS passthrough listeners validly and gives TCP groups no HTTP health check', () => {
    const d = plan([
      observedExport({
        cluster: 'blue',
        service: service({
          ports: [{ name: 'tls', port: 443, protocol: 'TCP', appProtocol: 'tls' }],
        }),
        endpoints: endpoints('10.1', 1, 'tls', 8443),
      }),
    ]);
    expect(d?.listeners[0]).toMatchObject({ name: 'tls-443', protocol: 'TLS_PASSTHROUGH' });
    expect(d?.targetGroups[0]?.config).toMatchObject({
      protocol: 'TCP',
      healthCheck: { enabled: false },
    });
    expect(d?.targetGroups[0]?.config.protocolVersion).toBeUndefined();
  });

  it('property: the same exports in any order give the same plan, and planning is idempotent', () => {
    let seed = 1645;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const clusters = ['blue', 'green', 'red', 'teal', 'gold'];
    let planned = 0;
    for (let run = 0; run < 60; run++) {
      const exports = clusters
        .filter(() => random() < 0.8)
        .map((cluster, i) =>
          observedExport({
            cluster,
            createdAt: `2026-01-0${1 + Math.floor(random() * 3)}T00:00:00Z`,
            clusterAccountId: random() < 0.15 ? '444455556666' : '111122223333',
            clusterReachable: random() < 0.8,
            unreachableSince: '2026-03-01T00:00:00Z',
            service: service({
              headless: random() < 0.15,
              ports:
                random() < 0.3
                  ? [
                      { name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' },
                      { name: 'grpc', port: 9000, protocol: 'TCP', appProtocol: 'grpc' },
                    ]
                  : [
                      {
                        name: 'http',
                        port: random() < 0.1 ? 81 : 80,
                        targetPort: 8080,
                        protocol: 'TCP',
                      },
                    ],
            }),
            endpoints: endpoints(`10.${i}`, Math.floor(random() * 4)),
            annotations:
              random() < 0.3
                ? { [MCS_ANNOTATIONS.weight]: String(Math.floor(random() * 999)) }
                : {},
          }),
        );
      const shuffled = [...exports].sort(() => random() - 0.5);
      const extra = random() < 0.3 ? { weightsOverride: { blue: 25, green: 75 } } : {};
      const a = plan(exports, { ...extra, unreachableGracePeriodMs: 3600_000 });
      const b = plan(shuffled, { ...extra, unreachableGracePeriodMs: 3600_000 });
      expect(b).toEqual(a);
      if (a !== undefined) planned += 1;
      expect(plan(exports, { ...extra, unreachableGracePeriodMs: 3600_000 })).toEqual(a);
      // Applying the plan and reconciling again changes nothing.
      for (const tg of a?.targetGroups ?? []) {
        const again = diffTargets(tg.targets, tg.targets);
        expect(again.register.length + again.deregister.length).toBe(0);
      }
      for (const l of a?.listeners ?? []) {
        const ws = l.defaultAction.forward.targetGroups;
        expect(ws.length).toBeGreaterThan(0);
        expect(ws.length).toBeLessThanOrEqual(10);
        for (const w of ws) expect(w.weight).toBeGreaterThanOrEqual(0);
        for (const w of ws) expect(w.weight).toBeLessThanOrEqual(999);
      }
    }
    expect(planned).toBeGreaterThan(30);
  });
});
