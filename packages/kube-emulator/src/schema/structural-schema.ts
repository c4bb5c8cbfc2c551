// Is an openAPIV3Schema structural? apiextensions' ValidateStructural: a type at every level (except
// under x-kubernetes-int-or-string / preserve-unknown-fields), value validations (allOf/anyOf/oneOf/not)
// that only constrain fields also specified outside them, and root metadata limited to name/generateName.
// Errors are sorted by message, as Kubernetes sorts them.
import type { FieldError } from './field-error.ts';
import { forbidden, invalid, required } from './field-error.ts';
import { compileGoPattern, InvalidPatternError } from './go-regexp.ts';
import type { SchemaNode } from './schema-access.ts';
import {
  additionalProperties,
  child,
  isEmbeddedResource,
  isIntOrString,
  items,
  preservesUnknownFields,
  properties,
  schemaList,
  str,
} from './schema-access.ts';

type Level = 'root' | 'item' | 'field';

export function validateStructural(schema: SchemaNode, path: string): FieldError[] {
  const errors = [...invariants(schema, 'root', path), ...completeness(schema, schema, path, path)];
  return errors.sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
}

function invariants(s: SchemaNode, level: Level, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const type = str(s, 'type') ?? '';
  const itemSchema = items(s);
  if (type === 'array' && itemSchema === undefined)
    errors.push(required(`${path}.items`, 'must be specified'));
  if (itemSchema !== undefined) errors.push(...invariants(itemSchema, 'item', `${path}.items`));
  const props = properties(s) ?? {};
  for (const [k, p] of Object.entries(props))
    errors.push(...invariants(p, 'field', `${path}.properties[${k}]`));
  const ap = additionalProperties(s);
  if (ap !== undefined) {
    if (level === 'root')
      errors.push(forbidden(`${path}.additionalProperties`, 'must not be used at the root'));
    if (ap.schema !== undefined)
      errors.push(...invariants(ap.schema, 'field', `${path}.additionalProperties`));
  }
  if (isIntOrString(s) && preservesUnknownFields(s)) {
    errors.push(
      invalid(
        `${path}.x-kubernetes-preserve-unknown-fields`,
        true,
        'must be false if x-kubernetes-int-or-string is true',
      ),
    );
  }
  if (isIntOrString(s) && isEmbeddedResource(s)) {
    errors.push(
      invalid(
        `${path}.x-kubernetes-embedded-resource`,
        true,
        'must be false if x-kubernetes-int-or-string is true',
      ),
    );
  }
  errors.push(...valueValidation(s, isIntOrStringAnyOf(s), isIntOrStringAllOf(s), path));

  const embedded = isEmbeddedResource(s);
  if (embedded && type !== 'object') {
    if (type === '')
      errors.push(
        required(`${path}.type`, 'must be object if x-kubernetes-embedded-resource is true'),
      );
    else
      errors.push(
        invalid(`${path}.type`, type, 'must be object if x-kubernetes-embedded-resource is true'),
      );
  } else if (type === '' && !isIntOrString(s) && !preservesUnknownFields(s)) {
    const where = {
      root: 'at the root',
      item: 'for specified array items',
      field: 'for specified object fields',
    }[level];
    errors.push(required(`${path}.type`, `must not be empty ${where}`));
  }
  if (embedded && ap !== undefined)
    errors.push(
      forbidden(
        `${path}.additionalProperties`,
        'must not be used if x-kubernetes-embedded-resource is set',
      ),
    );
  if (level === 'root' && type !== '' && type !== 'object')
    errors.push(invalid(`${path}.type`, type, 'must be object at the root'));

  const checkMetadata = level === 'root' || embedded;
  for (const meta of ['kind', 'apiVersion']) {
    const p = props[meta];
    if (p !== undefined && checkMetadata && str(p, 'type') !== 'string') {
      errors.push(
        invalid(`${path}.properties[${meta}].type`, str(p, 'type') ?? '', 'must be string'),
      );
    }
  }
  const metadata = props['metadata'];
  if (metadata !== undefined) {
    const mPath = `${path}.properties[metadata]`;
    if (checkMetadata && str(metadata, 'type') !== 'object')
      errors.push(invalid(`${mPath}.type`, str(metadata, 'type') ?? '', 'must be object'));
    if (level === 'root' && !isPlainRootMetadata(metadata)) {
      errors.push(
        forbidden(
          mPath,
          'must not specify anything other than name and generateName, but metadata is implicitly specified',
        ),
      );
    }
  }
  if (embedded && !preservesUnknownFields(s) && Object.keys(props).length === 0) {
    errors.push(
      required(
        `${path}.properties`,
        'must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields',
      ),
    );
  }
  return errors;
}

/** Root metadata may carry a type and a default, and properties only if they are exactly name and/or generateName. */
function isPlainRootMetadata(m: SchemaNode): boolean {
  for (const key of Object.keys(m)) {
    if (key === 'type' || key === 'default') continue;
    if (key === 'properties') {
      const names = Object.keys(properties(m) ?? {});
      const ok =
        names.length > 0 &&
        names.length <= 2 &&
        names.every((n) => n === 'name' || n === 'generateName');
      if (!ok) return false;
      continue;
    }
    return false;
  }
  return true;
}

function isTypeOnly(s: SchemaNode, type: string): boolean {
  return Object.keys(s).length === 1 && s['type'] === type;
}

