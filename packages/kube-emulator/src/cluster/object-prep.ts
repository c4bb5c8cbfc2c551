// The generic rules every write follows before it reaches the store: metadata ownership,
// names, optimistic concurrency, status-subresource separation, generation, managedFields and,
// for custom resources, the CRD schema (prune, default, validate).
import { randomUUID } from 'node:crypto';
import type { JsonObject } from '../json.ts';
import { isJsonObject } from '../json.ts';
import { jsonEqual } from '../json-equal.ts';
import { recordUpdate } from '../patch/index.ts';
import { nameRuleFor } from '../resources/builtins.ts';
import { applyCustomSchema } from '../resources/custom-objects.ts';
import { mergeSchemaFor } from '../resources/merge-schema.ts';
import type { FieldValidation } from '../resources/custom-objects.ts';
import { validateName } from '../resources/name-validation.ts';
import { strategyFor } from '../resources/strategies.ts';
import type { ResourceType } from '../resources/types.ts';
import { badRequest, conflict, invalid } from '../server/api-error.ts';
import type { InvalidCause } from '../server/api-error.ts';
import type { ObjectMeta } from '../store/object-meta.ts';
import { deepClone, metadataOf } from '../store/object-meta.ts';
import type { ClusterState } from './cluster-state.ts';

export interface WriteOptions {
  /** namespace from the URL ('' for cluster-scoped requests) */
  namespace: string;
  manager: string;
  fieldValidation?: FieldValidation;
  /** warnings to send back in `Warning` headers */
  warnings?: string[];
  subresource?: string;
  /** server-side apply already computed metadata.managedFields */
  applied?: boolean;
}

const GENERATE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function generateNameSuffix(): string {
  let s = '';
  for (let i = 0; i < 5; i++) s += GENERATE_ALPHABET[Math.floor(Math.random() * GENERATE_ALPHABET.length)];
  return s;
}

