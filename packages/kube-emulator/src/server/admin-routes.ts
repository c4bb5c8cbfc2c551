// The admin endpoint: add/remove clusters, inject faults, set EKS access entries.
//   GET    /admin/clusters
//   POST   /admin/clusters                      {"name": "delta"}
//   DELETE /admin/clusters/<name>
//   POST   /admin/clusters/<name>/faults         {"action": "fail", "count": 3, "code": 503, ...}
//   PUT    /admin/clusters/<name>/access-entries {"entries": [{principalArn, username, groups}]}
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccessEntry } from '../auth/index.ts';
import type { JsonObject } from '../json.ts';
import { isJsonObject } from '../json.ts';
import type { FaultHandle } from '../faults/fault-handle.ts';
import { ApiError, badRequest, methodNotAllowed, notFoundPath } from './api-error.ts';
import { decodeObject, readBody } from './request-body.ts';
import { sendJson } from './responses.ts';

export interface AdminOperations {
  clusterNames(): string[];
  addCluster(name: string): { name: string; server: string; token: string };
  removeCluster(name: string): boolean;
  faults(name: string): FaultHandle;
  setAccessEntries(name: string, entries: AccessEntry[]): void;
  hasCluster(name: string): boolean;
}

function num(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw badRequest(`${field} must be a number`);
  return v;
}

function applyFault(handle: FaultHandle, body: JsonObject): JsonObject {
  switch (body.action) {
    case 'fail': {
      const code = num(body.code, 'code');
      if (code !== 429 && code !== 500 && code !== 503) throw badRequest('code must be 429, 500 or 503');
      handle.failNext(num(body.count ?? 1, 'count'), code, {
        ...(typeof body.verb === 'string' ? { verb: body.verb } : {}),
        ...(typeof body.resource === 'string' ? { resource: body.resource } : {}),
        ...(typeof body.retryAfterSeconds === 'number' ? { retryAfterSeconds: body.retryAfterSeconds } : {}),
      });
      return {};
    }
    case 'latency':
      handle.setLatency(num(body.ms, 'ms'));
      return {};
    case 'dropWatches':
      return { dropped: handle.dropWatches({ abrupt: body.abrupt === true }) };
    case 'partition':
      handle.partition(body.mode === 'hang' ? 'hang' : 'reset');
      return {};
    case 'heal':
      handle.heal();
      return {};
    case 'expireHistory':
      handle.expireHistory();
      return {};
    case 'reset':
      handle.reset();
      return {};
    default:
      throw badRequest(
        'action must be one of fail, latency, dropWatches, partition, heal, expireHistory, reset',
      );
  }
}

export async function handleAdmin(ops: AdminOperations, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const segs = path.split('/').filter(Boolean).slice(1);
  const method = req.method ?? 'GET';
  if (segs[0] !== 'clusters') throw notFoundPath();
  if (segs.length === 1) {
    if (method === 'GET') return sendJson(res, 200, { clusters: ops.clusterNames() });
    if (method === 'POST') {
      const body = decodeObject(await readBody(req), 'application/json');
      if (typeof body.name !== 'string') throw badRequest('name is required');
      try {
        return sendJson(res, 201, ops.addCluster(body.name));
      } catch (err) {
        throw badRequest((err as Error).message);
      }
    }
    throw methodNotAllowed();
  }
  const name = decodeURIComponent(segs[1]);
  if (!ops.hasCluster(name)) throw new ApiError(404, 'NotFound', `cluster "${name}" not found`, {});
  if (segs.length === 2) {
    if (method === 'DELETE') {
      ops.removeCluster(name);
      return sendJson(res, 200, { removed: name });
    }
    throw methodNotAllowed();
  }
  if (segs[2] === 'faults' && method === 'POST') {
    const body = decodeObject(await readBody(req), 'application/json');
    return sendJson(res, 200, { cluster: name, action: body.action ?? null, ...applyFault(ops.faults(name), body) });
  }
  if (segs[2] === 'access-entries' && method === 'PUT') {
    const body = decodeObject(await readBody(req), 'application/json');
    const entries = Array.isArray(body.entries) ? body.entries.filter(isJsonObject) : [];
    ops.setAccessEntries(
      name,
      entries.map((e) => ({
        principalArn: typeof e.principalArn === 'string' ? e.principalArn : '',
        username: typeof e.username === 'string' ? e.username : '',
        groups: Array.isArray(e.groups) ? e.groups.map(String) : [],
      })),
    );
    return sendJson(res, 200, { cluster: name, entries: entries.length });
  }
  throw notFoundPath();
}
