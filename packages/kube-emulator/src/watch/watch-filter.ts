// Which objects a watcher (or list) sees: one resource, optionally one namespace, label and
// field selectors. Field values come from the selectors module's per-kind field sets.
import type { JsonObject } from '../json.ts';
import type { ResourceType } from '../resources/types.ts';
import {
  convertFieldSelector,
  fieldSetFor,
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from '../selectors/index.ts';
import type { FieldSelector, FieldSetOptions, LabelSelector } from '../selectors/index.ts';
import { metadataOf } from '../store/object-meta.ts';

function fieldOptions(type: ResourceType): FieldSetOptions {
  return {
    custom: type.custom,
    namespaced: type.namespaced,
    ...(type.selectableFields ? { selectableFields: type.selectableFields } : {}),
  };
}

export class ObjectFilter {
  readonly namespace: string | undefined;
  readonly #type: ResourceType;
  readonly #labels: LabelSelector | undefined;
  readonly #fields: FieldSelector | undefined;

  constructor(type: ResourceType, namespace: string | undefined, labelSelector: string | null, fieldSelector: string | null) {
    this.#type = type;
    this.namespace = namespace || undefined;
    // parse errors are SelectorErrors, answered as 400 BadRequest
    this.#labels = labelSelector ? parseLabelSelector(labelSelector) : undefined;
    this.#fields = fieldSelector
      ? convertFieldSelector(parseFieldSelector(fieldSelector), type.group, type.kind, fieldOptions(type))
      : undefined;
  }

  get selective(): boolean {
    return this.#labels !== undefined || this.#fields !== undefined;
  }

  matches(obj: JsonObject): boolean {
    const meta = metadataOf(obj);
    if (this.namespace !== undefined && meta.namespace !== this.namespace) return false;
    if (this.#labels && !matchesLabels(this.#labels, meta.labels ?? {})) return false;
    if (this.#fields) {
      const fields = fieldSetFor(this.#type.group, this.#type.kind, obj, fieldOptions(this.#type));
      if (!matchesFields(this.#fields, fields)) return false;
    }
    return true;
  }
}
