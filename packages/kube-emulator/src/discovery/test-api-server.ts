// Test-only: a minimal API server over the discovery, openapi and table functions plus a naive
// in-memory object store, so tests can run real kubectl against them and see what it requests.
// The real server is the core engineer's; this one exists to prove these modules' documents.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isJsonObject } from '../json.ts';
import type { JsonObject, JsonValue } from '../json.ts';
import type { ResourceType } from '../resources/types.ts';
import { openApiV2, openApiV3DocumentWithHash, openApiV3Paths } from '../openapi/index.ts';
import { toTable } from '../table/index.ts';
import {
  aggregatedDiscovery,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  negotiateDiscovery,
} from './index.ts';

export interface RecordedRequest {
  method: string;
  url: string;
  accept: string;
  contentType: string;
  body: string;
}

export interface TestApiServer {
  url: string;
  requests: RecordedRequest[];
  objects: Map<string, JsonObject>;
  close(): Promise<void>;
}

function send(
  res: ServerResponse,
  code: number,
  body: JsonValue,
  contentType = 'application/json',
): void {
  res.statusCode = code;
  res.setHeader('content-type', contentType);
  res.end(JSON.stringify(body));
}

function notFound(res: ServerResponse): void {
  send(res, 404, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    reason: 'NotFound',
    code: 404,
    message: 'the server could not find the requested resource',
  });
}

/** JSON merge patch (RFC 7386); good enough to echo kubectl's patches back in tests. */
function mergePatch(target: JsonValue, patch: JsonValue): JsonValue {
  if (!isJsonObject(patch)) return patch;
  const out: JsonObject = isJsonObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k] ?? null, v);
  }
  return out;
}

interface ResourcePath {
  type: ResourceType;
  namespace?: string;
  name?: string;
}

