// What the controller observed about one ServiceExport in one member cluster, the input of every
// planner in this folder. Adapters fill it from the cluster's ServiceExport, Service and
// EndpointSlices (or, while the cluster is unreachable, from the last copy they observed).

export type ServiceKind = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
export type IpProtocol = 'TCP' | 'UDP' | 'SCTP';

export interface ObservedServicePort {
  /** optional only when the Service has a single port */
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol: IpProtocol;
  appProtocol?: string;
}

export interface ObservedService {
  type: ServiceKind;
  /** clusterIP: None */
  headless: boolean;
  ports: ObservedServicePort[];
  /** 'None' | 'ClientIP'; absent means None */
  sessionAffinity?: string;
  /** Lattice target groups are single-stack; absent means IPv4 */
  ipFamily?: 'IPv4' | 'IPv6';
  annotations: Record<string, string>;
}

export interface ObservedEndpoint {
  ip: string;
  /** the resolved target port (the container port), not the Service port */
  port: number;
  /** the Service port name this endpoint port belongs to ('' or absent for an unnamed port) */
  portName?: string;
  /** EndpointConditions.ready; absent means ready, as in Kubernetes */
  ready: boolean;
  serving?: boolean;
  terminating?: boolean;
}

export interface ObservedExport {
  cluster: string;
  /** the AWS account the cluster (and so its VPC) lives in */
  clusterAccountId: string;
  /** the cluster's VPC, where its target groups are created */
  clusterVpcId: string;
  namespace: string;
  name: string;
  /** the ServiceExport's metadata.creationTimestamp (ISO 8601): decides conflicts */
  createdAt: string;
  /** the Service of the same namespace/name; absent when it does not exist */
  service?: ObservedService;
  endpoints: ObservedEndpoint[];
  /** the ServiceExport's annotations (they win over the Service's) */
  annotations: Record<string, string>;
  clusterReachable: boolean;
  /** ISO 8601; when the cluster was last seen reachable (set while clusterReachable is false) */
  unreachableSince?: string;
  /** the ServiceExport's metadata.generation, copied into condition.observedGeneration */
  generation?: number;
}

/** A port of the multi-cluster service, as ServiceImport.spec.ports spells it. */
export interface ClusterSetPort {
  name: string;
  port: number;
  protocol: IpProtocol;
  appProtocol?: string;
}

export type ClusterSetType = 'ClusterSetIP' | 'Headless';
