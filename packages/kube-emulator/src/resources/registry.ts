// The resource types one cluster serves: the shared built-in table plus the versions its
// CustomResourceDefinitions registered. Clusters without CRDs allocate nothing here.
import { BUILTIN_TYPES } from './builtins.ts';
import type { ResourceType } from './types.ts';

/** `<group>/<plural>`: identifies stored objects independent of the version they are served in. */
export function resourceKeyOf(type: Pick<ResourceType, 'group' | 'plural'>): string {
  return `${type.group}/${type.plural}`;
}

function typeIndexKey(group: string, version: string, plural: string): string {
  return `${group}/${version}/${plural}`;
}

const BUILTIN_INDEX: ReadonlyMap<string, ResourceType> = new Map(
  BUILTIN_TYPES.map((t) => [typeIndexKey(t.group, t.version, t.plural), t]),
);

export class TypeRegistry {
  /** CRD name → its served versions; undefined until the first CRD */
  #custom: Map<string, ResourceType[]> | undefined;
  #customIndex: Map<string, ResourceType> | undefined;
  #all: ResourceType[] | undefined;

  /** Every served type (built-ins first). The array is shared; do not modify it. */
  all(): readonly ResourceType[] {
    if (!this.#custom) return BUILTIN_TYPES;
    this.#all ??= [...BUILTIN_TYPES, ...[...this.#custom.values()].flat()];
    return this.#all;
  }

  find(group: string, version: string, plural: string): ResourceType | undefined {
    const key = typeIndexKey(group, version, plural);
    const found = BUILTIN_INDEX.get(key) ?? this.#customIndex?.get(key);
    return found?.served ? found : undefined;
  }

  /** The storage version of a group/resource (custom resources may serve several versions). */
  storageType(group: string, plural: string): ResourceType | undefined {
    for (const t of this.all()) {
      if (t.group === group && t.plural === plural && t.storageVersion) return t;
    }
    return undefined;
  }

  /** Any served type of this group and kind (used to resolve ownerReferences and review requests). */
  findByKind(group: string, kind: string): ResourceType | undefined {
    for (const t of this.all()) if (t.group === group && t.kind === kind) return t;
    return undefined;
  }

  hasCustom(crdName: string): boolean {
    return this.#custom?.has(crdName) ?? false;
  }

  setCustom(crdName: string, types: ResourceType[]): void {
    this.#custom ??= new Map();
    this.#custom.set(crdName, types);
    this.#reindex();
  }

  removeCustom(crdName: string): void {
    if (!this.#custom?.delete(crdName)) return;
    this.#reindex();
  }

  #reindex(): void {
    this.#all = undefined;
    this.#customIndex = new Map();
    for (const types of this.#custom?.values() ?? []) {
      for (const t of types) this.#customIndex.set(typeIndexKey(t.group, t.version, t.plural), t);
    }
  }
}
