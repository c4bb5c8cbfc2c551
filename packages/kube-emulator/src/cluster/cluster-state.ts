// The materialized state of one virtual cluster: its store, the types it serves and the
// allocators built-in kinds need. Created lazily on a cluster's first request, so 1,000
// configured-but-idle clusters cost almost nothing.
import type { JsonObject } from '../json.ts';
import { TypeRegistry, resourceKeyOf } from '../resources/registry.ts';
import type { ResourceType } from '../resources/types.ts';
import { strategyFor } from '../resources/strategies.ts';
import { ObjectStore } from '../store/object-store.ts';
import { metadataOf } from '../store/object-meta.ts';
import { ServiceIpAllocator } from './service-ip-allocator.ts';
import { nowTimestamp } from './clock.ts';
import { seedCluster } from './seed.ts';
import { finishDeletion } from '../gc/garbage-collector.ts';

/** Issues a service-account token (see auth wiring); absent in pure store tests. */
/** Signs a token for the ServiceAccount whose object uid is `uid` ('' when it does not exist yet). */
export type ServiceAccountTokenIssuer = (namespace: string, serviceAccount: string, uid: string, secretName?: string) => string;

export interface ClusterStateOptions {
  historySize: number;
  tokenIssuer?: ServiceAccountTokenIssuer;
  caPem?: string;
}

export class ClusterState {
  readonly name: string;
  readonly store: ObjectStore;
  readonly types = new TypeRegistry();
  readonly serviceIps = new ServiceIpAllocator();
  readonly tokenIssuer: ServiceAccountTokenIssuer | undefined;
  readonly caPem: string | undefined;

  constructor(name: string, opts: ClusterStateOptions) {
    this.name = name;
    this.store = new ObjectStore(opts.historySize);
    this.tokenIssuer = opts.tokenIssuer;
    this.caPem = opts.caPem;
    seedCluster(this);
  }

  /** The type objects of `type`'s group/resource are stored as (the storage version). */
  storageTypeOf(type: ResourceType): ResourceType {
    if (!type.custom || type.storageVersion) return type;
    return this.types.storageType(type.group, type.plural) ?? type;
  }

  get(type: ResourceType, namespace: string, name: string): JsonObject | undefined {
    return this.store.get(resourceKeyOf(type), type.namespaced ? namespace : '', name);
  }

  /** Store a prepared new object and run its kind's after-create behaviour. */
  insert(type: ResourceType, obj: JsonObject): JsonObject {
    const stored = this.store.create(resourceKeyOf(type), obj);
    strategyFor(type)?.afterCreate?.(this, stored);
    return stored;
  }

  /**
   * Store a prepared replacement. An object being deleted whose last finalizer is gone is
   * removed, as the real API server does on that update.
   */
  replace(type: ResourceType, previous: JsonObject, obj: JsonObject): JsonObject {
    const stored = this.store.update(resourceKeyOf(type), obj);
    strategyFor(type)?.afterUpdate?.(this, previous, stored);
    const meta = metadataOf(stored);
    if (meta.deletionTimestamp && !(meta.finalizers?.length)) {
      this.removeNow(type, stored);
    }
    return stored;
  }

  /** Delete from the store now and let the garbage collector follow up. */
  removeNow(type: ResourceType, obj: JsonObject): JsonObject | undefined {
    const meta = metadataOf(obj);
    const removed = this.store.delete(resourceKeyOf(type), meta.namespace ?? '', meta.name ?? '');
    if (!removed) return undefined;
    strategyFor(type)?.afterDelete?.(this, removed);
    finishDeletion(this, removed);
    return removed;
  }

  now(): string {
    return nowTimestamp();
  }
}
