// The paths and operations of the served resources, in a neutral form that v2.ts and v3.ts render
// as Swagger 2.0 or OpenAPI 3.0. kubectl reads two things from them: whether a kind's PATCH
// accepts `fieldValidation` (then it leaves validation to the server instead of validating
// client-side) and whether it accepts strategic merge patch (then apply computes one from the
// v3 schema). Everything else is there so the documents read like a real server's.
import type { JsonObject } from '../json.ts';
import type { ResourceType } from '../resources/types.ts';
import { DELETE_OPTIONS, PATCH, SCALE, STATUS } from './builtin-definitions.ts';
import { definitionNameOf, listDefinitionNameOf } from './definition-set.ts';

export type HttpMethod = 'get' | 'put' | 'post' | 'patch' | 'delete';

export interface Operation {
  method: HttpMethod;
  operationId: string;
  description: string;
  action: 'get' | 'list' | 'put' | 'post' | 'patch' | 'delete' | 'deletecollection';
  gvk: JsonObject;
  /** query parameter names (all strings except the booleans listed in BOOLEAN_QUERY_PARAMETERS) */
  query: string[];
  /** request body: definition name and accepted content types */
  body?: { ref: string; contentTypes: string[] };
  /** definition name of the 200 response */
  response: string;
}

export interface PathItem {
  path: string;
  /** path parameter names */
  pathParameters: string[];
  tag: string;
  operations: Operation[];
}

export const BOOLEAN_QUERY_PARAMETERS = new Set([
  'allowWatchBookmarks',
  'force',
  'sendInitialEvents',
  'watch',
]);

const WRITE_QUERY = ['dryRun', 'fieldManager', 'fieldValidation'];
const LIST_QUERY = [
  'allowWatchBookmarks',
  'continue',
  'fieldSelector',
  'labelSelector',
  'limit',
  'resourceVersion',
  'resourceVersionMatch',
  'sendInitialEvents',
  'timeoutSeconds',
  'watch',
];
const JSON_TYPES = ['application/json', 'application/yaml'];
const PATCH_TYPES = [
  'application/apply-patch+yaml',
  'application/json-patch+json',
  'application/merge-patch+json',
];
const STRATEGIC = 'application/strategic-merge-patch+json';

