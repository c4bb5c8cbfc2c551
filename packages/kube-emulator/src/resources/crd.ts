// CustomResourceDefinition → the ResourceTypes it serves, and the status the real
// apiextensions controllers would write (NamesAccepted, Established, storedVersions).
import type { JsonObject, JsonValue } from '../json.ts';
import { isJsonObject } from '../json.ts';
import type { PrinterColumn, ResourceType } from './types.ts';

const ALL_VERBS = ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'];

function str(v: JsonValue | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function strings(v: JsonValue | undefined): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

interface CrdNames {
  plural: string;
  singular: string;
  kind: string;
  listKind: string;
  shortNames: string[];
  categories: string[];
}

export function crdNames(crd: JsonObject): CrdNames {
  const spec = isJsonObject(crd.spec) ? crd.spec : {};
  const names = isJsonObject(spec.names) ? spec.names : {};
  const kind = str(names.kind) ?? '';
  return {
    plural: str(names.plural) ?? '',
    singular: str(names.singular) ?? kind.toLowerCase(),
    kind,
    listKind: str(names.listKind) ?? `${kind}List`,
    shortNames: strings(names.shortNames),
    categories: strings(names.categories),
  };
}

function crdVersions(crd: JsonObject): JsonObject[] {
  const spec = isJsonObject(crd.spec) ? crd.spec : {};
  return Array.isArray(spec.versions) ? spec.versions.filter(isJsonObject) : [];
}

function printerColumns(v: JsonValue | undefined): PrinterColumn[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.filter(isJsonObject).map((c) => ({
    name: str(c.name) ?? '',
    type: (str(c.type) ?? 'string') as PrinterColumn['type'],
    jsonPath: str(c.jsonPath) ?? '',
    ...(str(c.format) ? { format: str(c.format) } : {}),
    ...(str(c.description) ? { description: str(c.description) } : {}),
    ...(typeof c.priority === 'number' ? { priority: c.priority } : {}),
  }));
}

export function typesFromCrd(crd: JsonObject): ResourceType[] {
  const spec = isJsonObject(crd.spec) ? crd.spec : {};
  const group = str(spec.group) ?? '';
  const names = crdNames(crd);
  return crdVersions(crd).map((v) => {
    const sub = isJsonObject(v.subresources) ? v.subresources : {};
    const scale = isJsonObject(sub.scale) ? sub.scale : undefined;
    const schemaHolder = isJsonObject(v.schema) ? v.schema : {};
    const schema = isJsonObject(schemaHolder.openAPIV3Schema) ? schemaHolder.openAPIV3Schema : undefined;
    const columns = printerColumns(v.additionalPrinterColumns);
    const selectable = Array.isArray(v.selectableFields)
      ? v.selectableFields.filter(isJsonObject).flatMap((f) => (typeof f.jsonPath === 'string' ? [f.jsonPath] : []))
      : [];
    const type: ResourceType = {
      group,
      version: str(v.name) ?? '',
      kind: names.kind,
      listKind: names.listKind,
      plural: names.plural,
      singular: names.singular,
      namespaced: spec.scope !== 'Cluster',
      shortNames: names.shortNames,
      categories: names.categories,
      verbs: ALL_VERBS,
      subresources: {
        ...(isJsonObject(sub.status) ? { status: true } : {}),
        ...(scale
          ? {
              scale: {
                specReplicasPath: str(scale.specReplicasPath) ?? '.spec.replicas',
                statusReplicasPath: str(scale.statusReplicasPath) ?? '.status.replicas',
                ...(str(scale.labelSelectorPath) ? { labelSelectorPath: str(scale.labelSelectorPath) } : {}),
              },
            }
          : {}),
      },
      storageVersion: v.storage === true,
      served: v.served !== false,
      custom: true,
      ...(schema ? { schema } : {}),
      ...(columns ? { printerColumns: columns } : {}),
      ...(selectable.length ? { selectableFields: selectable } : {}),
    };
    return type;
  });
}

/** The status the apiextensions controllers converge a CRD to. */
export function crdStatus(crd: JsonObject, live: JsonObject | undefined, now: string): JsonObject {
  const names = crdNames(crd);
  const storage = crdVersions(crd).find((v) => v.storage === true);
  const liveStatus = live && isJsonObject(live.status) ? live.status : {};
  const stored = new Set(strings(liveStatus.storedVersions));
  if (storage && typeof storage.name === 'string') stored.add(storage.name);
  const liveConditions = Array.isArray(liveStatus.conditions) ? liveStatus.conditions.filter(isJsonObject) : [];
  const since = (type: string): string =>
    str(liveConditions.find((c) => c.type === type && c.status === 'True')?.lastTransitionTime) ?? now;
  return {
    acceptedNames: {
      plural: names.plural,
      singular: names.singular,
      kind: names.kind,
      listKind: names.listKind,
      ...(names.shortNames.length ? { shortNames: names.shortNames } : {}),
      ...(names.categories.length ? { categories: names.categories } : {}),
    },
    conditions: [
      {
        type: 'NamesAccepted',
        status: 'True',
        lastTransitionTime: since('NamesAccepted'),
        reason: 'NoConflicts',
        message: 'no conflicts found',
      },
      {
        type: 'Established',
        status: 'True',
        lastTransitionTime: since('Established'),
        reason: 'InitialNamesAccepted',
        message: 'the initial names have been accepted',
      },
    ],
    storedVersions: [...stored],
  };
}
