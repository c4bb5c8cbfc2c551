import { describe, expect, it } from 'vitest';
import { MCS_LABELS, SERVICE_IMPORT_ANNOTATIONS } from './annotations.ts';
import { observedExport, service } from './observed-export.fixture.ts';
import { planLatticeService } from './plan-lattice-service.ts';
import {
  externalNameServiceName,
  planServiceImport,
  planServiceImports,
} from './plan-service-import.ts';

const desired = planLatticeService({
  tenant: 'acme',
  namespace: 'shop',
  name: 'inventory',
  hubId: 'hub-1',
  serviceNetworkArn:
    'arn:aws:vpc-lattice:us-west-2:999988887777:servicenetwork/sn-0123456789abcdef0',
  now: new Date('2026-03-01T00:00:00Z'),
  exports: [
    observedExport({
      cluster: 'blue',
      createdAt: '2026-01-01T00:00:00Z',
      service: service({
        sessionAffinity: 'ClientIP',
        ports: [{ name: 'grpc', port: 9000, protocol: 'TCP', appProtocol: 'grpc' }],
      }),
      endpoints: [{ ip: '10.1.0.1', port: 9000, portName: 'grpc', ready: true }],
    }),
    observedExport({
      cluster: 'green',
      createdAt: '2026-02-01T00:00:00Z',
      service: service({
        ports: [{ name: 'grpc', port: 9000, protocol: 'TCP', appProtocol: 'grpc' }],
      }),
    }),
  ],
});
const lattice = {
  arn: 'arn:aws:vpc-lattice:us-west-2:111122223333:service/svc-0123456789abcdef0',
  dnsName: 'inventory-shop-0123abcd-0123456789abcdef0.7d67968.vpc-lattice-svcs.us-west-2.on.aws',
};

describe('planServiceImport', () => {
  if (desired === undefined) throw new Error('expected a desired service');

  it('describes the merged service for an importing cluster', () => {
    const planned = planServiceImport({ desired, cluster: 'red', lattice });
    expect(planned.serviceImport).toEqual({
      apiVersion: 'multicluster.x-k8s.io/v1alpha1',
      kind: 'ServiceImport',
      metadata: {
        name: 'inventory',
        namespace: 'shop',
        labels: {
          [MCS_LABELS.managedBy]: 'trellis',
          [MCS_LABELS.hubId]: 'hub-1',
          [MCS_LABELS.tenant]: 'acme',
          [MCS_LABELS.serviceName]: 'inventory',
        },
        annotations: {
          [SERVICE_IMPORT_ANNOTATIONS.latticeDns]: lattice.dnsName,
          [SERVICE_IMPORT_ANNOTATIONS.latticeServiceArn]: lattice.arn,
        },
      },
      spec: {
        type: 'ClusterSetIP',
        ports: [{ name: 'grpc', port: 9000, protocol: 'TCP', appProtocol: 'grpc' }],
        sessionAffinity: 'ClientIP',
      },
      // green disagrees on session affinity, so it is not a constituent cluster
      status: { clusters: [{ cluster: 'blue' }] },
    });
    expect(planned.externalNameService).toBeUndefined();
  });

  it('omits the Lattice annotations until the service exists', () => {
    expect(
      planServiceImport({ desired, cluster: 'red' }).serviceImport.metadata.annotations,
    ).toEqual({});
  });

  it('adds an ExternalName Service where the namespace opts in', () => {
    const planned = planServiceImport({
      desired,
      cluster: 'red',
      lattice,
      namespaceLabels: { [MCS_LABELS.externalNameOptIn]: 'true' },
    });
    expect(planned.externalNameService).toMatchObject({
      kind: 'Service',
      metadata: { name: 'inventory-clusterset', namespace: 'shop' },
      spec: { type: 'ExternalName', externalName: lattice.dnsName },
    });
    expect(
      planServiceImport({
        desired,
        cluster: 'red',
        namespaceLabels: { [MCS_LABELS.externalNameOptIn]: 'true' },
      }).externalNameService,
    ).toBeUndefined();
  });

  it('keeps ExternalName Service names within 63 characters and distinct', () => {
    const long = 'a'.repeat(60);
    const name = externalNameServiceName(long);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^a+-[0-9a-f]{8}-clusterset$/);
    expect(externalNameServiceName(`${long}b`)).not.toBe(name);
  });

  it('plans one import per member cluster, sorted', () => {
    expect(
      planServiceImports(desired, ['red', 'blue', 'green', 'red'], lattice).map((p) => p.cluster),
    ).toEqual(['blue', 'green', 'red']);
  });
});
