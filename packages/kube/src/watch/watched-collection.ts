import {
  ListWatch,
  Watch,
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
} from '@kubernetes/client-node';
import pino, { type Logger } from 'pino';
import { kubeRequest } from '../objects/kube-http.ts';
import { resourcePath, type ResourceRef } from '../objects/resource-ref.ts';

export type WatchEventType = 'add' | 'update' | 'delete';
export type WatchHandler<T> = (type: WatchEventType, object: T) => void;

export interface WatchedCollectionOptions {
  namespace?: string;
  labelSelector?: string;
  /** restart delay after a failed list/watch grows from this… */
  minRestartDelayMs?: number;
  /** …up to this */
  maxRestartDelayMs?: number;
  logger?: Logger;
}

/**
 * Objects are cached without metadata.managedFields: the hub never reads them from a cache (it
 * writes with server-side apply), and they are often the largest part of an object — for the
 * hub's own ServiceImports, cached in every member cluster, more than half.
 */
function withoutManagedFields<T>(object: T): T {
  const metadata = (object as { metadata?: { managedFields?: unknown } } | null)?.metadata;
  if (metadata !== undefined) delete metadata.managedFields;
  return object;
}

/**
 * client-node builds a new undici Agent for every watch request, so each (re)connect of a watch
 * — every few minutes per watch, five watches per member cluster — is a new TCP connection, TLS
 * handshake and secure context. Under load those handshakes are what times out (and every
 * failed connect is a relist). Sharing one dispatcher per (cluster, user) of a KubeConfig lets
 * reconnects reuse its keep-alive connections, as client-node already does for its https agents.
 */
const sharing = new WeakSet<KubeConfig>();
function shareDispatchers(kc: KubeConfig): KubeConfig {
  if (sharing.has(kc)) return kc;
  sharing.add(kc);
  // createDispatcher is private in client-node's typings; it is what applySecurityAuthentication
  // calls for every request context.
  const target = kc as unknown as {
    createDispatcher: (cluster: unknown, agentOptions: unknown) => unknown;
  };
  const create = target.createDispatcher.bind(kc);
  const dispatchers = new Map<string, unknown>();
  target.createDispatcher = (cluster, agentOptions) => {
    const c = cluster as { name?: string; server?: string } | null;
    const key = JSON.stringify([c?.name, c?.server, kc.getCurrentUser()?.name]);
    if (!dispatchers.has(key)) dispatchers.set(key, create(cluster, agentOptions));
    return dispatchers.get(key);
  };
  return kc;
}

class LeanWatch extends Watch {
  override watch(
    path: string,
    queryParams: Record<string, string | number | boolean | undefined>,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- client-node's own signature
    callback: (phase: string, apiObj: any, watchObj?: any) => void,
    done: (err: unknown) => void,
  ): Promise<AbortController> {
    return super.watch(
      path,
      queryParams,
      (phase, apiObj, watchObj) => callback(phase, withoutManagedFields(apiObj), watchObj),
      done,
    );
  }
}

/**
 * A cache of one resource type on one cluster, kept current by list+watch (client-node's
 * ListWatch: resumes from the last resourceVersion after a dropped watch, relists after 410 Gone).
 * ListWatch gives up on other errors; this restarts it with backoff, so an unreachable cluster
 * is retried forever, and reports its health through `connected`.
 */
export class WatchedCollection<T extends KubernetesObject> {
  private readonly listWatch: ListWatch<T>;
  private readonly options: WatchedCollectionOptions;
  private readonly log: Logger;
  private readonly handlers: WatchHandler<T>[] = [];
  private restartTimer: NodeJS.Timeout | undefined;
  private restartDelayMs: number;
  private stopped = true;
  private syncedOnce = false;
  private readonly syncWaiters: (() => void)[] = [];
  /** false after a list or watch error, until the next successful list/watch start */
  connected = false;
  lastError: unknown;

  constructor(kc: KubeConfig, ref: ResourceRef, options: WatchedCollectionOptions = {}) {
    this.options = options;
    this.log = options.logger ?? pino({ level: 'silent' });
    this.restartDelayMs = options.minRestartDelayMs ?? 500;
    const path = resourcePath(
      ref,
      options.namespace !== undefined ? { namespace: options.namespace } : {},
    );
    const listFn = async (): Promise<KubernetesListObject<T>> => {
      const list = await kubeRequest<KubernetesListObject<T>>(kc, {
        method: 'GET',
        path,
        query: { labelSelector: options.labelSelector },
      });
      for (const item of list.items) withoutManagedFields(item);
      // ListWatch stores the list when this returns (in a microtask): synced once that is done
      setImmediate(() => this.markSynced());
      return list;
    };
    this.listWatch = new ListWatch<T>(
      path,
      new LeanWatch(shareDispatchers(kc)),
      listFn,
      false,
      options.labelSelector,
    );
    this.listWatch.on('add', (o) => this.emit('add', o));
    this.listWatch.on('update', (o) => this.emit('update', o));
    this.listWatch.on('delete', (o) => this.emit('delete', o));
    this.listWatch.on('connect', () => {
      this.connected = true;
    });
    this.listWatch.on('error', (error: unknown) => this.onError(error));
  }

  on(handler: WatchHandler<T>): void {
    this.handlers.push(handler);
  }

  get(name: string, namespace?: string): T | undefined {
    return this.listWatch.get(name, namespace);
  }

  list(namespace?: string): readonly T[] {
    return this.listWatch.list(namespace);
  }

  /** Whether the first list has filled the cache (an empty cache before that says nothing). */
  get hasSynced(): boolean {
    return this.syncedOnce;
  }

  /** Resolves once the first list has filled the cache. */
  synced(): Promise<void> {
    if (this.syncedOnce) return Promise.resolve();
    return new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.listWatch.start().catch((error: unknown) => this.onError(error));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    await this.listWatch.stop();
  }

  private emit(type: WatchEventType, object: T): void {
    for (const handler of this.handlers) {
      try {
        handler(type, object);
      } catch (error) {
        this.log.error({ err: error }, 'watch handler threw');
      }
    }
  }

  private markSynced(): void {
    this.connected = true;
    this.restartDelayMs = this.options.minRestartDelayMs ?? 500;
    if (this.syncedOnce) return;
    this.syncedOnce = true;
    for (const resolve of this.syncWaiters.splice(0)) resolve();
  }

  private onError(error: unknown): void {
    this.connected = false;
    this.lastError = error;
    if (this.stopped) return;
    const delay = this.restartDelayMs;
    this.restartDelayMs = Math.min(delay * 2, this.options.maxRestartDelayMs ?? 30_000);
    // 404: the resource is not served (yet) — e.g. a CRD being installed; expected, not alarming
    if ((error as { statusCode?: unknown } | undefined)?.statusCode === 404)
      this.log.info({ delayMs: delay }, 'resource not served (yet); retrying the list/watch');
    else this.log.warn({ err: error, delayMs: delay }, 'list/watch failed; restarting');
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      if (!this.stopped) void this.listWatch.start().catch((e: unknown) => this.onError(e));
    }, delay);
  }
}
