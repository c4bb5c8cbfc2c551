// The built-in kinds' schemas: the generated field lists (builtin/definitions.json, from the real
// API via client-node's models) plus the Kubernetes extensions strategic merge patch needs. This
// is a faithful subset of the real spec: every served kind with its full field closure, minus
// kinds the emulator does not serve and minus some extensions (enums, defaults, validations).
import { readFileSync } from 'node:fs';
import { isJsonObject } from '../json.ts';
import type { JsonObject } from '../json.ts';
import { ATOMIC_MAP_DEFINITIONS, LIST_EXTENSIONS } from './builtin/patch-strategies.ts';

export const META_V1 = 'io.k8s.apimachinery.pkg.apis.meta.v1';
export const OBJECT_META = `${META_V1}.ObjectMeta`;
export const LIST_META = `${META_V1}.ListMeta`;
export const PATCH = `${META_V1}.Patch`;
export const STATUS = `${META_V1}.Status`;
export const DELETE_OPTIONS = `${META_V1}.DeleteOptions`;
export const SCALE = 'io.k8s.api.autoscaling.v1.Scale';
export const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';

export const OBJECT_META_DESCRIPTION =
  "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";
export const LIST_META_DESCRIPTION =
  'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds';
export const API_VERSION_DESCRIPTION =
  'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources';
export const KIND_DESCRIPTION =
  'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds';

/** The definition package of a built-in group: `apps` → `io.k8s.api.apps.v1`. */
export function builtinDefinitionName(group: string, version: string, kind: string): string {
  if (group === '') return `io.k8s.api.core.${version}.${kind}`;
  if (group === 'apiextensions.k8s.io')
    return `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.${version}.${kind}`;
  if (group === 'apiregistration.k8s.io')
    return `io.k8s.kube-aggregator.pkg.apis.apiregistration.${version}.${kind}`;
  return `io.k8s.api.${group.split('.')[0] ?? group}.${version}.${kind}`;
}

function loadDefinitions(): Record<string, JsonObject> {
  const raw = JSON.parse(
    readFileSync(new URL('./builtin/definitions.json', import.meta.url), 'utf8'),
  ) as Record<string, JsonObject>;
  for (const ext of LIST_EXTENSIONS) {
    const prop = raw[ext.definition]?.properties;
    const target = isJsonObject(prop) ? prop[ext.property] : undefined;
    // a missing definition or field is a bug in the overlay, not something to serve silently
    if (!isJsonObject(target))
      throw new Error(`patch-strategies: no ${ext.definition}.${ext.property}`);
    if (ext.strategy) target['x-kubernetes-patch-strategy'] = ext.strategy;
    if (ext.mergeKey) target['x-kubernetes-patch-merge-key'] = ext.mergeKey;
    if (ext.listType) target['x-kubernetes-list-type'] = ext.listType;
    if (ext.listMapKeys) target['x-kubernetes-list-map-keys'] = [...ext.listMapKeys];
  }
  for (const name of ATOMIC_MAP_DEFINITIONS) {
    const def = raw[name];
    if (def) def['x-kubernetes-map-type'] = 'atomic';
  }
  // the models drop descriptions of fields whose type is another definition; restore the one
  // every kind shares
  for (const def of Object.values(raw)) {
    const props = def.properties;
    if (!isJsonObject(props)) continue;
    const meta = props.metadata;
    if (isJsonObject(meta) && meta.$ref === OBJECT_META && meta.description === undefined) {
      meta.description = OBJECT_META_DESCRIPTION;
    }
  }
  raw[PATCH] = {
    type: 'object',
    description:
      'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.',
  };
  return raw;
}

let cached: Readonly<Record<string, JsonObject>> | undefined;

/** All built-in definitions, keyed by name; `$ref`s are bare definition names. Shared: do not mutate. */
export function builtinDefinitions(): Readonly<Record<string, JsonObject>> {
  cached ??= loadDefinitions();
  return cached;
}
