// WATCH: replay from a resourceVersion within the history window (410 Expired beyond it),
// initial ADDED events for "from now", sendInitialEvents with the initial-events-end bookmark.
import type { JsonObject } from '../json.ts';
import { apiVersionOf } from '../cluster/object-prep.ts';
import { resourceKeyOf } from '../resources/registry.ts';
import { badRequest, expired } from '../server/api-error.ts';
import { encodeObject } from '../server/encode.ts';
import type { ResourceContext } from '../server/request-context.ts';
import type { StoreEvent } from '../store/store-event.ts';
import { ObjectFilter } from '../watch/watch-filter.ts';
import { WatchSession } from '../watch/watch-session.ts';

function fieldSelectorWithName(ctx: ResourceContext): string | null {
  const given = ctx.query.get('fieldSelector');
  if (!ctx.name) return given;
  const byName = `metadata.name=${ctx.name}`;
  return given ? `${given},${byName}` : byName;
}

export function handleWatch(ctx: ResourceContext): void {
  const store = ctx.state.store;
  const filter = new ObjectFilter(ctx.type, ctx.namespace, ctx.query.get('labelSelector'), fieldSelectorWithName(ctx));
  const rvParam = ctx.query.get('resourceVersion') ?? '';
  const bookmarks = ctx.query.get('allowWatchBookmarks') === 'true';
  const sendInitialEventsParam = ctx.query.get('sendInitialEvents');
  const sendInitialEvents = sendInitialEventsParam === 'true';
  if (sendInitialEventsParam !== null && sendInitialEventsParam !== '') {
    if (ctx.query.get('resourceVersionMatch') !== 'NotOlderThan') {
      throw badRequest(
        'resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
      );
    }
  }
  const timeoutParam = ctx.query.get('timeoutSeconds');
  const timeoutSeconds = timeoutParam ? Number(timeoutParam) : ctx.services.maxWatchSeconds;
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds < 0) throw badRequest(`invalid timeoutSeconds: ${timeoutParam}`);

  const resourceKey = resourceKeyOf(ctx.type);
  let initial: JsonObject[] = [];
  let replay: StoreEvent[] = [];
  let tooOld: number | undefined;
  if (sendInitialEvents || rvParam === '' || rvParam === '0') {
    if (sendInitialEvents || sendInitialEventsParam === null || sendInitialEventsParam === '') {
      initial = store
        .list(resourceKey, ctx.type.namespaced ? ctx.namespace || undefined : undefined)
        .filter((o) => filter.matches(o));
    }
  } else {
    const rv = Number(rvParam);
    if (!Number.isInteger(rv) || rv < 0) throw badRequest(`invalid resource version: ${rvParam}`);
    const events = store.history.since(rv);
    if (events === undefined) tooOld = rv;
    else replay = events;
  }

  const session = new WatchSession({
    res: ctx.res,
    store,
    resourceKey,
    filter,
    encode: (obj) => encodeObject(ctx, obj),
    bookmarkKind: { kind: ctx.type.kind, apiVersion: apiVersionOf(ctx.type) },
    bookmarks,
    bookmarkIntervalMs: ctx.services.bookmarkIntervalMs,
    timeoutMs: Math.max(1, timeoutSeconds) * 1000,
    onClose: (s) => ctx.cluster.watches.delete(s),
  });
  ctx.cluster.watches.add(session);
  if (tooOld !== undefined) {
    // the real server answers 200 and then a single ERROR event carrying the 410
    session.start([], [], false);
    session.fail(expired(`too old resource version: ${tooOld} (${store.history.compactedRevision})`).toStatus());
    return;
  }
  session.start(initial, replay, sendInitialEvents && bookmarks);
}
