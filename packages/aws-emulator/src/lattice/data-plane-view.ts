// The read-only view of the control plane the Lattice data plane (proxy + health checker) uses:
// resolve a request's Host to a service, pick the listener by port, walk its rules in priority
// order, weigh its target groups, and send to targets; and the one write it needs, target health.
// Everything returned is a fresh copy: mutating it does not touch the control plane's state.
import type { Clock } from '../core/contracts.ts';
import type {
  HttpMatch,
  ListenerProtocol,
  RuleAction,
  ServiceNetworkRecord,
  TargetGroupRecord,
  TargetGroupType,
  TargetStatus,
} from './model.ts';
import type { LatticeState } from './state.ts';
import { associationPhase } from './state.ts';
import { serviceStatus } from './operations/services.ts';
import { targetHealth, targetKey } from './target-health.ts';

export interface LatticeServiceView {
  id: string;
  arn: string;
  name: string;
  accountId: string;
  region: string;
  /** the generated name, `<name>-<id>.<label>.vpc-lattice-svcs.<region>.on.aws` */
  dnsName: string;
  customDomainName?: string;
  authType: 'NONE' | 'AWS_IAM';
  status: string;
  /** seconds a connection may stay idle before Lattice closes it (60-600, default 60) */
  idleTimeoutSeconds: number;
  /** service networks with an ACTIVE association to this service */
  serviceNetworks: LatticeServiceNetworkView[];
}

export interface LatticeServiceNetworkView {
  id: string;
  arn: string;
  name: string;
  authType: 'NONE' | 'AWS_IAM';
  accountId: string;
}

export interface WeightedTargetGroupView {
  targetGroupId: string;
  /** 0-999; an omitted weight counts as 1 (ForwardAction: "The default value is 1") */
  weight: number;
}

export type RuleActionView =
  | { type: 'forward'; targetGroups: WeightedTargetGroupView[] }
  | { type: 'fixedResponse'; statusCode: number };

export interface LatticeRuleView {
  id: string;
  arn: string;
  name: string;
  isDefault: boolean;
  /** 1 (first) … 100; undefined for the default rule, which applies last */
  priority?: number;
  match?: HttpMatch;
  action: RuleActionView;
}

export interface LatticeListenerView {
  id: string;
  arn: string;
  name: string;
  protocol: ListenerProtocol;
  port: number;
  /** non-default rules by ascending priority, then the default rule */
  rules: LatticeRuleView[];
}

export interface LatticeTargetGroupView {
  id: string;
  arn: string;
  name: string;
  type: TargetGroupType;
  accountId: string;
  region: string;
  port?: number;
  protocol?: string;
  protocolVersion?: string;
  vpcId?: string;
  healthCheck?: {
    enabled: boolean;
    protocol?: string;
    protocolVersion?: string;
    port?: number;
    path?: string;
    intervalSeconds?: number;
    timeoutSeconds?: number;
    healthyThresholdCount?: number;
    unhealthyThresholdCount?: number;
    matcherHttpCode?: string;
  };
}

export interface LatticeTargetView {
  id: string;
  port?: number;
  status: TargetStatus;
  reasonCode?: string;
}

export type ReportedHealth = 'HEALTHY' | 'UNHEALTHY' | 'INITIAL';

export interface LatticeDataPlaneView {
  /** The service whose generated DNS name or custom domain name is `host` (port and case ignored). */
  findServiceByHost(host: string): LatticeServiceView | undefined;
  /** A service by ID or ARN. */
  getService(idOrArn: string): LatticeServiceView | undefined;
  listServices(): LatticeServiceView[];
  listenersOf(serviceIdOrArn: string): LatticeListenerView[];
  listenerFor(serviceIdOrArn: string, port: number): LatticeListenerView | undefined;
  targetGroup(idOrArn: string): LatticeTargetGroupView | undefined;
  /** Registered targets with the status ListTargets reports. */
  targetsOf(targetGroupIdOrArn: string): LatticeTargetView[];
  /**
   * Record a health-check result. `target.port` defaults to the target group's port. Returns false
   * when the target group or target does not exist (e.g. deregistered meanwhile).
   */
  setTargetHealth(
    targetGroupIdOrArn: string,
    target: { id: string; port?: number },
    status: ReportedHealth,
    reasonCode?: string,
  ): boolean;
  /** True when the VPC has an ACTIVE association with a service network that has the service ACTIVE. */
  vpcCanReach(vpcId: string, serviceIdOrArn: string): boolean;
  /**
   * The service network through which the VPC reaches the service: the one the VPC is associated
   * with (a VPC joins at most one per region), when both associations are ACTIVE; else undefined.
   */
  serviceNetworkFor(vpcId: string, serviceIdOrArn: string): LatticeServiceNetworkView | undefined;
  /**
   * The auth policy of a service network or service (ID or ARN): `active` when its authType is
   * AWS_IAM. Undefined when none is attached (with AWS_IAM that means every request is denied).
   */
  authPolicyOf(idOrArn: string): { policy: string; active: boolean } | undefined;
  /** Access-log destinations of a service network or service (ID or ARN). */
  accessLogDestinationsOf(idOrArn: string): string[];
  /**
   * A counter bumped by every state-changing API call (also one that failed halfway), every
   * record added or removed (deletions completing as the clock passes included) and every
   * setTargetHealth, so a caller can cache what it derived from the view and recompute only when
   * this changes. An association becoming ACTIVE as the clock passes does not bump it.
   */
  revision(): number;
}

