// The steps of a Tenant reconcile, each small and idempotent. They read current state, converge
// it, and record what they found as conditions on the scope.
import {
  clientToken,
  ensureAccessLogSubscription,
  ensureAuthPolicy,
  ensureResourceShare,
  ensureServiceNetwork,
} from '@trellis/aws';
import {
  checkTenant,
  defaultServiceNetworkName,
  isOwnedBy,
  ownershipTags,
  TENANT_CONDITIONS,
  tenantNamespace,
  ValidationError,
} from '@trellis/core';
import { CoreResources } from '@trellis/kube';
import type { HubContext } from '../hub-context.ts';
import { clusterAccount, networkAccountChain } from '../identity-chains.ts';
import type { Tenant } from '../resources.ts';
import type { Phase } from '../runtime/reconcile-object.ts';
import type { ReconcileScope } from '../runtime/reconcile-scope.ts';

export type TenantScope = ReconcileScope<Tenant>;
export type TenantPhase = Phase<TenantScope>['run'];

export function tenantName(scope: TenantScope): string {
  return scope.object.metadata?.name ?? '';
}

export function serviceNetworkNameOf(tenant: Tenant): string {
  return tenant.spec.serviceNetwork?.name ?? defaultServiceNetworkName(tenant.metadata?.name ?? '');
}

export function ownershipOf(hub: HubContext, tenant: string) {
  const scope = { hubId: hub.settings.hubId, tenant };
  return {
    tags: ownershipTags(scope),
    isOwned: (tags: Record<string, string> | undefined) => isOwnedBy(tags, scope),
  };
}

export const validateTenant: TenantPhase = async (_hub, scope) => {
  const problems = checkTenant(tenantName(scope), scope.object.spec);
  if (problems.length > 0) {
    const message = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
    scope.setCondition({ type: 'Valid', status: 'False', reason: 'InvalidSpec', message });
    throw new ValidationError(problems, 'the tenant is invalid');
  }
  scope.setCondition({ type: 'Valid', status: 'True', reason: 'Valid' });
};

export const ensureTenantNamespace: TenantPhase = async (hub, scope) => {
  const namespace = tenantNamespace(tenantName(scope));
  await hub.mgmt.apply(CoreResources.namespaces, {
    metadata: {
      name: namespace,
      labels: {
        'trellis.dev/tenant': tenantName(scope),
        'app.kubernetes.io/managed-by': 'trellis',
      },
    },
  });
  scope.status.namespace = namespace;
};

export const assumeNetworkRole: TenantPhase = async (hub, scope) => {
  await hub.broker.credentialsFor(networkAccountChain(scope.object));
  scope.setCondition({
    type: TENANT_CONDITIONS.credentials,
    status: 'True',
    reason: 'RoleAssumed',
    message: `assumed ${scope.object.spec.networkAccount.roleArn}`,
  });
};

export const ensureTenantServiceNetwork: TenantPhase = async (hub, scope) => {
  const tenant = scope.object;
  const name = tenantName(scope);
  const account = tenant.spec.networkAccount;
  const { lattice } = hub.aws.clientsFor(networkAccountChain(tenant), account.region);
  const { tags, isOwned } = ownershipOf(hub, name);
  const authType = tenant.spec.serviceNetwork?.authType ?? 'NONE';
  const network = await ensureServiceNetwork(lattice, account.accountId, {
    name: serviceNetworkNameOf(tenant),
    authType,
    tags,
    clientToken: clientToken(hub.settings.hubId, name, 'service-network'),
  });
  if (network.changes.includes('created')) {
    hub.events.record(
      tenant,
      'Normal',
      'ServiceNetworkCreated',
      `created service network ${network.name} (${network.id})`,
    );
  } else if (network.adopted && scope.status.serviceNetwork === undefined) {
    hub.events.record(
      tenant,
      'Normal',
      'ServiceNetworkAdopted',
      `using existing service network ${network.name} (${network.id}); Trellis will not delete it`,
    );
  }
  if (
    authType === 'AWS_IAM' &&
    (await ensureAuthPolicy(lattice, network.id, tenant.spec.serviceNetwork?.authPolicy))
  ) {
    hub.events.record(
      tenant,
      'Normal',
      'AuthPolicyUpdated',
      `auth policy of ${network.name} updated`,
    );
  }
  const destination = tenant.spec.serviceNetwork?.accessLogDestinationArn;
  await ensureAccessLogSubscription(lattice, network.id, {
    destinationArn: destination,
    tags,
    clientToken: clientToken(hub.settings.hubId, name, 'access-log', destination ?? ''),
    isOwned,
  });
  scope.status.serviceNetwork = { id: network.id, arn: network.arn, name: network.name };
  scope.setCondition({
    type: TENANT_CONDITIONS.serviceNetwork,
    status: 'True',
    reason: network.adopted ? 'Adopted' : 'Available',
    message: `${network.name} (${network.id}), auth ${network.authType}`,
  });
};