/** `rbac.authorization.k8s.io` → `RbacAuthorization`, `` → `Core`, `multicluster.x-k8s.io` → `MulticlusterXK8sIo` */
function groupIdentifier(group: string): string {
  if (group === '') return 'Core';
  const trimmed =
    group.endsWith('.k8s.io') && !group.includes('x-k8s')
      ? group.slice(0, -'.k8s.io'.length)
      : group;
  return trimmed
    .split(/[.-]/)
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The patch content types a kind's PATCH accepts: custom resources cannot take strategic merge patch. */
function patchTypes(type: ResourceType): string[] {
  return type.custom ? PATCH_TYPES : [...PATCH_TYPES, STRATEGIC].sort();
}

/** The paths of one served resource (collection, item, all-namespaces list, subresources). */
export function pathItemsOf(type: ResourceType): PathItem[] {
  const base = type.group === '' ? `/api/${type.version}` : `/apis/${type.group}/${type.version}`;
  const id = `${groupIdentifier(type.group)}${capitalize(type.version)}`;
  const ns = type.namespaced ? 'Namespaced' : '';
  const tag = `${type.group === '' ? 'core' : groupIdentifier(type.group).charAt(0).toLowerCase() + groupIdentifier(type.group).slice(1)}_${type.version}`;
  const kindRef = definitionNameOf(type);
  const listRef = listDefinitionNameOf(type);
  const gvk = { group: type.group, version: type.version, kind: type.kind };
  const can = (verb: string) => type.verbs.includes(verb);
  const collection = type.namespaced
    ? `${base}/namespaces/{namespace}/${type.plural}`
    : `${base}/${type.plural}`;
  const scopeParams = type.namespaced ? ['namespace'] : [];
  const items: PathItem[] = [];

  const collectionOps: Operation[] = [];
  if (can('list')) {
    collectionOps.push({
      method: 'get',
      operationId: `list${id}${ns}${type.kind}`,
      description: `list or watch objects of kind ${type.kind}`,
      action: 'list',
      gvk,
      query: LIST_QUERY,
      response: listRef,
    });
  }
  if (can('create')) {
    collectionOps.push({
      method: 'post',
      operationId: `create${id}${ns}${type.kind}`,
      description: `create ${article(type.kind)} ${type.kind}`,
      action: 'post',
      gvk,
      query: WRITE_QUERY,
      body: { ref: kindRef, contentTypes: JSON_TYPES },
      response: kindRef,
    });
  }
  if (can('deletecollection')) {
    collectionOps.push({
      method: 'delete',
      operationId: `deletecollection${id}${ns}${type.kind}`,
      description: `delete collection of ${type.kind}`,
      action: 'deletecollection',
      gvk,
      query: [
        ...LIST_QUERY.filter((q) => q !== 'watch' && q !== 'allowWatchBookmarks'),
        'dryRun',
        'gracePeriodSeconds',
        'propagationPolicy',
      ],
      body: { ref: DELETE_OPTIONS, contentTypes: JSON_TYPES },
      response: STATUS,
    });
  }
  if (collectionOps.length > 0)
    items.push({ path: collection, pathParameters: scopeParams, tag, operations: collectionOps });

  const item = `${collection}/{name}`;
  const itemParams = ['name', ...scopeParams];
  const itemOps: Operation[] = [];
  if (can('get'))
    itemOps.push({
      method: 'get',
      operationId: `read${id}${ns}${type.kind}`,
      description: `read the specified ${type.kind}`,
      action: 'get',
      gvk,
      query: [],
      response: kindRef,
    });
  if (can('update'))
    itemOps.push({
      method: 'put',
      operationId: `replace${id}${ns}${type.kind}`,
      description: `replace the specified ${type.kind}`,
      action: 'put',
      gvk,
      query: WRITE_QUERY,
      body: { ref: kindRef, contentTypes: JSON_TYPES },
      response: kindRef,
    });
  if (can('patch'))
    itemOps.push({
      method: 'patch',
      operationId: `patch${id}${ns}${type.kind}`,
      description: `partially update the specified ${type.kind}`,
      action: 'patch',
      gvk,
      query: [...WRITE_QUERY, 'force'],
      body: { ref: PATCH, contentTypes: patchTypes(type) },
      response: kindRef,
    });
  if (can('delete'))
    itemOps.push({
      method: 'delete',
      operationId: `delete${id}${ns}${type.kind}`,
      description: `delete ${article(type.kind)} ${type.kind}`,
      action: 'delete',
      gvk,
      query: ['dryRun', 'gracePeriodSeconds', 'propagationPolicy'],
      body: { ref: DELETE_OPTIONS, contentTypes: JSON_TYPES },
      response: STATUS,
    });
  if (itemOps.length > 0)
    items.push({ path: item, pathParameters: itemParams, tag, operations: itemOps });

  if (type.namespaced && can('list')) {
    items.push({
      path: `${base}/${type.plural}`,
      pathParameters: [],
      tag,
      operations: [
        {
          method: 'get',
          operationId: `list${id}${type.kind}ForAllNamespaces`,
          description: `list or watch objects of kind ${type.kind}`,
          action: 'list',
          gvk,
          query: LIST_QUERY,
          response: listRef,
        },
      ],
    });
  }

  const subresource = (name: 'status' | 'scale', ref: string, subGvk: JsonObject): PathItem => {
    const suffix = capitalize(name);
    const what =
      name === 'status'
        ? `status of the specified ${type.kind}`
        : `scale of the specified ${type.kind}`;
    return {
      path: `${item}/${name}`,
      pathParameters: itemParams,
      tag,
      operations: [
        {
          method: 'get',
          operationId: `read${id}${ns}${type.kind}${suffix}`,
          description: `read ${what}`,
          action: 'get',
          gvk: subGvk,
          query: [],
          response: ref,
        },
        {
          method: 'put',
          operationId: `replace${id}${ns}${type.kind}${suffix}`,
          description: `replace ${what}`,
          action: 'put',
          gvk: subGvk,
          query: WRITE_QUERY,
          body: { ref, contentTypes: JSON_TYPES },
          response: ref,
        },
        {
          method: 'patch',
          operationId: `patch${id}${ns}${type.kind}${suffix}`,
          description: `partially update ${what}`,
          action: 'patch',
          gvk: subGvk,
          query: [...WRITE_QUERY, 'force'],
          body: { ref: PATCH, contentTypes: patchTypes(type) },
          response: ref,
        },
      ],
    };
  };
  if (type.subresources.status) items.push(subresource('status', kindRef, gvk));
  if (type.subresources.scale)
    items.push(subresource('scale', SCALE, { group: 'autoscaling', version: 'v1', kind: 'Scale' }));
  return items;
}

function article(kind: string): string {
  return /^[AEIOU]/.test(kind) ? 'an' : 'a';
}
