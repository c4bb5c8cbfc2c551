// GET /openapi/v3 lists one document per group version; GET /openapi/v3/<api/v1|apis/g/v>?hash=…
// serves it. kubectl 1.27+ uses these for `explain`, for apply's strategic merge patch and to
// learn that the server validates fields itself (fieldValidation), so they must be right.
import { createHash } from 'node:crypto';
import type { JsonObject } from '../json.ts';
import type { ResourceType } from '../resources/types.ts';
import {
  allDefinitions,
  closure,
  definitionNameOf,
  listDefinitionNameOf,
} from './definition-set.ts';
import { BOOLEAN_QUERY_PARAMETERS, pathItemsOf } from './operations.ts';
import type { Operation, PathItem } from './operations.ts';
import { toV3Refs } from './refs.ts';
import { KUBERNETES_VERSION } from './version.ts';
import { DELETE_OPTIONS, INT_OR_STRING, PATCH, SCALE, STATUS } from './builtin-definitions.ts';
import { isJsonObject } from '../json.ts';

function schemaRef(name: string): JsonObject {
  return { $ref: `#/components/schemas/${name}` };
}

function operationV3(op: Operation, tag: string): JsonObject {
  const out: JsonObject = {
    tags: [tag],
    description: op.description,
    operationId: op.operationId,
    parameters: op.query.map((name) => ({
      name,
      in: 'query',
      schema: {
        type: BOOLEAN_QUERY_PARAMETERS.has(name) ? 'boolean' : 'string',
        uniqueItems: true,
      },
    })),
    responses: {
      '200': {
        description: 'OK',
        content: Object.fromEntries(
          ['application/json', 'application/yaml'].map((ct) => [
            ct,
            { schema: schemaRef(op.response) },
          ]),
        ),
      },
      '401': { description: 'Unauthorized' },
    },
    'x-kubernetes-action': op.action,
    'x-kubernetes-group-version-kind': op.gvk,
  };
  if (op.body) {
    const ref = op.body.ref;
    out.requestBody = {
      content: Object.fromEntries(
        op.body.contentTypes.map((ct) => [ct, { schema: schemaRef(ref) }]),
      ),
      required: op.method !== 'delete',
    };
  }
  return out;
}

function pathItemV3(item: PathItem): JsonObject {
  const out: JsonObject = {
    parameters: [
      ...item.pathParameters.map((name) => ({
        name,
        in: 'path',
        description:
          name === 'name'
            ? 'name of the resource'
            : 'object name and auth scope, such as for teams and projects',
        required: true,
        schema: { type: 'string', uniqueItems: true },
      })),
      {
        name: 'pretty',
        in: 'query',
        description: "If 'true', then the output is pretty printed.",
        schema: { type: 'string', uniqueItems: true },
      },
    ],
  };
  for (const op of item.operations) out[op.method] = operationV3(op, item.tag);
  return out;
}

function groupVersionPath(type: ResourceType): string {
  return type.group === '' ? `api/${type.version}` : `apis/${type.group}/${type.version}`;
}

interface BuiltDocument {
  document: JsonObject;
  hash: string;
}

function buildDocument(types: ResourceType[]): BuiltDocument {
  const defs = allDefinitions(types);
  const roots = new Set<string>([PATCH, STATUS, DELETE_OPTIONS]);
  for (const t of types) {
    roots.add(definitionNameOf(t));
    roots.add(listDefinitionNameOf(t));
    if (t.subresources.scale) roots.add(SCALE);
  }
  const needed = closure(roots, defs);
  const schemas: JsonObject = {};
  for (const name of [...needed.keys()].sort()) schemas[name] = toV3Refs(needed.get(name) ?? {});
  const intOrString = schemas[INT_OR_STRING];
  if (isJsonObject(intOrString)) {
    // OpenAPI 3 can say "integer or string", so the real server does (v2 can only say string);
    // kubectl explain then names the type IntOrString
    const { type: _type, ...rest } = intOrString;
    schemas[INT_OR_STRING] = { ...rest, oneOf: [{ type: 'integer' }, { type: 'string' }] };
  }
  const paths: JsonObject = {};
  for (const item of types.flatMap(pathItemsOf).sort((a, b) => (a.path < b.path ? -1 : 1))) {
    paths[item.path] = pathItemV3(item);
  }
  const document: JsonObject = {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: KUBERNETES_VERSION },
    paths,
    components: {
      schemas,
      securitySchemes: {
        BearerToken: {
          type: 'apiKey',
          description: 'Bearer Token authentication',
          name: 'authorization',
          in: 'header',
        },
      },
    },
  };
  // the real server publishes the uppercase hex SHA-512 of the document as its version
  const hash = createHash('sha512').update(JSON.stringify(document)).digest('hex').toUpperCase();
  return { document, hash };
}

// Documents depend only on the served types, which change rarely and are shared by many clusters:
// keep the last few sets built rather than rebuilding (and rehashing) per request.
const CACHE_LIMIT = 16;
const cache = new Map<string, Map<string, BuiltDocument>>();

function documentsFor(types: readonly ResourceType[]): Map<string, BuiltDocument> {
  const served = types.filter((t) => t.served);
  const key = createHash('sha256').update(JSON.stringify(served)).digest('base64');
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const byPath = new Map<string, ResourceType[]>();
  for (const t of served) {
    const p = groupVersionPath(t);
    byPath.set(p, [...(byPath.get(p) ?? []), t]);
  }
  const docs = new Map<string, BuiltDocument>();
  for (const p of [...byPath.keys()].sort()) docs.set(p, buildDocument(byPath.get(p) ?? []));
  cache.set(key, docs);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value ?? '');
  return docs;
}

/** GET /openapi/v3: `{ paths: { 'api/v1': { serverRelativeURL: '/openapi/v3/api/v1?hash=…' }, … } }` */
export function openApiV3Paths(types: readonly ResourceType[]): JsonObject {
  const paths: JsonObject = {};
  for (const [p, built] of documentsFor(types))
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${built.hash}` };
  return { paths };
}

function normalizePath(groupVersionPath: string): string {
  return groupVersionPath
    .replace(/^\/?(openapi\/v3\/)?/, '')
    .replace(/\?.*$/, '')
    .replace(/\/$/, '');
}

/** The document and its hash for `api/v1` or `apis/<group>/<version>`; undefined if not served. */
export function openApiV3DocumentWithHash(
  types: readonly ResourceType[],
  groupVersionPath: string,
): BuiltDocument | undefined {
  return documentsFor(types).get(normalizePath(groupVersionPath));
}

/** The OpenAPI 3.0 document for `api/v1` or `apis/<group>/<version>`; undefined if not served. Cached and shared: do not mutate. */
export function openApiV3Document(
  types: readonly ResourceType[],
  groupVersionPath: string,
): JsonObject | undefined {
  return openApiV3DocumentWithHash(types, groupVersionPath)?.document;
}