export function createDataPlaneView(state: LatticeState, clock: Clock): LatticeDataPlaneView {
  const now = (): Date => {
    const t = clock.now();
    state.settle(t);
    return t;
  };

  const findService = (idOrArn: string) =>
    state.services.get(idOrArn) ?? [...state.services.values()].find((s) => s.id === idOrArn);

  const findTargetGroup = (idOrArn: string): TargetGroupRecord | undefined =>
    state.targetGroups.get(idOrArn) ??
    [...state.targetGroups.values()].find((t) => t.id === idOrArn);

  const serviceView = (arn: string): LatticeServiceView | undefined => {
    const t = now();
    const svc = state.services.get(arn);
    if (!svc) return undefined;
    const networks = [...state.serviceAssociations.values()]
      .filter((a) => a.serviceArn === arn && associationPhase(a, t) === 'ACTIVE')
      .map((a) => state.serviceNetworks.get(a.serviceNetworkArn))
      .filter((sn) => sn !== undefined)
      .map(networkView);
    return {
      id: svc.id,
      arn: svc.arn,
      name: svc.name,
      accountId: svc.accountId,
      region: svc.region,
      dnsName: svc.dnsEntry.domainName,
      ...(svc.customDomainName === undefined ? {} : { customDomainName: svc.customDomainName }),
      authType: svc.authType,
      status: serviceStatus(svc, t),
      idleTimeoutSeconds: svc.idleTimeoutSeconds ?? 60,
      serviceNetworks: networks,
    };
  };

  const actionView = (action: RuleAction): RuleActionView =>
    'forward' in action
      ? {
          type: 'forward',
          targetGroups: action.forward.targetGroups.map((g) => ({
            targetGroupId: g.targetGroupIdentifier,
            weight: g.weight ?? 1,
          })),
        }
      : { type: 'fixedResponse', statusCode: action.fixedResponse.statusCode };

  const listenerViews = (serviceIdOrArn: string): LatticeListenerView[] => {
    const svc = findService(serviceIdOrArn);
    if (!svc) return [];
    return state
      .listenersOf(svc.arn)
      .sort((a, b) => a.port - b.port)
      .map((l) => ({
        id: l.id,
        arn: l.arn,
        name: l.name,
        protocol: l.protocol,
        port: l.port,
        rules: state
          .rulesOf(l.arn)
          .sort((a, b) => (a.priority ?? 1000) - (b.priority ?? 1000))
          .map((r) => ({
            id: r.id,
            arn: r.arn,
            name: r.name,
            isDefault: r.isDefault,
            ...(r.priority === undefined ? {} : { priority: r.priority }),
            ...(r.match === undefined ? {} : { match: structuredClone(r.match.httpMatch) }),
            action: actionView(r.action),
          })),
      }));
  };

  const findPolicyResource = (idOrArn: string) =>
    findService(idOrArn) ??
    state.serviceNetworks.get(idOrArn) ??
    [...state.serviceNetworks.values()].find((sn) => sn.id === idOrArn);

  return {
    findServiceByHost(host) {
      const name = host.replace(/:\d+$/, '').replace(/\.$/, '').toLowerCase();
      const svc = [...state.services.values()].find(
        (s) => s.dnsEntry.domainName === name || s.customDomainName?.toLowerCase() === name,
      );
      return svc ? serviceView(svc.arn) : undefined;
    },
    getService(idOrArn) {
      const svc = findService(idOrArn);
      return svc ? serviceView(svc.arn) : undefined;
    },
    listServices() {
      return [...state.services.keys()].map((arn) => serviceView(arn)!).filter(Boolean);
    },
    listenersOf: listenerViews,
    listenerFor(serviceIdOrArn, port) {
      return listenerViews(serviceIdOrArn).find((l) => l.port === port);
    },
    targetGroup(idOrArn) {
      const tg = findTargetGroup(idOrArn);
      if (!tg) return undefined;
      const hc = tg.config.healthCheck;
      return {
        id: tg.id,
        arn: tg.arn,
        name: tg.name,
        type: tg.type,
        accountId: tg.accountId,
        region: tg.region,
        ...(tg.config.port === undefined ? {} : { port: tg.config.port }),
        ...(tg.config.protocol === undefined ? {} : { protocol: tg.config.protocol }),
        ...(tg.config.protocolVersion === undefined
          ? {}
          : { protocolVersion: tg.config.protocolVersion }),
        ...(tg.config.vpcIdentifier === undefined ? {} : { vpcId: tg.config.vpcIdentifier }),
        ...(hc === undefined
          ? {}
          : {
              healthCheck: {
                enabled: hc.enabled !== false,
                protocol: hc.protocol,
                protocolVersion: hc.protocolVersion,
                port: hc.port,
                path: hc.path,
                intervalSeconds: hc.healthCheckIntervalSeconds,
                timeoutSeconds: hc.healthCheckTimeoutSeconds,
                healthyThresholdCount: hc.healthyThresholdCount,
                unhealthyThresholdCount: hc.unhealthyThresholdCount,
                matcherHttpCode: hc.matcher?.httpCode,
              },
            }),
      };
    },
    targetsOf(idOrArn) {
      now();
      const tg = findTargetGroup(idOrArn);
      if (!tg) return [];
      return [...tg.targets.values()].map((t) => ({
        id: t.id,
        ...(t.port === undefined ? {} : { port: t.port }),
        ...targetHealth(state, tg, t),
      }));
    },
    setTargetHealth(idOrArn, target, status, reasonCode) {
      now();
      const tg = findTargetGroup(idOrArn);
      const record = tg?.targets.get(
        targetKey(target.id, tg.type === 'LAMBDA' ? undefined : (target.port ?? tg.config.port)),
      );
      if (!record) return false;
      record.health = reasonCode === undefined ? { status } : { status, reasonCode };
      state.touch();
      return true;
    },
    authPolicyOf(idOrArn) {
      const resource = findPolicyResource(idOrArn);
      const record = resource ? state.authPolicies.get(resource.arn) : undefined;
      if (!resource || !record) return undefined;
      return { policy: record.policy, active: resource.authType === 'AWS_IAM' };
    },
    accessLogDestinationsOf(idOrArn) {
      const resource = findPolicyResource(idOrArn);
      if (!resource) return [];
      return [...state.accessLogSubscriptions.values()]
        .filter((a) => a.resourceArn === resource.arn)
        .map((a) => a.destinationArn);
    },
    revision() {
      return state.revision;
    },
    vpcCanReach(vpcId, serviceIdOrArn) {
      return serviceNetworkFor(vpcId, serviceIdOrArn) !== undefined;
    },
    serviceNetworkFor,
  };

  function serviceNetworkFor(
    vpcId: string,
    serviceIdOrArn: string,
  ): LatticeServiceNetworkView | undefined {
    const t = now();
    const svc = findService(serviceIdOrArn);
    if (!svc) return undefined;
    const networks = new Set(
      [...state.vpcAssociations.values()]
        .filter(
          (a) =>
            a.vpcId === vpcId && a.region === svc.region && associationPhase(a, t) === 'ACTIVE',
        )
        .map((a) => a.serviceNetworkArn),
    );
    const through = [...state.serviceAssociations.values()].find(
      (a) =>
        a.serviceArn === svc.arn &&
        networks.has(a.serviceNetworkArn) &&
        associationPhase(a, t) === 'ACTIVE',
    );
    const network = through && state.serviceNetworks.get(through.serviceNetworkArn);
    return network && networkView(network);
  }
}

function networkView(sn: ServiceNetworkRecord): LatticeServiceNetworkView {
  return { id: sn.id, arn: sn.arn, name: sn.name, authType: sn.authType, accountId: sn.accountId };
}
