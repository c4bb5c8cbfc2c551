// One open watch: a chunked HTTP response carrying one JSON watch event per line. Translates
// store events through the watcher's selectors (an object leaving the selection is DELETED for
// this watcher, one entering it is ADDED), sends bookmarks, and ends on timeout.
import type { ServerResponse } from 'node:http';
import type { JsonObject } from '../json.ts';
import type { StoreEvent } from '../store/store-event.ts';
import type { ObjectStore } from '../store/object-store.ts';
import type { ObjectFilter } from './watch-filter.ts';

/** A watcher this far behind is cut off, as the real server drops watchers that cannot keep up. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchSessionOptions {
  res: ServerResponse;
  store: ObjectStore;
  resourceKey: string;
  filter: ObjectFilter;
  /** how an object is sent (version rewrite, Table row, PartialObjectMetadata) */
  encode: (obj: JsonObject) => JsonObject;
  /** kind/apiVersion for BOOKMARK objects */
  bookmarkKind: { kind: string; apiVersion: string };
  bookmarks: boolean;
  bookmarkIntervalMs: number;
  timeoutMs: number;
  onClose: (session: WatchSession) => void;
}

export class WatchSession {
  readonly #opts: WatchSessionOptions;
  #unsubscribe: (() => void) | undefined;
  #timers: NodeJS.Timeout[] = [];
  #closed = false;

  constructor(opts: WatchSessionOptions) {
    this.#opts = opts;
    opts.res.on('close', () => this.#cleanup());
  }

  get resourceKey(): string {
    return this.#opts.resourceKey;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Send headers, the initial/replayed events, then follow the store. */
  start(initial: JsonObject[], replay: StoreEvent[], initialEventsEnd: boolean): void {
    const { res } = this.#opts;
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, private',
      'Transfer-Encoding': 'chunked',
    });
    res.flushHeaders();
    for (const obj of initial) this.#send('ADDED', this.#opts.encode(obj));
    for (const event of replay) this.deliver(event);
    if (initialEventsEnd) this.#sendBookmark(true);
    this.#unsubscribe = this.#opts.store.subscribe((e) => this.deliver(e));
    if (this.#opts.bookmarks) {
      const t = setInterval(() => this.#sendBookmark(false), this.#opts.bookmarkIntervalMs);
      t.unref();
      this.#timers.push(t);
    }
    const timeout = setTimeout(() => this.end(), this.#opts.timeoutMs);
    timeout.unref();
    this.#timers.push(timeout);
  }

  deliver(event: StoreEvent): void {
    if (this.#closed || event.resourceKey !== this.#opts.resourceKey) return;
    const { filter } = this.#opts;
    if (filter.namespace !== undefined && event.namespace !== filter.namespace) return;
    const now = filter.matches(event.object);
    if (event.type === 'ADDED') {
      if (now) this.#send('ADDED', this.#opts.encode(event.object));
      return;
    }
    if (event.type === 'DELETED') {
      const before = event.previous ? filter.matches(event.previous) : now;
      if (before) this.#send('DELETED', this.#opts.encode(event.object));
      return;
    }
    const before = !filter.selective || (event.previous ? filter.matches(event.previous) : false);
    if (before && now) this.#send('MODIFIED', this.#opts.encode(event.object));
    else if (!before && now) this.#send('ADDED', this.#opts.encode(event.object));
    else if (before && !now) this.#send('DELETED', this.#opts.encode(event.object));
  }

  /** A terminal ERROR event (e.g. 410 Expired), then end the stream. */
  fail(status: JsonObject): void {
    this.#send('ERROR', status);
    this.end();
  }

  /** End the stream cleanly, as the server does when a watch times out. */
  end(): void {
    if (this.#closed) return;
    this.#cleanup();
    this.#opts.res.end();
  }

  /** Cut the connection, as a network failure would. */
  destroy(): void {
    if (this.#closed) return;
    this.#cleanup();
    this.#opts.res.destroy();
  }

  #sendBookmark(initialEventsEnd: boolean): void {
    const metadata: JsonObject = { resourceVersion: String(this.#opts.store.resourceVersion) };
    if (initialEventsEnd) metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
    this.#send('BOOKMARK', { ...this.#opts.bookmarkKind, metadata });
  }

  #send(type: WatchEventType, object: JsonObject): void {
    if (this.#closed) return;
    const { res } = this.#opts;
    if (res.writableLength > MAX_BUFFERED_BYTES) {
      this.destroy();
      return;
    }
    res.write(`${JSON.stringify({ type, object })}\n`);
  }

  #cleanup(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#unsubscribe?.();
    for (const t of this.#timers) clearTimeout(t);
    this.#timers = [];
    this.#opts.onClose(this);
  }
}
