// What every operation handler gets: the caller's scope, the state, the clock, the cross-service
// lookups, and resolvers that turn "ID or ARN" identifiers into records with AWS's visibility
// rules (own resources by ID or ARN; another account's only by ARN and only when shared).
import type { AccountDirectory, Caller, ShareVisibility } from '../core/contracts.ts';
import { invalidField, ResourceNotFound } from './errors.ts';
import type { ClientTokens } from './idempotency.ts';
import { buildArn, idPattern, parseArn } from './ids.ts';
import type { ResourceKind } from './ids.ts';
import type {
  ListenerRecord,
  RuleRecord,
  Scope,
  ServiceNetworkRecord,
  ServiceRecord,
  TargetGroupRecord,
} from './model.ts';
import type { LatticeQuotas } from './quotas.ts';
import type { LatticeState } from './state.ts';

export interface OperationContext {
  readonly state: LatticeState;
  readonly caller: Caller;
  /** the caller's account in the request's region: where creates land */
  readonly scope: Scope;
  readonly now: Date;
  readonly accounts: AccountDirectory;
  readonly shares: ShareVisibility | undefined;
  readonly quotas: LatticeQuotas;
  readonly clientTokens: ClientTokens;
  /** milliseconds until an asynchronous state change of this operation completes */
  delayMs(operation: string): number;
  /** path labels, percent-decoded */
  readonly labels: Record<string, string>;
  readonly query: URLSearchParams;
  readonly body: Record<string, unknown>;
}

export const RESOURCE_TYPE: Record<ResourceKind, string> = {
  servicenetwork: 'SERVICE_NETWORK',
  service: 'SERVICE',
  listener: 'LISTENER',
  rule: 'RULE',
  targetgroup: 'TARGET_GROUP',
  servicenetworkserviceassociation: 'SERVICE_NETWORK_SERVICE_ASSOCIATION',
  servicenetworkvpcassociation: 'SERVICE_NETWORK_VPC_ASSOCIATION',
  accesslogsubscription: 'ACCESS_LOG_SUBSCRIPTION',
};

/**
 * Resolve an "ID or ARN" identifier of a top-level resource to its ARN. A malformed identifier is
 * a ValidationException; a well-formed one that names nothing is left for the caller to report.
 */
export function identifierToArn(
  ctx: OperationContext,
  kind: ResourceKind,
  identifier: string,
  field: string,
): string {
  if (idPattern(kind).test(identifier)) {
    return buildArn(ctx.scope.region, ctx.scope.accountId, `${kind}/${identifier}`);
  }
  const parts = parseArn(identifier);
  if (!parts || parts.kind !== kind)
    throw invalidField(field, `must be the ID or ARN of a ${RESOURCE_TYPE[kind]}`);
  return identifier;
}

/** The caller may see a resource it owns, or one shared with it through RAM when `shareable`. */
export function visible(
  ctx: OperationContext,
  record: Scope & { arn: string },
  shareable: boolean,
): boolean {
  if (record.region !== ctx.scope.region) return false;
  if (record.accountId === ctx.scope.accountId) return true;
  return shareable && (ctx.shares?.isSharedWith(record.arn, ctx.scope.accountId) ?? false);
}

export function getServiceNetwork(
  ctx: OperationContext,
  identifier: string,
  options: { shareable?: boolean; field?: string } = {},
): ServiceNetworkRecord {
  const arn = identifierToArn(
    ctx,
    'servicenetwork',
    identifier,
    options.field ?? 'serviceNetworkIdentifier',
  );
  const record = ctx.state.serviceNetworks.get(arn);
  if (!record || !visible(ctx, record, options.shareable ?? false)) {
    throw new ResourceNotFound(
      RESOURCE_TYPE.servicenetwork,
      identifier,
      `Service network ${identifier} not found`,
    );
  }
  return record;
}

export function getService(
  ctx: OperationContext,
  identifier: string,
  options: { shareable?: boolean; field?: string } = {},
): ServiceRecord {
  const arn = identifierToArn(ctx, 'service', identifier, options.field ?? 'serviceIdentifier');
  const record = ctx.state.services.get(arn);
  if (!record || !visible(ctx, record, options.shareable ?? false)) {
    throw new ResourceNotFound(
      RESOURCE_TYPE.service,
      identifier,
      `Service ${identifier} not found`,
    );
  }
  return record;
}

export function getTargetGroup(
  ctx: OperationContext,
  identifier: string,
  field = 'targetGroupIdentifier',
): TargetGroupRecord {
  const arn = identifierToArn(ctx, 'targetgroup', identifier, field);
  const record = ctx.state.targetGroups.get(arn);
  if (!record || !visible(ctx, record, false)) {
    throw new ResourceNotFound(
      RESOURCE_TYPE.targetgroup,
      identifier,
      `Target group ${identifier} not found`,
    );
  }
  return record;
}

export function getListener(
  ctx: OperationContext,
  service: ServiceRecord,
  identifier: string,
): ListenerRecord {
  let arn: string;
  if (idPattern('listener').test(identifier)) {
    arn = `${service.arn}/listener/${identifier}`;
  } else {
    const parts = parseArn(identifier);
    if (!parts || parts.kind !== 'listener')
      throw invalidField('listenerIdentifier', 'must be the ID or ARN of a listener');
    arn = identifier;
  }
  const record = ctx.state.listeners.get(arn);
  if (!record || record.serviceArn !== service.arn) {
    throw new ResourceNotFound(
      RESOURCE_TYPE.listener,
      identifier,
      `Listener ${identifier} not found`,
    );
  }
  return record;
}

export function getRule(
  ctx: OperationContext,
  listener: ListenerRecord,
  identifier: string,
): RuleRecord {
  let arn: string;
  if (idPattern('rule').test(identifier)) {
    arn = `${listener.arn}/rule/${identifier}`;
  } else {
    const parts = parseArn(identifier);
    if (!parts || parts.kind !== 'rule')
      throw invalidField('ruleIdentifier', 'must be the ID or ARN of a rule');
    arn = identifier;
  }
  const record = ctx.state.rules.get(arn);
  if (!record || record.listenerArn !== listener.arn) {
    throw new ResourceNotFound(RESOURCE_TYPE.rule, identifier, `Rule ${identifier} not found`);
  }
  return record;
}

/** Service network or service named by a ResourceIdentifier (auth policies, access logs). */
export function getPolicyResource(
  ctx: OperationContext,
  identifier: string,
  field: string,
): ServiceNetworkRecord | ServiceRecord {
  const looksLikeNetwork = identifier.startsWith('sn-') || identifier.includes(':servicenetwork/');
  const looksLikeService = identifier.startsWith('svc-') || identifier.includes(':service/svc-');
  if (looksLikeNetwork) return getServiceNetwork(ctx, identifier, { field });
  if (looksLikeService && !identifier.includes('/listener/'))
    return getService(ctx, identifier, { field });
  throw invalidField(field, 'must be the ID or ARN of a service network or service');
}

export function iso(date: Date): string {
  return date.toISOString();
}
