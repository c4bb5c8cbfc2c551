// Objects marked x-kubernetes-embedded-resource (e.g. a Pod template inside a custom resource) must look
// like resources: apiextensions' objectmeta.Validate requires apiVersion and kind and checks them and
// metadata.name. Label/annotation syntax inside embedded metadata is not checked here.
import type { JsonObject, JsonValue } from '../json.ts';
import { isJsonObject } from '../json.ts';
import type { FieldError } from './field-error.ts';
import { invalid, required } from './field-error.ts';
import type { SchemaNode } from './schema-access.ts';
import { additionalProperties, isEmbeddedResource, items, properties } from './schema-access.ts';
import { isDns1035Label } from './dns-names.ts';

/** Validate every embedded resource below the root (the root object's own meta is the server core's job). */
export function validateEmbeddedResources(schema: SchemaNode, obj: JsonObject): FieldError[] {
  const errors: FieldError[] = [];
  walk(obj, schema, '', errors, true);
  return errors;
}

function join(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

function walk(
  x: JsonValue,
  s: SchemaNode | undefined,
  path: string,
  errors: FieldError[],
  isRoot = false,
): void {
  if (s === undefined) return;
  if (Array.isArray(x)) {
    const itemSchema = items(s);
    x.forEach((v, i) => walk(v, itemSchema, `${path}[${i}]`, errors));
    return;
  }
  if (!isJsonObject(x)) return;
  if (!isRoot && isEmbeddedResource(s)) errors.push(...validateEmbedded(x, path));
  const props = properties(s) ?? {};
  const ap = additionalProperties(s)?.schema;
  for (const [k, v] of Object.entries(x)) {
    const prop = props[k];
    if (prop !== undefined) walk(v, prop, join(path, k), errors);
    else if (ap !== undefined) walk(v, ap, `${path}[${k}]`, errors);
  }
}

function validateEmbedded(x: JsonObject, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!Object.prototype.hasOwnProperty.call(x, 'apiVersion'))
    errors.push(required(join(path, 'apiVersion')));
  if (!Object.prototype.hasOwnProperty.call(x, 'kind')) errors.push(required(join(path, 'kind')));
  const apiVersion = x['apiVersion'];
  if (apiVersion !== undefined) {
    const p = join(path, 'apiVersion');
    if (typeof apiVersion !== 'string') errors.push(invalid(p, apiVersion, 'must be a string'));
    else if (apiVersion === '') errors.push(invalid(p, apiVersion, 'must not be empty'));
    else if (apiVersion.split('/').length > 2)
      errors.push(invalid(p, apiVersion, `unexpected GroupVersion string: ${apiVersion}`));
  }
  const kind = x['kind'];
  if (kind !== undefined) {
    const p = join(path, 'kind');
    if (typeof kind !== 'string') errors.push(invalid(p, kind, 'must be a string'));
    else if (kind === '') errors.push(invalid(p, kind, 'must not be empty'));
    else {
      const errs = isDns1035Label(kind.toLowerCase());
      if (errs.length > 0)
        errors.push(
          invalid(p, kind, 'may have mixed case, but should otherwise match: ' + errs.join(',')),
        );
    }
  }
  const metadata = x['metadata'];
  if (metadata !== undefined && isJsonObject(metadata)) {
    const name = metadata['name'];
    if (typeof name === 'string' && name !== '') {
      for (const msg of pathSegmentErrors(name))
        errors.push(invalid(join(path, 'metadata.name'), name, msg));
    }
  }
  return errors;
}

/** apimachinery's IsPathSegmentName: names become URL path segments. */
function pathSegmentErrors(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  const errs: string[] = [];
  for (const illegal of ['/', '%'])
    if (name.includes(illegal)) errs.push(`may not contain '${illegal}'`);
  return errs;
}
