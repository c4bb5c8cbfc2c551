// The records the control plane keeps. Wire shapes are built from these by the operations;
// the data plane reads them through LatticeDataPlaneView (data-plane-view.ts).

export type AuthType = 'NONE' | 'AWS_IAM';

export interface Scope {
  accountId: string;
  region: string;
}

interface Base extends Scope {
  id: string;
  arn: string;
  createdAt: Date;
  lastUpdatedAt: Date;
}

export interface ServiceNetworkRecord extends Base {
  name: string;
  authType: AuthType;
  sharingEnabled: boolean;
}

export interface DnsEntry {
  domainName: string;
  hostedZoneId: string;
}

export interface ServiceRecord extends Base {
  name: string;
  authType: AuthType;
  customDomainName?: string;
  certificateArn?: string;
  idleTimeoutSeconds?: number;
  dnsEntry: DnsEntry;
  /** CREATE_IN_PROGRESS until this instant, then ACTIVE */
  activeAt: Date;
}

export interface WeightedTargetGroup {
  targetGroupIdentifier: string;
  weight?: number;
}

export type RuleAction =
  { forward: { targetGroups: WeightedTargetGroup[] } } | { fixedResponse: { statusCode: number } };

export type ListenerProtocol = 'HTTP' | 'HTTPS' | 'TLS_PASSTHROUGH';

export interface ListenerRecord extends Base {
  serviceId: string;
  serviceArn: string;
  name: string;
  protocol: ListenerProtocol;
  port: number;
  defaultAction: RuleAction;
  defaultRuleId: string;
}

export interface HeaderMatch {
  name: string;
  match: { exact?: string; prefix?: string; contains?: string };
  caseSensitive?: boolean;
}

export interface HttpMatch {
  method?: string;
  pathMatch?: { match: { exact?: string; prefix?: string }; caseSensitive?: boolean };
  headerMatches?: HeaderMatch[];
}

export interface RuleRecord extends Base {
  serviceId: string;
  listenerId: string;
  listenerArn: string;
  name: string;
  isDefault: boolean;
  /** undefined for the default rule */
  priority?: number;
  match?: { httpMatch: HttpMatch };
  action: RuleAction;
}

export type TargetGroupType = 'IP' | 'LAMBDA' | 'INSTANCE' | 'ALB';

export interface HealthCheckConfig {
  enabled?: boolean;
  protocol?: string;
  protocolVersion?: string;
  port?: number;
  path?: string;
  healthCheckIntervalSeconds?: number;
  healthCheckTimeoutSeconds?: number;
  healthyThresholdCount?: number;
  unhealthyThresholdCount?: number;
  matcher?: { httpCode: string };
}

export interface TargetGroupConfig {
  port?: number;
  protocol?: string;
  protocolVersion?: string;
  ipAddressType?: string;
  vpcIdentifier?: string;
  healthCheck?: HealthCheckConfig;
  lambdaEventStructureVersion?: string;
}

export type TargetStatus =
  'DRAINING' | 'UNAVAILABLE' | 'HEALTHY' | 'UNHEALTHY' | 'INITIAL' | 'UNUSED';

export interface TargetRecord {
  id: string;
  port?: number;
  registeredAt: Date;
  /** health reported by the data plane (setTargetHealth); undefined = not yet checked */
  health?: { status: 'HEALTHY' | 'UNHEALTHY' | 'INITIAL'; reasonCode?: string };
  /** set on deregistration: DRAINING until this instant, then gone */
  drainUntil?: Date;
}

export interface TargetGroupRecord extends Base {
  name: string;
  type: TargetGroupType;
  config: TargetGroupConfig;
  /** keyed by `${id}:${port}` */
  targets: Map<string, TargetRecord>;
  activeAt: Date;
}

export type AssociationPhase = 'CREATE_IN_PROGRESS' | 'ACTIVE' | 'DELETE_IN_PROGRESS';

interface AssociationBase extends Base {
  /** the account that called Create (may differ from the service network owner) */
  createdBy: string;
  serviceNetworkArn: string;
  serviceNetworkId: string;
  activeAt: Date;
  /** set by Delete: DELETE_IN_PROGRESS until this instant, then gone */
  deletedAt?: Date;
}

export interface ServiceAssociationRecord extends AssociationBase {
  serviceArn: string;
  serviceId: string;
}

export interface VpcAssociationRecord extends AssociationBase {
  vpcId: string;
  securityGroupIds: string[];
}

export interface AccessLogSubscriptionRecord extends Base {
  resourceArn: string;
  resourceId: string;
  destinationArn: string;
  serviceNetworkLogType?: string;
}

export interface AuthPolicyRecord {
  policy: string;
  createdAt: Date;
  lastUpdatedAt: Date;
}