function parseResourcePath(types: readonly ResourceType[], path: string): ResourcePath | undefined {
  const m =
    /^\/(?:api\/([^/]+)|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?$/.exec(
      path,
    );
  if (!m) return undefined;
  const group = m[2] ?? '';
  const version = m[1] ?? m[3] ?? '';
  const type = types.find(
    (t) => t.group === group && t.version === version && t.plural === m[5] && t.served,
  );
  if (!type) return undefined;
  return { type, namespace: m[4], name: m[6] };
}

function wantsTable(accept: string): boolean {
  return /as=Table/.test(accept);
}

export async function startTestApiServer(types: readonly ResourceType[]): Promise<TestApiServer> {
  const requests: RecordedRequest[] = [];
  const objects = new Map<string, JsonObject>();
  let rv = 100;
  const key = (t: ResourceType, ns: string | undefined, name: string) =>
    `${t.group}/${t.plural}/${ns ?? ''}/${name}`;

  const handle = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    const accept = req.headers.accept ?? '';
    if (path === '/version') {
      send(res, 200, {
        major: '1',
        minor: '32',
        gitVersion: 'v1.32.0',
        gitCommit: 'emulator',
        gitTreeState: 'clean',
        buildDate: '2026-01-01T00:00:00Z',
        goVersion: 'go1.23',
        compiler: 'gc',
        platform: 'linux/amd64',
      });
      return;
    }
    if (path === '/api' || path === '/apis') {
      const scope = path === '/api' ? 'api' : 'apis';
      const n = negotiateDiscovery(accept);
      res.setHeader('vary', 'Accept');
      if (n.aggregated) send(res, 200, aggregatedDiscovery(types, scope, n.version), n.contentType);
      else send(res, 200, scope === 'api' ? apiVersions() : apiGroupList(types));
      return;
    }
    const gv = /^\/(?:api\/([^/]+)|apis\/([^/]+)\/([^/]+))$/.exec(path);
    if (gv) {
      const list = apiResourceList(types, gv[2] ?? '', gv[1] ?? gv[3] ?? '');
      if (list) send(res, 200, list);
      else notFound(res);
      return;
    }
    const g = /^\/apis\/([^/]+)$/.exec(path);
    if (g) {
      const group = apiGroup(types, g[1] ?? '');
      if (group) send(res, 200, group);
      else notFound(res);
      return;
    }
    if (path === '/openapi/v2') {
      if (!/json|\*\/\*/.test(accept))
        send(res, 406, {
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          reason: 'NotAcceptable',
          code: 406,
        });
      else send(res, 200, openApiV2(types));
      return;
    }
    if (path === '/openapi/v3') {
      send(res, 200, openApiV3Paths(types));
      return;
    }
    if (path.startsWith('/openapi/v3/')) {
      const built = openApiV3DocumentWithHash(types, path.slice('/openapi/v3/'.length));
      if (!built) notFound(res);
      else {
        res.setHeader('etag', `"${built.hash}"`);
        send(res, 200, built.document);
      }
      return;
    }
    const rp = parseResourcePath(types, path);
    if (!rp) {
      notFound(res);
      return;
    }
    const { type } = rp;
    if (/protobuf/.test(req.headers['content-type'] ?? '')) {
      // like a server without protobuf support for this type: client-go then retries as JSON
      send(res, 415, {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        reason: 'UnsupportedMediaType',
        code: 415,
        message: `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`,
      });
      return;
    }
    const apiVersion = type.group === '' ? type.version : `${type.group}/${type.version}`;
    if (req.method === 'GET' && !rp.name) {
      const items = [...objects.entries()]
        .filter(([k]) => k.startsWith(`${type.group}/${type.plural}/${rp.namespace ?? ''}`))
        .map(([, o]) => o);
      if (wantsTable(accept)) {
        const include = url.searchParams.get('includeObject');
        send(
          res,
          200,
          toTable(type, items, {
            includeObject: (include ?? undefined) as 'None' | 'Metadata' | 'Object' | undefined,
            listMeta: { resourceVersion: String(rv) },
          }),
          'application/json;as=Table;v=v1;g=meta.k8s.io',
        );
      } else {
        send(res, 200, {
          kind: type.listKind,
          apiVersion,
          metadata: { resourceVersion: String(rv) },
          items,
        });
      }
      return;
    }
    if (req.method === 'GET' && rp.name) {
      const o = objects.get(key(type, rp.namespace, rp.name));
      if (!o) notFound(res);
      else if (wantsTable(accept))
        send(
          res,
          200,
          toTable(type, [o], { listMeta: { resourceVersion: String(rv) } }),
          'application/json;as=Table;v=v1;g=meta.k8s.io',
        );
      else send(res, 200, o);
      return;
    }
    if (req.method === 'POST' && !rp.name) {
      const o = JSON.parse(body) as JsonObject;
      const meta = isJsonObject(o.metadata) ? o.metadata : {};
      if (type.namespaced) meta.namespace = rp.namespace ?? 'default';
      else delete meta.namespace;
      meta.uid = `uid-${rv}`;
      meta.resourceVersion = String(++rv);
      meta.creationTimestamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      o.metadata = meta;
      objects.set(key(type, rp.namespace, typeof meta.name === 'string' ? meta.name : ''), o);
      send(res, 201, o);
      return;
    }
    if (req.method === 'PATCH' && rp.name) {
      const k = key(type, rp.namespace, rp.name);
      const current = objects.get(k);
      if (!current) {
        notFound(res);
        return;
      }
      // strategic merge patch is applied as a JSON merge patch: enough for kubectl's echo
      const patched = mergePatch(current, JSON.parse(body) as JsonValue) as JsonObject;
      if (isJsonObject(patched.metadata)) patched.metadata.resourceVersion = String(++rv);
      objects.set(k, patched);
      send(res, 200, patched);
      return;
    }
    send(res, 405, {
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'MethodNotAllowed',
      code: 405,
    });
  };

  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        accept: req.headers.accept ?? '',
        contentType: req.headers['content-type'] ?? '',
        body,
      });
      try {
        handle(req, res, body);
      } catch (err) {
        send(res, 500, {
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          message: String(err),
          code: 500,
        });
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    objects,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
