// Validation of a custom resource against its openAPIV3Schema, reproducing what the apiserver does:
// kube-openapi's SchemaValidator (validators run in its order, errors worded by its templates, "in body")
// converted to field errors by apiextensions (kubeOpenAPIResultToFieldErrors), then the
// x-kubernetes-list-type uniqueness checks. CEL (x-kubernetes-validations) is not evaluated.
import type { JsonObject, JsonValue } from '../json.ts';
import { isJsonObject } from '../json.ts';
import type { FieldError } from './field-error.ts';
import {
  invalid,
  NIL_PATH,
  notSupported,
  required,
  tooLong,
  tooMany,
  typeInvalid,
} from './field-error.ts';
import { effectiveFormat, isKnownStringFormat, matchesFormat } from './formats.ts';
import { goJson, goQuote, jsonTypeOf } from './go-format.ts';
import { compileGoPattern, InvalidPatternError } from './go-regexp.ts';
import { validateEmbeddedResources } from './embedded-resource-validation.ts';
import { validateListSetsAndMaps } from './list-type-validation.ts';
import { checkNumber, fieldOf, isJsonInteger } from './number-validation.ts';
import type { SchemaNode } from './schema-access.ts';
import {
  additionalProperties,
  deepEqual,
  flag,
  isIntOrString,
  items,
  num,
  properties,
  schemaList,
  str,
} from './schema-access.ts';

const IN = 'body';

/** Validate a (defaulted, pruned) object; empty array = valid. */
export function validateObject(schema: SchemaNode, obj: JsonObject): FieldError[] {
  const errors: FieldError[] = [];
  validateValue(schema, obj, '', errors, true);
  // Then the checks the custom resource strategy runs after the schema validator, in its order.
  errors.push(...validateEmbeddedResources(schema, obj));
  errors.push(...validateListSetsAndMaps(schema, obj));
  return errors;
}

/**
 * Validate one value with the schema's own path semantics (kube-openapi paths: `spec.ports[0].port`,
 * map entries `spec.labels.key`). Exported for validating a subtree, e.g. the status subresource,
 * which the apiserver validates against properties.status alone.
 */
export function validateValue(
  schema: SchemaNode,
  data: JsonValue,
  path: string,
  errors: FieldError[],
  isRoot = false,
): void {
  const types = schemaTypes(schema);
  const format = effectiveFormat(schema, types);

  if (data === null) {
    checkType(schema, types, format, data, path, errors);
    checkEnum(schema, data, path, errors);
    return;
  }
  const kind = jsonTypeOf(data);
  checkType(schema, types, format, data, path, errors);
  checkJunctors(schema, data, path, errors);
  if (typeof data === 'string') {
    checkString(schema, data, path, errors);
    if (format !== '' && isKnownStringFormat(format) && !matchesFormat(format, data)) {
      errors.push(
        typeInvalid(
          fieldOf(path),
          data,
          `${path} in ${IN} must be of type ${format}: ${goQuote(data)}`,
        ),
      );
    }
  }
  if (typeof data === 'number') checkNumber(schema, types, format, data, path, errors);
  if (Array.isArray(data)) checkArray(schema, data, path, errors);
  checkEnum(schema, data, path, errors);
  if (kind === 'object' && isJsonObject(data)) checkObject(schema, data, path, errors, isRoot);
}

function schemaTypes(schema: SchemaNode): string[] {
  // apiextensions turns x-kubernetes-int-or-string into type [integer, string] for validation.
  if (isIntOrString(schema)) return ['integer', 'string'];
  const t = str(schema, 'type');
  return t === undefined || t === '' ? [] : [t];
}

