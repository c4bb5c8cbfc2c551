// Deleting one of our target groups: first out of every listener that forwards to it (Lattice
// refuses to delete a group in use), then its targets deregistered, then the group.
import {
  DeleteListenerCommand,
  DeleteTargetGroupCommand,
  GetTargetGroupCommand,
  UpdateListenerCommand,
  type RuleAction,
  type VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import { awsCall, AwsCallError, errorCode, isAwsNotFound } from '../../clients/aws-errors.ts';
import { listenerDefaultAction, listListeners } from './listener.ts';
import { idOf, tagsOf, type IsOwned } from './resource-tags.ts';
import { syncTargets } from './targets.ts';

export type DeleteTargetGroupResult =
  | { result: 'deleted' | 'absent' | 'not-owned'; deregistered: number; listenersChanged: string[] }
  /** still forwarded to by a listener we may not change (or by a rule): nothing was deleted */
  | { result: 'in-use'; usedBy: string[]; deregistered: number; listenersChanged: string[] };

export interface DeleteTargetGroupOptions {
  /** the target group's owner check (its tags name the cluster too) */
  isOwned: IsOwned;
  /**
   * The owner check for listeners forwarding to it (service-level tags). When given, those
   * listeners are changed first: the group is dropped from the forward action, and a forward
   * left empty becomes a 503 fixed response (a TLS passthrough listener, which cannot answer,
   * is deleted). When absent, a group in use is reported 'in-use' and left alone.
   */
  isListenerOwned?: IsOwned;
}

function withoutGroup(action: RuleAction | undefined, groupId: string): RuleAction | 'unused' {
  const groups = action?.forward?.targetGroups;
  if (groups === undefined) return 'unused';
  const rest = groups.filter((g) => idOf(g.targetGroupIdentifier ?? '') !== groupId);
  if (rest.length === groups.length) return 'unused';
  return rest.length > 0
    ? { forward: { targetGroups: rest } }
    : { fixedResponse: { statusCode: 503 } };
}

export async function deleteOwnedTargetGroup(
  lattice: VPCLatticeClient,
  targetGroupIdentifier: string,
  options: DeleteTargetGroupOptions,
): Promise<DeleteTargetGroupResult> {
  let got;
  try {
    got = await lattice.send(new GetTargetGroupCommand({ targetGroupIdentifier }));
  } catch (error) {
    if (isAwsNotFound(error)) return { result: 'absent', deregistered: 0, listenersChanged: [] };
    throw new AwsCallError('GetTargetGroup', error);
  }
  const id = got.id!;
  if (!options.isOwned(await tagsOf(lattice, got.arn!))) {
    return { result: 'not-owned', deregistered: 0, listenersChanged: [] };
  }
  const listenersChanged: string[] = [];
  const usedBy: string[] = [];
  for (const serviceArn of got.serviceArns ?? []) {
    for (const listener of await listListeners(lattice, serviceArn)) {
      const next = withoutGroup(await listenerDefaultAction(lattice, serviceArn, listener.id), id);
      if (next === 'unused') continue;
      if (
        options.isListenerOwned === undefined ||
        !options.isListenerOwned(await tagsOf(lattice, listener.arn))
      ) {
        usedBy.push(listener.arn);
        continue;
      }
      if ('fixedResponse' in next && listener.protocol === 'TLS_PASSTHROUGH') {
        await awsCall('DeleteListener', () =>
          lattice.send(
            new DeleteListenerCommand({
              serviceIdentifier: serviceArn,
              listenerIdentifier: listener.id,
            }),
          ),
        );
      } else {
        await awsCall('UpdateListener', () =>
          lattice.send(
            new UpdateListenerCommand({
              serviceIdentifier: serviceArn,
              listenerIdentifier: listener.id,
              defaultAction: next,
            }),
          ),
        );
      }
      listenersChanged.push(listener.arn);
    }
  }
  if (usedBy.length > 0) return { result: 'in-use', usedBy, deregistered: 0, listenersChanged };
  const { deregistered } = await syncTargets(lattice, id, []);
  try {
    await lattice.send(new DeleteTargetGroupCommand({ targetGroupIdentifier: id }));
  } catch (error) {
    if (isAwsNotFound(error)) {
      return { result: 'absent', deregistered: deregistered.length, listenersChanged };
    }
    // still used by a rule (not a default action), which Trellis never creates
    if (errorCode(error) === 'ConflictException') {
      return {
        result: 'in-use',
        usedBy: got.serviceArns ?? [],
        deregistered: deregistered.length,
        listenersChanged,
      };
    }
    throw new AwsCallError('DeleteTargetGroup', error);
  }
  return { result: 'deleted', deregistered: deregistered.length, listenersChanged };
}
