// Builders for tests in this folder (not exported from the package).
import type { ObservedEndpoint, ObservedExport, ObservedService } from './types.ts';

export const ACCOUNT = '111122223333';

export function service(over: Partial<ObservedService> = {}): ObservedService {
  return {
    type: 'ClusterIP',
    headless: false,
    ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
    annotations: {},
    ...over,
  };
}

export function endpoints(
  prefix: string,
  count: number,
  portName = 'http',
  port = 8080,
): ObservedEndpoint[] {
  return Array.from({ length: count }, (_, i) => ({
    ip: `${prefix}.${Math.floor(i / 250)}.${(i % 250) + 1}`,
    port,
    portName,
    ready: true,
  }));
}

const subnet: Record<string, string> = { blue: '10.1', green: '10.2', red: '10.3' };

export function observedExport(
  over: Partial<ObservedExport> & { cluster: string },
): ObservedExport {
  const prefix = subnet[over.cluster] ?? `10.${9 + over.cluster.length}`;
  return {
    clusterAccountId: ACCOUNT,
    clusterVpcId: `vpc-${(over.cluster + '00000000').slice(0, 8).replace(/[^0-9a-f]/g, 'a')}`,
    namespace: 'shop',
    name: 'inventory',
    createdAt: '2026-01-01T00:00:00Z',
    service: service(),
    endpoints: endpoints(prefix, 2),
    annotations: {},
    clusterReachable: true,
    ...over,
  };
}