function isIntOrStringPair(list: SchemaNode[]): boolean {
  return (
    list.length === 2 && isTypeOnly(list[0] ?? {}, 'integer') && isTypeOnly(list[1] ?? {}, 'string')
  );
}

function isIntOrStringAnyOf(s: SchemaNode): boolean {
  return isIntOrStringPair(schemaList(s, 'anyOf'));
}

function isIntOrStringAllOf(s: SchemaNode): boolean {
  const first = schemaList(s, 'allOf')[0];
  return first !== undefined && isIntOrStringPair(schemaList(first, 'anyOf'));
}

function valueValidation(
  v: SchemaNode,
  skipAnyOf: boolean,
  skipFirstAllOfAnyOf: boolean,
  path: string,
): FieldError[] {
  const errors: FieldError[] = [];
  if (!skipAnyOf)
    schemaList(v, 'anyOf').forEach((n, i) =>
      errors.push(...nested(n, false, `${path}.anyOf[${i}]`)),
    );
  schemaList(v, 'allOf').forEach((n, i) =>
    errors.push(...nested(n, skipFirstAllOfAnyOf && i === 0, `${path}.allOf[${i}]`)),
  );
  schemaList(v, 'oneOf').forEach((n, i) => errors.push(...nested(n, false, `${path}.oneOf[${i}]`)));
  const not = child(v, 'not');
  if (not !== undefined) errors.push(...nested(not, false, `${path}.not`));
  const pattern = str(v, 'pattern');
  if (pattern !== undefined && pattern !== '') {
    const re = compileGoPattern(pattern);
    if (re instanceof InvalidPatternError)
      errors.push(
        invalid(
          `${path}.pattern`,
          pattern,
          `must be a valid regular expression, but isn't: ${re.message}`,
        ),
      );
  }
  return errors;
}

const NESTED_FORBIDDEN: readonly [string, string][] = [
  ['type', 'must be empty to be structural'],
  ['additionalProperties', 'must be undefined to be structural'],
  ['default', 'must be undefined to be structural'],
  ['title', 'must be empty to be structural'],
  ['description', 'must be empty to be structural'],
  ['nullable', 'must be false to be structural'],
  ['x-kubernetes-preserve-unknown-fields', 'must be false to be structural'],
  ['x-kubernetes-embedded-resource', 'must be false to be structural'],
  ['x-kubernetes-int-or-string', 'must be false to be structural'],
  ['x-kubernetes-list-map-keys', 'must be empty to be structural'],
  ['x-kubernetes-list-type', 'must be undefined to be structural'],
  ['x-kubernetes-map-type', 'must be undefined to be structural'],
  ['x-kubernetes-validations', 'must be empty to be structural'],
];

/** Inside a logical junctor only value validations are allowed. */
function nested(v: SchemaNode, skipAnyOf: boolean, path: string): FieldError[] {
  const errors = valueValidation(v, skipAnyOf, false, path);
  const itemSchema = items(v);
  if (itemSchema !== undefined) errors.push(...nested(itemSchema, false, `${path}.items`));
  for (const [k, p] of Object.entries(properties(v) ?? {}))
    errors.push(...nested(p, false, `${path}.properties[${k}]`));
  for (const [key, detail] of NESTED_FORBIDDEN) {
    const value = v[key];
    const set =
      value !== undefined &&
      value !== false &&
      value !== '' &&
      value !== null &&
      !(Array.isArray(value) && value.length === 0);
    if (set) errors.push(forbidden(`${path}.${key}`, detail));
  }
  if ((properties(v) ?? {})['metadata'] !== undefined)
    errors.push(
      forbidden(`${path}.properties[metadata]`, 'must not be specified in a nested context'),
    );
  return errors;
}

/** Every field or array constrained inside allOf/anyOf/oneOf/not must also be specified structurally. */
function completeness(
  v: SchemaNode,
  s: SchemaNode | undefined,
  sPath: string,
  vPath: string,
): FieldError[] {
  const errors: FieldError[] = [];
  const junctors: [string, SchemaNode][] = [];
  const not = child(v, 'not');
  if (not !== undefined) junctors.push([`${vPath}.not`, not]);
  for (const key of ['allOf', 'anyOf', 'oneOf'])
    schemaList(v, key).forEach((n, i) => junctors.push([`${vPath}.${key}[${i}]`, n]));
  for (const [path, n] of junctors) errors.push(...nestedCompleteness(n, s, sPath, path));
  return errors;
}

function nestedCompleteness(
  v: SchemaNode,
  s: SchemaNode | undefined,
  sPath: string,
  vPath: string,
): FieldError[] {
  if (s === undefined) return [required(sPath, `because it is defined in ${vPath}`)];
  const errors = completeness(v, s, sPath, vPath);
  const vItems = items(v);
  if (vItems !== undefined)
    errors.push(...nestedCompleteness(vItems, items(s), `${sPath}.items`, `${vPath}.items`));
  const sProps = properties(s) ?? {};
  for (const [k, vp] of Object.entries(properties(v) ?? {})) {
    const sp = sProps[k];
    if (sp === undefined)
      errors.push(
        required(`${sPath}.properties[${k}]`, `because it is defined in ${vPath}.properties[${k}]`),
      );
    else
      errors.push(
        ...nestedCompleteness(vp, sp, `${sPath}.properties[${k}]`, `${vPath}.properties[${k}]`),
      );
  }
  return errors;
}
