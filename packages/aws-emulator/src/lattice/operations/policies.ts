// Auth policies (PutAuthPolicy/GetAuthPolicy/DeleteAuthPolicy) and resource policies
// (PutResourcePolicy/GetResourcePolicy/DeleteResourcePolicy) on service networks and services.
// An auth policy is Active only while the resource's authType is AWS_IAM (the API reference);
// the state is computed on read, so UpdateServiceNetwork/UpdateService flip it.
import { getPolicyResource, iso } from '../context.ts';
import type { OperationContext } from '../context.ts';
import { invalidField, ResourceNotFound } from '../errors.ts';
import { parseArn } from '../ids.ts';
import type { ServiceNetworkRecord, ServiceRecord } from '../model.ts';
import type { Route } from '../route.ts';
import { reqString } from '../validate.ts';

function checkPolicyJson(field: string, policy: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(policy);
  } catch {
    throw invalidField(field, 'must be a JSON policy document');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidField(field, 'must be a JSON policy document');
  }
}

function authState(resource: ServiceNetworkRecord | ServiceRecord): 'Active' | 'Inactive' {
  return resource.authType === 'AWS_IAM' ? 'Active' : 'Inactive';
}

function putAuth(ctx: OperationContext): unknown {
  const resource = getPolicyResource(ctx, ctx.labels['resourceIdentifier'], 'resourceIdentifier');
  const policy = reqString(ctx.body, 'policy', { max: 10000 });
  checkPolicyJson('policy', policy);
  const existing = ctx.state.authPolicies.get(resource.arn);
  ctx.state.authPolicies.set(resource.arn, {
    policy,
    createdAt: existing?.createdAt ?? ctx.now,
    lastUpdatedAt: ctx.now,
  });
  return { policy, state: authState(resource) };
}

function getAuth(ctx: OperationContext): unknown {
  const resource = getPolicyResource(ctx, ctx.labels['resourceIdentifier'], 'resourceIdentifier');
  const record = ctx.state.authPolicies.get(resource.arn);
  if (!record)
    throw new ResourceNotFound(
      'AUTH_POLICY',
      resource.id,
      `No auth policy is attached to ${resource.id}`,
    );
  return {
    policy: record.policy,
    state: authState(resource),
    createdAt: iso(record.createdAt),
    lastUpdatedAt: iso(record.lastUpdatedAt),
  };
}

function deleteAuth(ctx: OperationContext): unknown {
  const resource = getPolicyResource(ctx, ctx.labels['resourceIdentifier'], 'resourceIdentifier');
  ctx.state.authPolicies.delete(resource.arn);
  return undefined;
}

/** ResourcePolicy operations take an ARN only (the model's ResourceArn). */
function policyResourceByArn(ctx: OperationContext): ServiceNetworkRecord | ServiceRecord {
  const arn = ctx.labels['resourceArn'];
  const parts = parseArn(arn);
  if (!parts || (parts.kind !== 'servicenetwork' && parts.kind !== 'service')) {
    throw invalidField('resourceArn', 'must be the ARN of a service network or service');
  }
  return getPolicyResource(ctx, arn, 'resourceArn');
}

function putResource(ctx: OperationContext): unknown {
  const resource = policyResourceByArn(ctx);
  const policy = reqString(ctx.body, 'policy', { min: 1, max: 10000 });
  checkPolicyJson('policy', policy);
  ctx.state.resourcePolicies.set(resource.arn, policy);
  return {};
}

function getResource(ctx: OperationContext): unknown {
  const resource = policyResourceByArn(ctx);
  const policy = ctx.state.resourcePolicies.get(resource.arn);
  if (policy === undefined) {
    throw new ResourceNotFound(
      'RESOURCE_POLICY',
      resource.arn,
      `No resource policy is attached to ${resource.arn}`,
    );
  }
  return { policy };
}

function deleteResource(ctx: OperationContext): unknown {
  const resource = policyResourceByArn(ctx);
  ctx.state.resourcePolicies.delete(resource.arn);
  return undefined;
}

export const policyRoutes: Route[] = [
  {
    operation: 'PutAuthPolicy',
    method: 'PUT',
    path: '/authpolicy/{resourceIdentifier}',
    status: 200,
    mutating: true,
    handler: putAuth,
  },
  {
    operation: 'GetAuthPolicy',
    method: 'GET',
    path: '/authpolicy/{resourceIdentifier}',
    status: 200,
    mutating: false,
    handler: getAuth,
  },
  {
    operation: 'DeleteAuthPolicy',
    method: 'DELETE',
    path: '/authpolicy/{resourceIdentifier}',
    status: 204,
    mutating: true,
    handler: deleteAuth,
  },
  {
    operation: 'PutResourcePolicy',
    method: 'PUT',
    path: '/resourcepolicy/{resourceArn}',
    status: 200,
    mutating: true,
    handler: putResource,
  },
  {
    operation: 'GetResourcePolicy',
    method: 'GET',
    path: '/resourcepolicy/{resourceArn}',
    status: 200,
    mutating: false,
    handler: getResource,
  },
  {
    operation: 'DeleteResourcePolicy',
    method: 'DELETE',
    path: '/resourcepolicy/{resourceArn}',
    status: 204,
    mutating: true,
    handler: deleteResource,
  },
];