/** kube-openapi's typeValidator, including its quirks with formats on non-string values. */
function checkType(
  schema: SchemaNode,
  types: string[],
  format: string,
  data: JsonValue,
  path: string,
  errors: FieldError[],
): void {
  if (types.length === 0 && format === '') return;
  const typeName = types.join(',');
  if (data === null) {
    if (types.length > 0 && !types.includes('null') && !flag(schema, 'nullable')) {
      errors.push(
        typeInvalid(fieldOf(path), 'null', `${path} in ${IN} must be of type ${typeName}: "null"`),
      );
    }
    return;
  }
  const schType = jsonTypeOf(data);
  // Go decodes JSON integers as int64 and other numbers as float64; those are the "formats" it infers.
  const dataFormat = schType === 'integer' ? 'int64' : schType === 'number' ? 'float64' : '';
  const isFloatInt =
    schType === 'number' &&
    typeof data === 'number' &&
    isJsonInteger(data) &&
    types.includes('integer');
  const isIntFloat = schType === 'integer' && types.includes('number');
  const isStringOrSlice = schType === 'string' || schType === 'array';
  if (
    !isStringOrSlice &&
    format !== '' &&
    !(types.includes(schType) || dataFormat === format || isFloatInt || isIntFloat)
  ) {
    errors.push(
      typeInvalid(
        fieldOf(path),
        dataFormat,
        `${path} in ${IN} must be of type ${format}: ${goQuote(dataFormat)}`,
      ),
    );
    return;
  }
  if (!(types.includes('number') || types.includes('integer')) && format !== '' && isStringOrSlice)
    return;
  if (!(types.includes(schType) || isFloatInt || isIntFloat)) {
    errors.push(
      typeInvalid(
        fieldOf(path),
        schType,
        `${path} in ${IN} must be of type ${typeName}: ${goQuote(schType)}`,
      ),
    );
  }
}

/** allOf / anyOf / oneOf / not, evaluated at the same path (kube-openapi's schemaPropsValidator). */
function checkJunctors(
  schema: SchemaNode,
  data: JsonValue,
  path: string,
  errors: FieldError[],
): void {
  const run = (s: SchemaNode): FieldError[] => {
    const sub: FieldError[] = [];
    validateValue(s, data, path, sub);
    return sub;
  };
  const anyOf = schemaList(schema, 'anyOf');
  if (anyOf.length > 0) {
    const results = anyOf.map(run);
    if (!results.some((r) => r.length === 0)) {
      errors.push(composite(`${goQuote(path)} must validate at least one schema (anyOf)`));
      // kube-openapi keeps the errors of the alternative that got furthest; fewest errors approximates that.
      errors.push(...results.reduce((best, r) => (r.length < best.length ? r : best)));
    }
  }
  const oneOf = schemaList(schema, 'oneOf');
  if (oneOf.length > 0) {
    const results = oneOf.map(run);
    const valid = results.filter((r) => r.length === 0).length;
    if (valid !== 1) {
      const more = valid === 0 ? 'Found none valid' : `Found ${valid} valid alternatives`;
      errors.push(
        composite(`${goQuote(path)} must validate one and only one schema (oneOf). ${more}`),
      );
      if (valid === 0)
        errors.push(...results.reduce((best, r) => (r.length < best.length ? r : best)));
    }
  }
  const allOf = schemaList(schema, 'allOf');
  if (allOf.length > 0) {
    const results = allOf.map(run);
    const valid = results.filter((r) => r.length === 0).length;
    for (const r of results) errors.push(...r);
    if (valid !== allOf.length) {
      errors.push(
        composite(
          `${goQuote(path)} must validate all the schemas (allOf)${valid === 0 ? '. None validated' : ''}`,
        ),
      );
    }
  }
  const not = schema['not'];
  if (isJsonObject(not) && run(not).length === 0) {
    errors.push(composite(`${goQuote(path)} must not validate the schema (not)`));
  }
}

/** kube-openapi's composite errors are not field errors; apiextensions reports them on the nil path. */
function composite(message: string): FieldError {
  return invalid(NIL_PATH, '', message);
}

/** maxLength, minLength, pattern; kube-openapi stops at the first failure. Lengths count runes. */
function checkString(schema: SchemaNode, data: string, path: string, errors: FieldError[]): void {
  const length = [...data].length;
  const maxLength = num(schema, 'maxLength');
  if (maxLength !== undefined && length > maxLength) {
    errors.push(tooLong(fieldOf(path), maxLength));
    return;
  }
  const minLength = num(schema, 'minLength');
  if (minLength !== undefined && length < minLength) {
    errors.push(
      invalid(fieldOf(path), data, `${path} in ${IN} should be at least ${minLength} chars long`),
    );
    return;
  }
  const pattern = str(schema, 'pattern');
  if (pattern !== undefined && pattern !== '') {
    const re = compileGoPattern(pattern);
    if (re instanceof InvalidPatternError) {
      errors.push(
        invalid(
          fieldOf(path),
          data,
          `${path} in ${IN} should match '${pattern}, but pattern is invalid: ${re.message}'`,
        ),
      );
    } else if (!re.test(data)) {
      errors.push(invalid(fieldOf(path), data, `${path} in ${IN} should match '${pattern}'`));
    }
  }
}

