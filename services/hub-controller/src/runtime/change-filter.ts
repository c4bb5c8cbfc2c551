// Cross-object triggers (a cluster's change re-queues its tenant and the tenant's services) fire
// only for changes that can matter to the other object: a status write that only refreshed a
// heartbeat, or a new resourceVersion with nothing else different, is not one. Without this, one
// cluster's heartbeat would reconcile every service of its tenant.
import type { KubernetesObject } from '@kubernetes/client-node';
import type { WatchEventType } from '@trellis/kube';
import { keyOf } from './object-key.ts';

/** Status fields that are bookkeeping, not state another object depends on. */
const VOLATILE_STATUS_FIELDS = ['lastHeartbeatTime'];

function fingerprint(object: KubernetesObject & { spec?: unknown; status?: unknown }): string {
  const { labels, annotations, deletionTimestamp, finalizers } = object.metadata ?? {};
  const status =
    typeof object.status === 'object' && object.status !== null
      ? Object.fromEntries(
          Object.entries(object.status).filter(([k]) => !VOLATILE_STATUS_FIELDS.includes(k)),
        )
      : object.status;
  return JSON.stringify([labels, annotations, deletionTimestamp, finalizers, object.spec, status]);
}

export class ChangeFilter {
  private readonly seen = new Map<string, string>();

  /** True when `object` differs meaningfully from the last version seen (always for add/delete). */
  changed(type: WatchEventType, object: KubernetesObject & { spec?: unknown }): boolean {
    const key = keyOf(object);
    if (type === 'delete') {
      this.seen.delete(key);
      return true;
    }
    const next = fingerprint(object);
    const previous = this.seen.get(key);
    this.seen.set(key, next);
    return type === 'add' || previous !== next;
  }
}
