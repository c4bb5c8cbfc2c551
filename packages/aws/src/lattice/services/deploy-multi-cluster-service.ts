// Apply one DesiredMultiClusterService (planLatticeService's output) to the account of its target
// groups, through the per-resource managers, in dependency order: service → service-network
// association → target groups and their targets → listeners (switched to the current groups) →
// superseded and unwanted groups and listeners removed. At steady state it makes no mutating call.
import type { AuthType, VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import { isOwnedBy, TAG_KEYS, type DesiredMultiClusterService } from '@trellis/core';
import { clientToken } from '../../clients/client-token.ts';
import { convergeWithInventory, type LatticeInventory } from './inventory.ts';
import { ensureLatticeService, type LatticeServiceState } from './lattice-service.ts';
import {
  deleteOwnedListener,
  ensureListener,
  listListeners,
  type ListenerState,
} from './listener.ts';
import {
  ensureServiceNetworkServiceAssociation,
  type ServiceAssociationState,
} from './service-association.ts';
import { deleteOwnedTargetGroup, type DeleteTargetGroupResult } from './target-group-deletion.ts';
import {
  ensureTargetGroup,
  listOwnedTargetGroups,
  listTargetGroups,
  type TargetGroupState,
} from './target-group.ts';
import { countTargetStatuses, listTargets, syncTargets, type TargetSyncResult } from './targets.ts';

export interface DeployOptions {
  /** the Lattice service's auth type (the tenant's setting) */
  authType: AuthType;
  /**
   * Clusters the hub cannot reach now: their target groups are never deleted, even when the plan
   * no longer names them (their export may just be invisible for a while).
   */
  unreachableClusters?: readonly string[];
  /**
   * The account's inventory (LatticeInventory): services and target groups are found through it
   * instead of listing the account on every call; a stale entry costs one more pass.
   */
  inventory?: LatticeInventory;
  /**
   * Called once the service, its association and its target groups are in place, before any
   * listener is created or changed. Lattice lets a target group serve one service only, so an
   * older service of the same export in this account (renamed) must let go of the groups here:
   * after the new service exists (failing to create it leaves the old one serving), before the
   * new listeners forward to them. May be called again when the apply is retried.
   */
  beforeListeners?: () => Promise<void>;
}

export interface DeployedTargetGroup extends TargetGroupState {
  desiredName: string;
  cluster: string;
  /** undefined when targets were left alone (cluster unreachable) */
  targets?: TargetSyncResult;
  /** registered targets by Lattice status (listed even when they were left alone) */
  health: Record<string, number>;
}

export interface DeployResult {
  service: LatticeServiceState;
  association: ServiceAssociationState;
  targetGroups: DeployedTargetGroup[];
  listeners: (ListenerState & { name: string })[];
  /** replaced or no longer wanted: removed after the listeners moved off them */
  removedTargetGroups: (DeleteTargetGroupResult & { name: string })[];
  removedListeners: string[];
  /** the association is ACTIVE (until then the DNS name does not resolve in the network) */
  ready: boolean;
}

/** Deterministic per-intent tokens: the same hub, service and resource always ask the same. */
function tokenFor(d: DesiredMultiClusterService, ...parts: string[]): string {
  return clientToken(d.hubId, d.tenant, d.namespace, d.name, ...parts);
}

export async function deployMultiClusterService(
  lattice: VPCLatticeClient,
  desired: DesiredMultiClusterService,
  options: DeployOptions,
): Promise<DeployResult> {
  return convergeWithInventory(options.inventory, () => deployOnce(lattice, desired, options));
}

async function deployOnce(
  lattice: VPCLatticeClient,
  desired: DesiredMultiClusterService,
  options: DeployOptions,
): Promise<DeployResult> {
  const inventory = options.inventory;
  const serviceScope = {
    hubId: desired.hubId,
    tenant: desired.tenant,
    namespace: desired.namespace,
    service: desired.name,
  };
  const isServiceOwned = (t: Record<string, string> | undefined) => isOwnedBy(t, serviceScope);

  const service = await ensureLatticeService(
    lattice,
    {
      accountId: desired.accountId,
      name: desired.service.name,
      authType: options.authType,
      tags: desired.service.tags,
      clientToken: tokenFor(desired, 'service'),
    },
    inventory,
  );
  const association = await ensureServiceNetworkServiceAssociation(lattice, {
    serviceArn: service.arn,
    serviceNetworkArn: desired.serviceNetworkAssociation.serviceNetworkArn,
    tags: desired.serviceNetworkAssociation.tags,
    clientToken: tokenFor(desired, 'association'),
  });

  const known =
    inventory !== undefined ? await inventory.targetGroups() : await listTargetGroups(lattice);
  const targetGroups: DeployedTargetGroup[] = [];
  for (const tg of desired.targetGroups) {
    const state = await ensureTargetGroup(
      lattice,
      {
        name: tg.name,
        vpcId: tg.config.vpcIdentifier,
        port: tg.config.port,
        protocol: tg.config.protocol,
        ...(tg.config.protocolVersion !== undefined
          ? { protocolVersion: tg.config.protocolVersion }
          : {}),
        ipAddressType: tg.config.ipAddressType,
        healthCheck: tg.config.healthCheck,
        tags: tg.tags,
        clientToken: tokenFor(desired, 'target-group', tg.name),
      },
      known,
      inventory,
    );
    const targets =
      tg.targetSync === 'exact' ? await syncTargets(lattice, state.id, tg.targets) : undefined;
    // an unreachable cluster's targets are only read (for the read model's health counts)
    const health = targets?.health ?? countTargetStatuses(await listTargets(lattice, state.id));
    targetGroups.push({
      ...state,
      desiredName: tg.name,
      cluster: tg.cluster,
      ...(targets !== undefined ? { targets } : {}),
      health,
    });
  }
  const idByName = new Map(targetGroups.map((tg) => [tg.desiredName, tg.id]));
  await options.beforeListeners?.();

  const existingListeners = await listListeners(lattice, service.id);
  const listeners: DeployResult['listeners'] = [];
  for (const l of desired.listeners) {
    const state = await ensureListener(
      lattice,
      service.id,
      {
        name: l.name,
        protocol: l.protocol,
        port: l.port,
        defaultAction: {
          forward: {
            targetGroups: l.defaultAction.forward.targetGroups.map((g) => ({
              targetGroupId: idByName.get(g.targetGroupName) ?? g.targetGroupName,
              weight: g.weight,
            })),
          },
        },
        tags: l.tags,
        clientToken: tokenFor(desired, 'listener', l.name),
      },
      existingListeners,
    );
    listeners.push({ ...state, name: l.name });
  }
  const removedListeners: string[] = [];
  const wantedListeners = new Set(desired.listeners.map((l) => l.name));
  const wantedPorts = new Set(desired.listeners.map((l) => l.port));
  for (const l of existingListeners) {
    // replaced listeners (same port, new protocol) were already deleted by ensureListener
    if (wantedListeners.has(l.name) || (l.port !== undefined && wantedPorts.has(l.port))) continue;
    if ((await deleteOwnedListener(lattice, service.id, l.name, isServiceOwned)) === 'deleted') {
      removedListeners.push(l.name);
    }
  }

  // Groups of this service that are ours but not current: superseded by a replacement, or of a
  // cluster or port that left the plan. Never those of an unreachable cluster.
  const current = new Set(targetGroups.map((tg) => tg.id));
  const unreachable = new Set(options.unreachableClusters ?? []);
  const removedTargetGroups: DeployResult['removedTargetGroups'] = [];
  // Only groups no service uses, or ours uses, can be this service's leftovers (the listeners were
  // switched above): only their tags are read.
  const candidates = (tg: { id: string; serviceArns: string[] }) =>
    !current.has(tg.id) && (tg.serviceArns.length === 0 || tg.serviceArns.includes(service.arn));
  for (const tg of await listOwnedTargetGroups(lattice, isServiceOwned, candidates, inventory)) {
    const cluster = tg.tags[TAG_KEYS.cluster];
    if (cluster !== undefined && unreachable.has(cluster)) continue;
    const removed = await deleteOwnedTargetGroup(lattice, tg.id, {
      isOwned: isServiceOwned,
      isListenerOwned: isServiceOwned,
    });
    if (removed.result === 'deleted' || removed.result === 'absent')
      await inventory?.forgetTargetGroup(tg.id);
    removedTargetGroups.push({ ...removed, name: tg.name });
  }

  return {
    service,
    association,
    targetGroups,
    listeners,
    removedTargetGroups,
    removedListeners,
    ready: association.status === 'ACTIVE',
  };
}
