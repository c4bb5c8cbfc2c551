// The ServiceImport every member cluster of the tenant gets for an exported service (and, where a
// namespace opts in, an ExternalName Service). Clients reach the service through Lattice, so the
// import carries the Lattice DNS name as an annotation and no clusterset IPs.
import { shortHash } from '../naming/names.ts';
import { MANAGED_BY_VALUE } from '../naming/tags.ts';
import { MCS_LABELS, SERVICE_IMPORT_ANNOTATIONS } from './annotations.ts';
import type { DesiredMultiClusterService } from './plan-lattice-service.ts';
import type { ClusterSetType, IpProtocol } from './types.ts';

export const MCS_API_VERSION = 'multicluster.x-k8s.io/v1alpha1';

export interface ServiceImportPort {
  name?: string;
  port: number;
  protocol: IpProtocol;
  appProtocol?: string;
}

export interface ServiceImportObject {
  apiVersion: typeof MCS_API_VERSION;
  kind: 'ServiceImport';
  metadata: {
    name: string;
    namespace: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
  };
  spec: {
    type: ClusterSetType;
    ports: ServiceImportPort[];
    sessionAffinity: 'None' | 'ClientIP';
  };
  status: { clusters: { cluster: string }[] };
}

export interface ExternalNameServiceObject {
  apiVersion: 'v1';
  kind: 'Service';
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: { type: 'ExternalName'; externalName: string; ports: ServiceImportPort[] };
}

export interface PlanServiceImportInput {
  desired: DesiredMultiClusterService;
  /** the importing member cluster (every member cluster, exporting or not, gets an import) */
  cluster: string;
  /** the Lattice service as observed after apply; absent until it exists */
  lattice?: { arn: string; dnsName: string };
  /** labels of the namespace in the importing cluster (the ExternalName opt-in lives there) */
  namespaceLabels?: Readonly<Record<string, string>>;
}

export interface PlannedImport {
  cluster: string;
  serviceImport: ServiceImportObject;
  /** present when the namespace opts in and the Lattice DNS name is known */
  externalNameService?: ExternalNameServiceObject;
}

/** Labels on everything Trellis writes into member clusters for this service. */
export function importLabels(desired: DesiredMultiClusterService): Record<string, string> {
  return {
    [MCS_LABELS.managedBy]: MANAGED_BY_VALUE,
    [MCS_LABELS.hubId]: desired.hubId,
    [MCS_LABELS.tenant]: desired.tenant,
    [MCS_LABELS.serviceName]: desired.name,
  };
}

const EXTERNAL_NAME_SUFFIX = '-clusterset';

/**
 * `<name>-clusterset`: never the name of the exported Service itself (which exists in exporting
 * clusters), the same in every cluster, and at most 63 characters (hash-suffixed when cut).
 */
export function externalNameServiceName(name: string): string {
  const plain = `${name}${EXTERNAL_NAME_SUFFIX}`;
  if (plain.length <= 63) return plain;
  const room = 63 - EXTERNAL_NAME_SUFFIX.length - 9;
  return `${name.slice(0, room).replace(/-+$/, '')}-${shortHash(name)}${EXTERNAL_NAME_SUFFIX}`;
}

export function planServiceImport(input: PlanServiceImportInput): PlannedImport {
  const { desired, lattice } = input;
  const labels = importLabels(desired);
  const ports: ServiceImportPort[] = desired.clusterSet.ports.map((p) => ({
    ...(p.name !== '' ? { name: p.name } : {}),
    port: p.port,
    protocol: p.protocol,
    ...(p.appProtocol !== undefined ? { appProtocol: p.appProtocol } : {}),
  }));
  const annotations: Record<string, string> = {};
  if (lattice !== undefined) {
    annotations[SERVICE_IMPORT_ANNOTATIONS.latticeDns] = lattice.dnsName;
    annotations[SERVICE_IMPORT_ANNOTATIONS.latticeServiceArn] = lattice.arn;
  }
  const serviceImport: ServiceImportObject = {
    apiVersion: MCS_API_VERSION,
    kind: 'ServiceImport',
    metadata: { name: desired.name, namespace: desired.namespace, labels, annotations },
    spec: {
      type: desired.clusterSet.type,
      ports,
      sessionAffinity: desired.clusterSet.sessionAffinity,
    },
    status: {
      clusters: desired.clusters
        .filter((c) => c.outcome.kind === 'included' && c.outcome.servedPorts.length > 0)
        .map((c) => ({ cluster: c.cluster })),
    },
  };
  const optedIn = input.namespaceLabels?.[MCS_LABELS.externalNameOptIn] === 'true';
  if (!optedIn || lattice === undefined) return { cluster: input.cluster, serviceImport };
  return {
    cluster: input.cluster,
    serviceImport,
    externalNameService: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: externalNameServiceName(desired.name),
        namespace: desired.namespace,
        labels,
      },
      spec: { type: 'ExternalName', externalName: lattice.dnsName, ports },
    },
  };
}

/** The imports for every member cluster of the tenant, sorted by cluster. */
export function planServiceImports(
  desired: DesiredMultiClusterService,
  memberClusters: readonly string[],
  lattice?: { arn: string; dnsName: string },
  namespaceLabelsByCluster: Readonly<Record<string, Readonly<Record<string, string>>>> = {},
): PlannedImport[] {
  return [...new Set(memberClusters)].sort().map((cluster) => {
    const labels = namespaceLabelsByCluster[cluster];
    return planServiceImport({
      desired,
      cluster,
      ...(lattice !== undefined ? { lattice } : {}),
      ...(labels !== undefined ? { namespaceLabels: labels } : {}),
    });
  });
}