export function apiVersionOf(type: ResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

function checkTypeMatches(type: ResourceType, obj: JsonObject): void {
  const expected = apiVersionOf(type);
  if (obj.apiVersion !== undefined && obj.apiVersion !== expected) {
    throw badRequest(
      `the API version in the data (${JSON.stringify(obj.apiVersion)}) does not match the expected API version (${expected})`,
    );
  }
  if (obj.kind !== undefined && obj.kind !== type.kind) {
    throw badRequest(`the kind in the data (${JSON.stringify(obj.kind)}) does not match the expected kind (${type.kind})`);
  }
  obj.apiVersion = expected;
  obj.kind = type.kind;
}

function ownMeta(obj: JsonObject): ObjectMeta & JsonObject {
  const meta = isJsonObject(obj.metadata) ? obj.metadata : {};
  obj.metadata = meta;
  return meta;
}

function fail(type: ResourceType, name: string, causes: InvalidCause[]): never {
  throw invalid(type.group, type.kind, name, causes);
}

/** Validate and complete a new object. Returns a fresh object in the storage version. */
export function prepareCreate(state: ClusterState, type: ResourceType, input: JsonObject, opts: WriteOptions): JsonObject {
  const obj = deepClone(input);
  checkTypeMatches(type, obj);
  const meta = ownMeta(obj);
  if (type.namespaced) {
    if (meta.namespace && opts.namespace && meta.namespace !== opts.namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    meta.namespace = opts.namespace || meta.namespace || 'default';
  } else {
    delete meta.namespace;
  }
  if (!meta.name && meta.generateName) meta.name = `${meta.generateName}${generateNameSuffix()}`;
  if (!meta.name) {
    fail(type, '', [
      {
        type: 'FieldValueRequired',
        field: 'metadata.name',
        message: 'metadata.name: Required value: name or generateName is required',
      },
    ]);
  }
  const nameErrors = validateName(meta.name, nameRuleFor(type));
  if (nameErrors.length) fail(type, meta.name, nameErrors);
  if (meta.resourceVersion) throw badRequest('resourceVersion should not be set on objects to be created');
  const now = state.now();
  meta.uid = randomUUID();
  meta.creationTimestamp = now;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  if (!opts.applied) delete meta.managedFields;
  if (type.subresources.status && !(type.group === '' && type.plural === 'pods')) delete obj.status;
  meta.generation = 1;

  let result = obj;
  if (type.custom) result = applyCustomSchema(type, result, opts.fieldValidation, opts.warnings);
  const strategy = strategyFor(type);
  strategy?.prepareCreate?.(state, result);
  const causes = strategy?.validate?.(state, result, undefined) ?? [];
  if (causes.length) fail(type, meta.name, causes);

  if (!opts.applied) setManagedFields(type, result, undefined, opts.manager, now, opts.subresource);
  return toStorageVersion(state, type, result);
}

/**
 * Validate and complete a replacement of `live` (already in the storage version). `input` is
 * in the request version. `subresource` 'status' takes only the status from the input.
 */
export function prepareUpdate(
  state: ClusterState,
  type: ResourceType,
  live: JsonObject,
  input: JsonObject,
  opts: WriteOptions,
): JsonObject {
  const liveMeta = metadataOf(live);
  const name = liveMeta.name ?? '';
  let obj = deepClone(input);
  checkTypeMatches(type, obj);
  const meta = ownMeta(obj);
  if (meta.name !== undefined && meta.name !== name) {
    throw badRequest(`the name of the object (${String(meta.name)}) does not match the name on the URL (${name})`);
  }
  if (type.namespaced && meta.namespace && meta.namespace !== liveMeta.namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  if (meta.resourceVersion && meta.resourceVersion !== liveMeta.resourceVersion) {
    throw conflict(type.group, type.plural, name);
  }
  if (meta.uid && meta.uid !== liveMeta.uid) {
    throw conflict(
      type.group,
      type.plural,
      name,
      `Precondition failed: UID in precondition: ${String(meta.uid)}, UID in object meta: ${liveMeta.uid ?? ''}`,
    );
  }
  const liveInRequestVersion = type.custom ? { ...live, apiVersion: apiVersionOf(type) } : live;
  if (opts.subresource === 'status') {
    // the status endpoint changes status only (metadata changes are ignored too)
    const next: JsonObject = { ...deepClone(liveInRequestVersion) };
    if (obj.status === undefined) delete next.status;
    else next.status = obj.status;
    // server-side apply to /status computed the ownership of the status fields it set
    if (opts.applied) ownMeta(next).managedFields = meta.managedFields;
    obj = next;
  } else if (type.subresources.status) {
    if (live.status === undefined) delete obj.status;
    else obj.status = deepClone(live.status);
  }
  const nextMeta = ownMeta(obj);
  // server-owned metadata always comes from the live object
  nextMeta.name = name;
  if (liveMeta.namespace) nextMeta.namespace = liveMeta.namespace;
  nextMeta.uid = liveMeta.uid;
  nextMeta.creationTimestamp = liveMeta.creationTimestamp;
  nextMeta.resourceVersion = liveMeta.resourceVersion;
  if (liveMeta.generateName !== undefined) nextMeta.generateName = liveMeta.generateName;
  if (liveMeta.deletionTimestamp) {
    nextMeta.deletionTimestamp = liveMeta.deletionTimestamp;
    nextMeta.deletionGracePeriodSeconds = liveMeta.deletionGracePeriodSeconds ?? 0;
    const added = (nextMeta.finalizers ?? []).filter((f) => !(liveMeta.finalizers ?? []).includes(f));
    if (added.length) {
      fail(type, name, [
        {
          type: 'FieldValueForbidden',
          field: 'metadata.finalizers',
          message: `metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => `"${f}"`).join(', ')}}`,
        },
      ]);
    }
  } else {
    delete nextMeta.deletionTimestamp;
    delete nextMeta.deletionGracePeriodSeconds;
  }
  if (nextMeta.finalizers && nextMeta.finalizers.length === 0) delete nextMeta.finalizers;

  if (type.custom) obj = applyCustomSchema(type, obj, opts.fieldValidation, opts.warnings, opts.subresource);
  const strategy = strategyFor(type);
  strategy?.prepareUpdate?.(state, liveInRequestVersion, obj);
  const causes = strategy?.validate?.(state, obj, liveInRequestVersion) ?? [];
  if (causes.length) fail(type, name, causes);

  ownMeta(obj).generation = nextGeneration(type, liveInRequestVersion, obj);
  const now = state.now();
  if (!opts.applied) {
    setManagedFields(type, obj, liveInRequestVersion, opts.manager, now, opts.subresource, liveMeta.managedFields);
  }
  return toStorageVersion(state, type, obj);
}

/** Bumped when the desired state changes: everything but metadata (and status, if it is a subresource). */
function nextGeneration(type: ResourceType, live: JsonObject, next: JsonObject): number {
  const current = metadataOf(live).generation ?? 1;
  const skip = type.subresources.status ? ['metadata', 'status', 'apiVersion', 'kind'] : ['metadata', 'apiVersion', 'kind'];
  const keys = new Set([...Object.keys(live), ...Object.keys(next)]);
  for (const k of keys) {
    if (skip.includes(k)) continue;
    if (!jsonEqual(live[k], next[k])) return current + 1;
  }
  return current;
}

function setManagedFields(
  type: ResourceType,
  obj: JsonObject,
  before: JsonObject | undefined,
  manager: string,
  now: string,
  subresource: string | undefined,
  previous?: ObjectMeta['managedFields'],
): void {
  const meta = ownMeta(obj);
  if (previous && meta.managedFields === undefined) meta.managedFields = previous;
  const entries = recordUpdate({
    before,
    after: obj,
    manager,
    now,
    // custom resources' lists are owned item by item only with their CRD schema
    schema: mergeSchemaFor(type),
    ...(subresource ? { subresource } : {}),
  });
  if (entries.length) meta.managedFields = entries as unknown as JsonObject[];
  else if (!meta.managedFields?.length) delete meta.managedFields;
}

/** Custom resources are stored in their storage version (conversion strategy None). */
export function toStorageVersion(state: ClusterState, type: ResourceType, obj: JsonObject): JsonObject {
  if (!type.custom || type.storageVersion) return obj;
  const storage = state.storageTypeOf(type);
  return { ...obj, apiVersion: apiVersionOf(storage) };
}

/** A stored object as served in `type`'s version. */
export function toServedVersion(type: ResourceType, obj: JsonObject): JsonObject {
  if (!type.custom || type.storageVersion) return obj;
  const apiVersion = apiVersionOf(type);
  return obj.apiVersion === apiVersion ? obj : { ...obj, apiVersion };
}