/** Accounts of the tenant's clusters that need the network shared to them. */
export function clusterAccountsOf(hub: HubContext, tenant: Tenant): string[] {
  const namespace = tenantNamespace(tenant.metadata?.name ?? '');
  const accounts = new Set<string>();
  for (const cluster of hub.clusters.list(namespace)) {
    if (cluster.metadata?.deletionTimestamp) continue;
    const account = clusterAccount(cluster)?.accountId;
    if (account !== undefined && account !== tenant.spec.networkAccount.accountId)
      accounts.add(account);
  }
  return [...accounts].sort();
}

export const shareServiceNetwork: TenantPhase = async (hub, scope) => {
  const tenant = scope.object;
  const name = tenantName(scope);
  const network = scope.status.serviceNetwork as { arn: string; name: string } | undefined;
  if (network === undefined) return;
  const accounts = clusterAccountsOf(hub, tenant);
  hub.log.debug({ tenant: name, accounts }, 'share principals');
  scope.status.clusterCount = hub.clusters
    .list(tenantNamespace(name))
    .filter((c) => !c.metadata?.deletionTimestamp).length;
  if (accounts.length === 0 && scope.status.resourceShareArn === undefined) {
    scope.status.sharedWithAccounts = [];
    scope.setCondition({
      type: TENANT_CONDITIONS.ramShared,
      status: 'True',
      reason: 'NothingToShare',
      message: 'no cluster lives outside the network account yet',
    });
    return;
  }
  const { ram } = hub.aws.clientsFor(
    networkAccountChain(tenant),
    tenant.spec.networkAccount.region,
  );
  const { tags } = ownershipOf(hub, name);
  const share = await ensureResourceShare(ram, {
    name: `trellis-${name}`,
    resourceArn: network.arn,
    principals: accounts,
    allowExternalPrincipals: tenant.spec.sharing?.allowExternalPrincipals ?? true,
    tags,
    clientToken: clientToken(hub.settings.hubId, name, 'resource-share'),
  });
  if (share.changes.length > 0) {
    hub.events.record(
      tenant,
      'Normal',
      'ResourceShareUpdated',
      `RAM share now includes ${accounts.join(', ') || 'no accounts'}`,
    );
    // clusters waiting for the share can accept their invitations now
    for (const cluster of hub.clusters.list(tenantNamespace(name))) {
      hub.enqueueCluster(
        `${cluster.metadata?.namespace}/${cluster.metadata?.name}`,
        'share-changed',
      );
    }
  }
  scope.status.resourceShareArn = share.arn;
  scope.status.sharedWithAccounts = share.principals;
  scope.setCondition({
    type: TENANT_CONDITIONS.ramShared,
    status: 'True',
    reason: 'Shared',
    message: `shared with ${share.principals.length} account(s)`,
  });
};

/** In order; each may throw, leaving the conditions it set. */
export const TENANT_PHASES: readonly Phase<TenantScope>[] = [
  { name: 'validate', condition: 'Valid', run: validateTenant },
  { name: 'namespace', condition: 'Valid', run: ensureTenantNamespace },
  { name: 'credentials', condition: TENANT_CONDITIONS.credentials, run: assumeNetworkRole },
  {
    name: 'service-network',
    condition: TENANT_CONDITIONS.serviceNetwork,
    run: ensureTenantServiceNetwork,
  },
  { name: 'sharing', condition: TENANT_CONDITIONS.ramShared, run: shareServiceNetwork },
];

export const TENANT_READY_DEPENDS_ON = [
  'Valid',
  TENANT_CONDITIONS.credentials,
  TENANT_CONDITIONS.serviceNetwork,
  TENANT_CONDITIONS.ramShared,
];
