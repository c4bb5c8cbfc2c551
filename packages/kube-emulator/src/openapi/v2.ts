// GET /openapi/v2 (JSON): one Swagger 2.0 document for every served kind. kubectl and helm fetch
// this only as protobuf (application/com.github.proto-openapi.spec.v2@v1.0+protobuf) and only as
// a fallback when the v3 documents do not answer what they need; other clients read the JSON.
import { createHash } from 'node:crypto';
import type { JsonObject } from '../json.ts';
import type { ResourceType } from '../resources/types.ts';
import { toSwagger2Schema } from './crd-definitions.ts';
import { allDefinitions, closure } from './definition-set.ts';
import { BOOLEAN_QUERY_PARAMETERS, pathItemsOf } from './operations.ts';
import type { Operation, PathItem } from './operations.ts';
import { toV2Refs } from './refs.ts';
import { KUBERNETES_VERSION } from './version.ts';

function queryParameter(name: string): JsonObject {
  return {
    name,
    in: 'query',
    type: BOOLEAN_QUERY_PARAMETERS.has(name) ? 'boolean' : 'string',
    uniqueItems: true,
  };
}

function operationV2(op: Operation, tag: string): JsonObject {
  const parameters: JsonObject[] = op.query.map(queryParameter);
  if (op.body)
    parameters.unshift({
      name: 'body',
      in: 'body',
      required: op.method !== 'delete',
      schema: { $ref: `#/definitions/${op.body.ref}` },
    });
  const out: JsonObject = {
    description: op.description,
    consumes: op.body ? op.body.contentTypes : ['*/*'],
    produces: ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'],
    schemes: ['https'],
    tags: [tag],
    operationId: op.operationId,
    parameters,
    responses: {
      '200': { description: 'OK', schema: { $ref: `#/definitions/${op.response}` } },
      '401': { description: 'Unauthorized' },
    },
    'x-kubernetes-action': op.action,
    'x-kubernetes-group-version-kind': op.gvk,
  };
  return out;
}

function pathItemV2(item: PathItem): JsonObject {
  const out: JsonObject = {
    parameters: [
      ...item.pathParameters.map((name) => ({
        name,
        in: 'path',
        required: true,
        type: 'string',
        uniqueItems: true,
        description:
          name === 'name'
            ? `name of the resource`
            : 'object name and auth scope, such as for teams and projects',
      })),
      {
        name: 'pretty',
        in: 'query',
        type: 'string',
        uniqueItems: true,
        description: "If 'true', then the output is pretty printed.",
      },
    ],
  };
  for (const op of item.operations) out[op.method] = operationV2(op, item.tag);
  return out;
}

// Like the v3 documents, the v2 document depends only on the served types: keep the last one.
let last: { key: string; document: JsonObject } | undefined;

/** The Swagger 2.0 document for every served type. Shared between calls: do not mutate. */
export function openApiV2(types: readonly ResourceType[]): JsonObject {
  const served = types.filter((t) => t.served);
  const key = createHash('sha256').update(JSON.stringify(served)).digest('base64');
  if (last?.key === key) return last.document;
  const document = buildOpenApiV2(served);
  last = { key, document };
  return document;
}

function buildOpenApiV2(served: ResourceType[]): JsonObject {
  const definitions: JsonObject = {};
  const kinds = allDefinitions(served);
  const defs = closure(kinds.keys(), kinds);
  for (const name of [...defs.keys()].sort()) {
    const def = defs.get(name) ?? {};
    definitions[name] = toV2Refs(toSwagger2Schema(def));
  }
  const paths: JsonObject = {};
  for (const item of served.flatMap(pathItemsOf).sort((a, b) => (a.path < b.path ? -1 : 1))) {
    paths[item.path] = pathItemV2(item);
  }
  return {
    swagger: '2.0',
    info: { title: 'Kubernetes', version: KUBERNETES_VERSION },
    paths,
    definitions,
    securityDefinitions: {
      BearerToken: {
        description: 'Bearer Token authentication',
        type: 'apiKey',
        name: 'authorization',
        in: 'header',
      },
    },
    security: [{ BearerToken: [] }],
  };
}
