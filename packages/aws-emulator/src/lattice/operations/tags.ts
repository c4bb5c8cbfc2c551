// TagResource, UntagResource, ListTagsForResource on every taggable Lattice ARN (service networks,
// services, listeners, rules, target groups, both association kinds, access-log subscriptions).
// At most 50 tags per resource; keys 1-128 characters and not starting with "aws:", values ≤ 256.
import { RESOURCE_TYPE } from '../context.ts';
import type { OperationContext } from '../context.ts';
import { invalidField, ResourceNotFound } from '../errors.ts';
import { parseArn } from '../ids.ts';
import type { Route } from '../route.ts';
import { checkTagKey, checkTags, MAX_TAGS } from '../validate.ts';

function taggable(ctx: OperationContext): string {
  const arn = ctx.labels['resourceArn'];
  const parts = parseArn(arn);
  if (!parts) throw invalidField('resourceArn', 'must be the ARN of a VPC Lattice resource');
  const maps: Record<string, Map<string, { accountId: string; region: string }>> = {
    servicenetwork: ctx.state.serviceNetworks,
    service: ctx.state.services,
    listener: ctx.state.listeners,
    rule: ctx.state.rules,
    targetgroup: ctx.state.targetGroups,
    servicenetworkserviceassociation: ctx.state.serviceAssociations,
    servicenetworkvpcassociation: ctx.state.vpcAssociations,
    accesslogsubscription: ctx.state.accessLogSubscriptions,
  };
  const record = maps[parts.kind]?.get(arn);
  if (!record || record.accountId !== ctx.scope.accountId || record.region !== ctx.scope.region) {
    throw new ResourceNotFound(RESOURCE_TYPE[parts.kind], arn, `Resource ${arn} not found`);
  }
  return arn;
}

function tag(ctx: OperationContext): unknown {
  const arn = taggable(ctx);
  const tags = checkTags(ctx.body['tags']);
  if (!tags) throw invalidField('tags', 'is required');
  const merged = { ...(ctx.state.tags.get(arn) ?? {}), ...tags };
  if (Object.keys(merged).length > MAX_TAGS)
    throw invalidField('tags', `a resource can have at most ${MAX_TAGS} tags`);
  ctx.state.tags.set(arn, merged);
  return {};
}

function untag(ctx: OperationContext): unknown {
  const arn = taggable(ctx);
  const keys = ctx.query.getAll('tagKeys');
  if (keys.length === 0) throw invalidField('tagKeys', 'is required');
  for (const key of keys) checkTagKey(key);
  const current = { ...(ctx.state.tags.get(arn) ?? {}) };
  for (const key of keys) delete current[key];
  ctx.state.tags.set(arn, current);
  return {};
}

function listTags(ctx: OperationContext): unknown {
  const arn = taggable(ctx);
  return { tags: ctx.state.tags.get(arn) ?? {} };
}

export const tagRoutes: Route[] = [
  {
    operation: 'TagResource',
    method: 'POST',
    path: '/tags/{resourceArn}',
    status: 200,
    mutating: true,
    handler: tag,
  },
  {
    operation: 'UntagResource',
    method: 'DELETE',
    path: '/tags/{resourceArn}',
    status: 200,
    mutating: true,
    handler: untag,
  },
  {
    operation: 'ListTagsForResource',
    method: 'GET',
    path: '/tags/{resourceArn}',
    status: 200,
    mutating: false,
    handler: listTags,
  },
];