/** Items first, then minItems, maxItems, uniqueItems (kube-openapi's schemaSliceValidator order). */
function checkArray(
  schema: SchemaNode,
  data: JsonValue[],
  path: string,
  errors: FieldError[],
): void {
  const itemSchema = items(schema);
  if (itemSchema !== undefined)
    data.forEach((item, i) => validateValue(itemSchema, item, `${path}[${i}]`, errors));
  const minItems = num(schema, 'minItems');
  if (minItems !== undefined && data.length < minItems) {
    errors.push(
      invalid(
        fieldOf(path),
        data.length,
        `${path} in ${IN} should have at least ${minItems} items`,
      ),
    );
  }
  const maxItems = num(schema, 'maxItems');
  if (maxItems !== undefined && data.length > maxItems)
    errors.push(tooMany(fieldOf(path), data.length, maxItems));
  if (
    flag(schema, 'uniqueItems') &&
    data.some((x, i) => data.findIndex((y) => deepEqual(x, y)) !== i)
  ) {
    errors.push(invalid(fieldOf(path), '', `${path} in ${IN} shouldn't contain duplicates`));
  }
}

/** enum: supported values listed as strings, non-strings JSON-encoded (apiextensions' EnumFailCode branch). */
function checkEnum(schema: SchemaNode, data: JsonValue, path: string, errors: FieldError[]): void {
  const values = schema['enum'];
  if (!Array.isArray(values) || values.length === 0) return;
  // A null value never matches (Go cannot convert nil to the enum values' types), even `enum: [null]`.
  if (data !== null && values.some((v) => v !== null && deepEqual(v, data))) return;
  const supported = values.map((v) => (typeof v === 'string' ? v : goJson(v)));
  errors.push(notSupported(fieldOf(path), data, supported));
}

/** min/maxProperties, additionalProperties, properties, required (kube-openapi's objectValidator). */
function checkObject(
  schema: SchemaNode,
  data: JsonObject,
  path: string,
  errors: FieldError[],
  isRoot: boolean,
): void {
  const keys = Object.keys(data);
  const minProperties = num(schema, 'minProperties');
  if (minProperties !== undefined && keys.length < minProperties) {
    errors.push(
      invalid(
        fieldOf(path),
        keys.length,
        `${path} in ${IN} should have at least ${minProperties} properties`,
      ),
    );
  }
  const maxProperties = num(schema, 'maxProperties');
  if (maxProperties !== undefined && keys.length > maxProperties)
    errors.push(tooMany(fieldOf(path), keys.length, maxProperties));

  const props = properties(schema) ?? {};
  const additional = additionalProperties(schema);
  if (additional !== undefined && !additional.allows) {
    for (const k of keys) {
      if (!(k in props))
        errors.push(invalid(fieldOf(path), k, `${path}.${k} in ${IN} is a forbidden property`));
    }
  } else if (additional?.schema !== undefined) {
    const apSchema = additional.schema;
    for (const k of keys)
      if (!(k in props)) validateValue(apSchema, data[k] ?? null, `${path}.${k}`, errors);
  }

  for (const [name, propSchema] of Object.entries(props)) {
    if (!Object.prototype.hasOwnProperty.call(data, name)) continue;
    const childPath = path === '' ? name : `${path}.${name}`;
    // ObjectMeta is validated by the server core; a CRD may only constrain metadata.name/generateName.
    const effective = isRoot && name === 'metadata' ? metadataSchema(propSchema) : propSchema;
    validateValue(effective, data[name] ?? null, childPath, errors);
  }

  for (const k of requiredFields(schema)) {
    if (!Object.prototype.hasOwnProperty.call(data, k))
      errors.push(required(fieldOf(`${path}.${k}`)));
  }
}

function requiredFields(schema: SchemaNode): string[] {
  const r = schema['required'];
  return Array.isArray(r) ? r.filter((x): x is string => typeof x === 'string') : [];
}

function metadataSchema(schema: SchemaNode): SchemaNode {
  const props = properties(schema) ?? {};
  const kept: JsonObject = {};
  if (props['name'] !== undefined) kept['name'] = props['name'];
  if (props['generateName'] !== undefined) kept['generateName'] = props['generateName'];
  return { type: 'object', properties: kept };
}
