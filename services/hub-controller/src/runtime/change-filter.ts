// Cross-object triggers (a cluster's change re-queues its tenant and the tenant's services) fire
// only for changes that can matter to the other object: a status write that only refreshed a
// heartbeat, or a new resourceVersion with nothing else different, is not one. Without this, one
// cluster's heartbeat would reconcile every service of its tenant. The same filter keeps a
// controller's own status writes from coming back to it as work (ServiceExport conditions).
import { createHash } from 'node:crypto';
import type { KubernetesObject } from '@kubernetes/client-node';
import type { WatchEventType } from '@trellis/kube';
import { keyOf } from './object-key.ts';

/** Status fields that are bookkeeping, not state another object depends on. */
const VOLATILE_STATUS_FIELDS = ['lastHeartbeatTime'];

export interface ChangeFilterOptions {
  /**
   * Whether status changes count. Not for objects whose status only this controller writes
   * (ServiceExport conditions): its own write would come back as a change and reconcile again.
   */
  status?: boolean;
}

/** A 48-bit digest of what counts: a number per object, not a copy of its fields. */
function fingerprint(
  object: KubernetesObject & { spec?: unknown; status?: unknown },
  withStatus: boolean,
): number {
  const { uid, labels, annotations, deletionTimestamp, finalizers } = object.metadata ?? {};
  const status = !withStatus
    ? undefined
    : typeof object.status === 'object' && object.status !== null
      ? Object.fromEntries(
          Object.entries(object.status).filter(([k]) => !VOLATILE_STATUS_FIELDS.includes(k)),
        )
      : object.status;
  // uid: a relist may show a deleted and re-created object as one update
  const json = JSON.stringify([
    uid,
    labels,
    annotations,
    deletionTimestamp,
    finalizers,
    object.spec,
    status,
  ]);
  return createHash('sha1').update(json).digest().readUIntBE(0, 6);
}

export class ChangeFilter {
  private readonly seen = new Map<string, number>();
  private readonly withStatus: boolean;

  constructor(options: ChangeFilterOptions = {}) {
    this.withStatus = options.status ?? true;
  }

  /** True when `object` differs meaningfully from the last version seen (always for add/delete). */
  changed(type: WatchEventType, object: KubernetesObject & { spec?: unknown }): boolean {
    const key = keyOf(object);
    if (type === 'delete') {
      this.seen.delete(key);
      return true;
    }
    const next = fingerprint(object, this.withStatus);
    const previous = this.seen.get(key);
    this.seen.set(key, next);
    return type === 'add' || previous !== next;
  }
}
