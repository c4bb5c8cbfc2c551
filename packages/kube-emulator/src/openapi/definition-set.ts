// The definitions a document needs: the served kinds (built-in or custom), their List kinds, the
// meta types, and the transitive closure of what those reference.
import { isJsonObject } from '../json.ts';
import type { JsonObject, JsonValue } from '../json.ts';
import type { ResourceType } from '../resources/types.ts';
import {
  API_VERSION_DESCRIPTION,
  DELETE_OPTIONS,
  KIND_DESCRIPTION,
  LIST_META,
  LIST_META_DESCRIPTION,
  PATCH,
  SCALE,
  STATUS,
  builtinDefinitionName,
  builtinDefinitions,
} from './builtin-definitions.ts';
import { customDefinitionName, customResourceDefinition } from './crd-definitions.ts';

export function definitionNameOf(type: ResourceType): string {
  return type.custom
    ? customDefinitionName(type.group, type.version, type.kind)
    : builtinDefinitionName(type.group, type.version, type.kind);
}

export function listDefinitionNameOf(type: ResourceType): string {
  return type.custom
    ? customDefinitionName(type.group, type.version, type.listKind)
    : builtinDefinitionName(type.group, type.version, type.listKind);
}

function gvk(type: ResourceType, kind: string): JsonObject {
  return { group: type.group, version: type.version, kind };
}

function listDefinition(type: ResourceType): JsonObject {
  return {
    type: 'object',
    description: `${type.listKind} is a list of ${type.kind}`,
    required: ['items'],
    properties: {
      apiVersion: { type: 'string', description: API_VERSION_DESCRIPTION },
      items: {
        type: 'array',
        description: `List of ${type.plural}.`,
        items: { $ref: definitionNameOf(type) },
      },
      kind: { type: 'string', description: KIND_DESCRIPTION },
      metadata: { $ref: LIST_META, description: LIST_META_DESCRIPTION },
    },
    'x-kubernetes-group-version-kind': [gvk(type, type.listKind)],
  };
}

/**
 * Every definition for the given served types: built-ins from the shared data (a kind the
 * data lacks gets an open object schema, so kubectl still finds its GVK), CRDs from their schemas.
 * `$ref`s are bare names; `x-kubernetes-group-version-kind` lists each kind's served versions.
 */
export function allDefinitions(types: readonly ResourceType[]): Map<string, JsonObject> {
  const builtins = builtinDefinitions();
  const defs = new Map<string, JsonObject>();
  const gvks = new Map<string, JsonObject[]>();
  for (const type of types) {
    if (!type.served) continue;
    const name = definitionNameOf(type);
    if (type.custom) {
      defs.set(name, customResourceDefinition(type));
    } else {
      const base = builtins[name] ?? {
        type: 'object',
        description: `${type.kind} (schema not modelled by the emulator)`,
        'x-kubernetes-preserve-unknown-fields': true,
      };
      defs.set(name, { ...base });
      gvks.set(name, [...(gvks.get(name) ?? []), gvk(type, type.kind)]);
    }
    defs.set(listDefinitionNameOf(type), listDefinition(type));
  }
  for (const [name, list] of gvks) {
    const def = defs.get(name);
    if (def) def['x-kubernetes-group-version-kind'] = list;
  }
  // every document can reference the meta types its operations use
  for (const name of [PATCH, STATUS, DELETE_OPTIONS, SCALE]) {
    const def = builtins[name];
    if (def && !defs.has(name)) defs.set(name, def);
  }
  return defs;
}

function collectRefs(value: JsonValue | undefined, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) collectRefs(v, into);
    return;
  }
  if (!isJsonObject(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (k === '$ref' && typeof v === 'string') into.add(v);
    else collectRefs(v, into);
  }
}

/** The named definitions and everything they reference, resolved from `defs` then the built-ins. */
export function closure(
  roots: Iterable<string>,
  defs: Map<string, JsonObject>,
): Map<string, JsonObject> {
  const builtins = builtinDefinitions();
  const out = new Map<string, JsonObject>();
  const pending = [...roots];
  while (pending.length > 0) {
    const name = pending.pop() ?? '';
    if (out.has(name)) continue;
    const def = defs.get(name) ?? builtins[name];
    if (!def) continue;
    out.set(name, def);
    const refs = new Set<string>();
    collectRefs(def, refs);
    for (const r of refs) if (!out.has(r)) pending.push(r);
  }
  return out;
}
