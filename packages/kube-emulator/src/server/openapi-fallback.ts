// A minimal OpenAPI answer used only until src/openapi lands: enough for kubectl to see that
// every resource's PATCH accepts `fieldValidation`, so it validates on the server (Strict)
// instead of downloading schemas. No schemas: `kubectl explain` needs the real module.
import type { JsonObject } from '../json.ts';
import type { ResourceType } from '../resources/types.ts';

function gvPath(t: ResourceType): string {
  return t.group ? `apis/${t.group}/${t.version}` : `api/${t.version}`;
}

export function fallbackOpenApiV3Paths(types: readonly ResourceType[]): JsonObject {
  const paths: JsonObject = {};
  for (const t of types) {
    if (!t.served) continue;
    const p = gvPath(t);
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=0` };
  }
  return { paths };
}

const PATCH_PARAMS = ['dryRun', 'fieldManager', 'fieldValidation', 'force'].map((name) => ({
  name,
  in: 'query',
  schema: { type: name === 'force' ? 'boolean' : 'string', uniqueItems: true },
}));

export function fallbackOpenApiV3Document(types: readonly ResourceType[], groupVersionPath: string): JsonObject | undefined {
  const matching = types.filter((t) => t.served && gvPath(t) === groupVersionPath);
  if (matching.length === 0) return undefined;
  const paths: JsonObject = {};
  for (const t of matching) {
    const base = `/${gvPath(t)}${t.namespaced ? '/namespaces/{namespace}' : ''}/${t.plural}/{name}`;
    paths[base] = {
      patch: {
        operationId: `patch${t.kind}`,
        parameters: PATCH_PARAMS,
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': { group: t.group, version: t.version, kind: t.kind },
        responses: { '200': { description: 'OK' } },
      },
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.0' },
    paths,
    components: { schemas: {} },
  };
}

export function fallbackOpenApiV2(): JsonObject {
  return { swagger: '2.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths: {}, definitions: {} };
}
