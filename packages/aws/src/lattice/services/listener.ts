// A listener of the multi-cluster service per exported port. Only its default action can change
// (UpdateListener); protocol and port are fixed, so a listener whose protocol or port differ is
// replaced (delete, then create: a short gap, only when the export's protocol itself changed).
import {
  CreateListenerCommand,
  DeleteListenerCommand,
  GetListenerCommand,
  paginateListListeners,
  UpdateListenerCommand,
  type RuleAction,
  type VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import { LATTICE_MAX_FORWARD_TARGET_GROUPS, MAX_LATTICE_WEIGHT } from '@trellis/core';
import { awsCall } from '../../clients/aws-errors.ts';
import {
  canonicalJson,
  carriesTags,
  idOf,
  requestToken,
  tagsOf,
  type IsOwned,
} from './resource-tags.ts';

export type ListenerAction =
  | { forward: { targetGroups: { targetGroupId: string; weight: number }[] } }
  | { fixedResponse: { statusCode: number } };

export interface ListenerIntent {
  name: string;
  protocol: 'HTTP' | 'HTTPS' | 'TLS_PASSTHROUGH';
  port: number;
  defaultAction: ListenerAction;
  tags: Record<string, string>;
  clientToken: string;
}

export interface ListenerState {
  id: string;
  arn: string;
  created: boolean;
  /** the default action was changed by UpdateListener */
  updated: boolean;
  /** the old listener had another protocol or port and was deleted first */
  replaced: boolean;
}

/** The action breaks a Lattice rule (weights 0-999, 1-10 distinct target groups, status codes). */
export class ListenerActionInvalidError extends Error {
  readonly listenerName: string;
  readonly problems: string[];

  constructor(listenerName: string, problems: string[]) {
    super(`listener ${listenerName}: ${problems.join('; ')}`);
    this.name = 'ListenerActionInvalidError';
    this.listenerName = listenerName;
    this.problems = problems;
  }
}

/** A listener of that name or port exists on the service without our tags. */
export class ListenerConflictError extends Error {
  readonly arn: string;

  constructor(message: string, arn: string) {
    super(message);
    this.name = 'ListenerConflictError';
    this.arn = arn;
  }
}

/** What is wrong with an action, before any call is made. Empty when it is valid. */
export function listenerActionProblems(action: ListenerAction, protocol: string): string[] {
  const problems: string[] = [];
  if ('fixedResponse' in action) {
    const code = action.fixedResponse.statusCode;
    if (!Number.isInteger(code) || code < 100 || code > 599)
      problems.push(`fixed-response status ${code} must be an integer from 100 to 599`);
    if (protocol === 'TLS_PASSTHROUGH')
      problems.push('TLS_PASSTHROUGH listeners cannot answer with a fixed response');
    return problems;
  }
  const groups = action.forward.targetGroups;
  if (groups.length < 1 || groups.length > LATTICE_MAX_FORWARD_TARGET_GROUPS) {
    problems.push(
      `a forward action takes 1 to ${LATTICE_MAX_FORWARD_TARGET_GROUPS} target groups (got ${groups.length})`,
    );
  }
  const seen = new Set<string>();
  for (const g of groups) {
    const id = idOf(g.targetGroupId);
    if (seen.has(id)) problems.push(`target group ${id} is listed twice`);
    seen.add(id);
    if (!Number.isInteger(g.weight) || g.weight < 0 || g.weight > MAX_LATTICE_WEIGHT)
      problems.push(
        `weight ${g.weight} of ${id} must be an integer from 0 to ${MAX_LATTICE_WEIGHT}`,
      );
  }
  return problems;
}

function toSdk(action: ListenerAction): RuleAction {
  if ('fixedResponse' in action) return { fixedResponse: { ...action.fixedResponse } };
  return {
    forward: {
      targetGroups: action.forward.targetGroups.map((g) => ({
        targetGroupIdentifier: g.targetGroupId,
        weight: g.weight,
      })),
    },
  };
}

/** Comparable form: target groups by ID, order-insensitive; a missing weight stays missing. */
function actionKey(action: RuleAction | undefined): string {
  if (action?.fixedResponse !== undefined)
    return canonicalJson({ fixedResponse: action.fixedResponse.statusCode });
  const groups = (action?.forward?.targetGroups ?? [])
    .map((g) => ({ id: idOf(g.targetGroupIdentifier ?? ''), weight: g.weight }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return canonicalJson({ forward: groups });
}

export interface ListenerSummary {
  id: string;
  arn: string;
  name: string;
  protocol: string;
  port: number | undefined;
}

export async function listListeners(
  lattice: VPCLatticeClient,
  serviceIdentifier: string,
): Promise<ListenerSummary[]> {
  return awsCall('ListListeners', async () => {
    const out: ListenerSummary[] = [];
    for await (const page of paginateListListeners({ client: lattice }, { serviceIdentifier })) {
      for (const l of page.items ?? []) {
        if (!l.id || !l.arn || !l.name) continue;
        out.push({ id: l.id, arn: l.arn, name: l.name, protocol: l.protocol ?? '', port: l.port });
      }
    }
    return out;
  });
}

/**
 * Converge one listener: create it, or UpdateListener only when the default action differs
 * (target groups and weights compared order-insensitively). Invalid actions are refused before
 * any call. `known` may pass a listing made once for all listeners of the service.
 */
export async function ensureListener(
  lattice: VPCLatticeClient,
  serviceId: string,
  intent: ListenerIntent,
  known?: readonly ListenerSummary[],
): Promise<ListenerState> {
  const problems = listenerActionProblems(intent.defaultAction, intent.protocol);
  if (problems.length > 0) throw new ListenerActionInvalidError(intent.name, problems);
  const listeners = known ?? (await listListeners(lattice, serviceId));
  const desiredAction = toSdk(intent.defaultAction);
  let replaced = false;

  const sameName = listeners.find((l) => l.name === intent.name);
  const samePort = listeners.find((l) => l.port === intent.port && l.name !== intent.name);
  if (samePort !== undefined) {
    // Another listener holds the port: ours under an old name (protocol changed) is replaced.
    if (!carriesTags(await tagsOf(lattice, samePort.arn), intent.tags)) {
      throw new ListenerConflictError(
        `listener ${samePort.name} (${samePort.arn}) already uses port ${intent.port} and is not managed by this Trellis hub`,
        samePort.arn,
      );
    }
    await deleteListener(lattice, serviceId, samePort.id);
    replaced = true;
  }
  if (sameName !== undefined) {
    const tags = await tagsOf(lattice, sameName.arn);
    if (!carriesTags(tags, intent.tags)) {
      throw new ListenerConflictError(
        `listener ${sameName.name} (${sameName.arn}) exists and is not managed by this Trellis hub`,
        sameName.arn,
      );
    }
    if (sameName.protocol === intent.protocol && sameName.port === intent.port) {
      const got = await awsCall('GetListener', () =>
        lattice.send(
          new GetListenerCommand({ serviceIdentifier: serviceId, listenerIdentifier: sameName.id }),
        ),
      );
      if (actionKey(got.defaultAction) === actionKey(desiredAction)) {
        return { id: sameName.id, arn: sameName.arn, created: false, updated: false, replaced };
      }
      await awsCall('UpdateListener', () =>
        lattice.send(
          new UpdateListenerCommand({
            serviceIdentifier: serviceId,
            listenerIdentifier: sameName.id,
            defaultAction: desiredAction,
          }),
        ),
      );
      return { id: sameName.id, arn: sameName.arn, created: false, updated: true, replaced };
    }
    await deleteListener(lattice, serviceId, sameName.id);
    replaced = true;
  }
  const request = {
    serviceIdentifier: serviceId,
    name: intent.name,
    protocol: intent.protocol,
    port: intent.port,
    defaultAction: desiredAction,
    tags: intent.tags,
  };
  const out = await awsCall('CreateListener', () =>
    lattice.send(
      new CreateListenerCommand({
        ...request,
        clientToken: requestToken(intent.clientToken, request),
      }),
    ),
  );
  return { id: out.id!, arn: out.arn!, created: true, updated: false, replaced };
}

async function deleteListener(
  lattice: VPCLatticeClient,
  serviceId: string,
  listenerId: string,
): Promise<void> {
  await awsCall('DeleteListener', () =>
    lattice.send(
      new DeleteListenerCommand({ serviceIdentifier: serviceId, listenerIdentifier: listenerId }),
    ),
  );
}

/** Delete the service's listener of that name if it carries our tags. */
export async function deleteOwnedListener(
  lattice: VPCLatticeClient,
  serviceId: string,
  name: string,
  isOwned: IsOwned,
): Promise<'deleted' | 'absent' | 'not-owned'> {
  const found = (await listListeners(lattice, serviceId)).find((l) => l.name === name);
  if (found === undefined) return 'absent';
  if (!isOwned(await tagsOf(lattice, found.arn))) return 'not-owned';
  await deleteListener(lattice, serviceId, found.id);
  return 'deleted';
}

/** The default action of a listener, as Lattice reports it (for detaching a target group). */
export async function listenerDefaultAction(
  lattice: VPCLatticeClient,
  serviceId: string,
  listenerId: string,
): Promise<RuleAction | undefined> {
  const got = await awsCall('GetListener', () =>
    lattice.send(
      new GetListenerCommand({ serviceIdentifier: serviceId, listenerIdentifier: listenerId }),
    ),
  );
  return got.defaultAction;
}
