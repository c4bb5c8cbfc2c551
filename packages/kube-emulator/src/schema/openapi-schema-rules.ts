// The per-node rules apiextensions applies to a CRD's openAPIV3Schema
// (ValidateCustomResourceDefinitionOpenAPISchema and specStandardValidatorV3): unsupported keywords,
// list/map-type consistency, defaults forbidden in metadata. x-kubernetes-validations rules are only
// checked for shape; CEL expressions are not compiled.
import type { FieldError } from './field-error.ts';
import { forbidden, invalid, notSupported, required } from './field-error.ts';
import type { SchemaNode } from './schema-access.ts';
import {
  additionalProperties,
  child,
  flag,
  hasDefault,
  isEmbeddedResource,
  items,
  properties,
  schemaList,
  str,
  strList,
} from './schema-access.ts';

const OPENAPI_V3_TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'];
const META_FIELDS = new Set(['metadata', 'kind', 'apiVersion']);

interface RuleContext {
  allowDefaults: boolean;
  disallowDefaultsReason: string;
  insideResourceMeta: boolean;
}

export function validateOpenApiSchemaRules(schema: SchemaNode, path: string): FieldError[] {
  return visit(
    schema,
    path,
    { allowDefaults: true, disallowDefaultsReason: '', insideResourceMeta: false },
    true,
  );
}

function visit(s: SchemaNode, path: string, ctx: RuleContext, isRoot: boolean): FieldError[] {
  const errors = standardRules(s, path, ctx);
  if (flag(s, 'uniqueItems'))
    errors.push(
      forbidden(
        `${path}.uniqueItems`,
        'uniqueItems cannot be set to true since the runtime complexity becomes quadratic',
      ),
    );

  const props = properties(s) ?? {};
  const ap = additionalProperties(s);
  if (ap !== undefined) {
    if (Object.keys(props).length > 0 && (!ap.allows || ap.schema !== undefined)) {
      errors.push(
        forbidden(
          `${path}.additionalProperties`,
          'additionalProperties and properties are mutual exclusive',
        ),
      );
    }
    // Pruning a defaulted map entry inside metadata would be ambiguous, so defaults are forbidden there.
    const sub = ctx.insideResourceMeta
      ? {
          ...ctx,
          allowDefaults: false,
          disallowDefaultsReason: 'inside additionalProperties applying to object metadata',
        }
      : ctx;
    if (ap.schema !== undefined)
      errors.push(...visit(ap.schema, `${path}.additionalProperties`, sub, false));
  }
  for (const [name, p] of Object.entries(props)) {
    let sub = ctx;
    if ((isRoot || isEmbeddedResource(s)) && META_FIELDS.has(name)) {
      sub = { ...sub, insideResourceMeta: true };
      if (isRoot)
        sub = { ...sub, allowDefaults: false, disallowDefaultsReason: `in top-level ${name}` };
    }
    errors.push(...visit(p, `${path}.properties[${name}]`, sub, false));
  }
  const not = child(s, 'not');
  if (not !== undefined) errors.push(...visit(not, `${path}.not`, ctx, false));
  for (const key of ['allOf', 'oneOf', 'anyOf'])
    schemaList(s, key).forEach((n, i) =>
      errors.push(...visit(n, `${path}.${key}[${i}]`, ctx, false)),
    );
  const itemSchema = items(s);
  if (itemSchema !== undefined) errors.push(...visit(itemSchema, `${path}.items`, ctx, false));

  if (s['x-kubernetes-preserve-unknown-fields'] === false) {
    errors.push(
      invalid(`${path}.x-kubernetes-preserve-unknown-fields`, false, 'must be true or undefined'),
    );
  }
  errors.push(
    ...mapTypeRules(s, path),
    ...listTypeRules(s, path),
    ...validationRuleShapes(s, path),
  );
  return errors;
}

function standardRules(s: SchemaNode, path: string, ctx: RuleContext): FieldError[] {
  const errors: FieldError[] = [];
  const type = str(s, 'type') ?? '';
  if (type !== '' && !OPENAPI_V3_TYPES.includes(type))
    errors.push(notSupported(`${path}.type`, type, OPENAPI_V3_TYPES));
  if (hasDefault(s) && !ctx.allowDefaults) {
    errors.push(
      forbidden(
        `${path}.default`,
        `must not be set${ctx.disallowDefaultsReason === '' ? '' : ' ' + ctx.disallowDefaultsReason}`,
      ),
    );
  }
  const unsupported: [string, string][] = [
    ['id', 'id is not supported'],
    ['additionalItems', 'additionalItems is not supported'],
    ['patternProperties', 'patternProperties is not supported'],
    ['definitions', 'definitions is not supported'],
    ['dependencies', 'dependencies is not supported'],
    ['$ref', '$ref is not supported'],
  ];
  for (const [key, detail] of unsupported)
    if (s[key] !== undefined && s[key] !== '') errors.push(forbidden(`${path}.${key}`, detail));
  if (type === 'null')
    errors.push(
      forbidden(`${path}.type`, 'type cannot be set to null, use nullable as an alternative'),
    );
  if (Array.isArray(s['items']))
    errors.push(forbidden(`${path}.items`, 'items must be a schema object and not an array'));
  if (ctx.insideResourceMeta && isEmbeddedResource(s)) {
    errors.push(
      forbidden(
        `${path}.x-kubernetes-embedded-resource`,
        'must not be used inside of resource meta',
      ),
    );
  }
  return errors;
}

function mapTypeRules(s: SchemaNode, path: string): FieldError[] {
  const mapType = str(s, 'x-kubernetes-map-type');
  if (mapType === undefined) return [];
  const errors: FieldError[] = [];
  const type = str(s, 'type') ?? '';
  if (type !== 'object') {
    if (type === '')
      errors.push(required(`${path}.type`, 'must be object if x-kubernetes-map-type is specified'));
    else
      errors.push(
        invalid(`${path}.type`, type, 'must be object if x-kubernetes-map-type is specified'),
      );
  }
  if (mapType !== 'atomic' && mapType !== 'granular')
    errors.push(notSupported(`${path}.x-kubernetes-map-type`, mapType, ['atomic', 'granular']));
  return errors;
}

function listTypeRules(s: SchemaNode, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const listType = str(s, 'x-kubernetes-list-type');
  const keys = strList(s, 'x-kubernetes-list-map-keys');
  const type = str(s, 'type') ?? '';
  const itemSchema = items(s);
  if (listType !== undefined && type !== 'array') {
    if (type === '')
      errors.push(required(`${path}.type`, 'must be array if x-kubernetes-list-type is specified'));
    else
      errors.push(
        invalid(`${path}.type`, type, 'must be array if x-kubernetes-list-type is specified'),
      );
  } else if (listType === 'set' && itemSchema !== undefined) {
    const itemType = str(itemSchema, 'type');
    const itemListType = str(itemSchema, 'x-kubernetes-list-type');
    if (itemType === 'array' && itemListType !== undefined && itemListType !== 'atomic') {
      errors.push(
        invalid(
          `${path}.items.x-kubernetes-list-type`,
          itemListType,
          'must be atomic as item of a list with x-kubernetes-list-type=set',
        ),
      );
    }
    if (itemType === 'object' && str(itemSchema, 'x-kubernetes-map-type') !== 'atomic') {
      // Go passes the (nil) list-type pointer as the value here, which prints as null.
      errors.push(
        invalid(
          `${path}.items.x-kubernetes-map-type`,
          itemListType ?? null,
          'must be atomic as item of a list with x-kubernetes-list-type=set',
        ),
      );
    }
  }
  if (listType !== undefined && listType !== 'atomic' && listType !== 'set' && listType !== 'map') {
    errors.push(notSupported(`${path}.x-kubernetes-list-type`, listType, ['atomic', 'set', 'map']));
  }
  if (keys.length > 0) {
    if (listType === undefined)
      errors.push(
        required(
          `${path}.x-kubernetes-list-type`,
          'must be map if x-kubernetes-list-map-keys is non-empty',
        ),
      );
    else if (listType !== 'map')
      errors.push(
        invalid(
          `${path}.x-kubernetes-list-type`,
          listType,
          'must be map if x-kubernetes-list-map-keys is non-empty',
        ),
      );
  }
  if (listType === 'map') {
    if (keys.length === 0)
      errors.push(
        required(
          `${path}.x-kubernetes-list-map-keys`,
          'must not be empty if x-kubernetes-list-type is map',
        ),
      );
    if (s['items'] === undefined)
      errors.push(required(`${path}.items`, 'must have a schema if x-kubernetes-list-type is map'));
    if (itemSchema !== undefined && str(itemSchema, 'type') !== 'object') {
      errors.push(
        invalid(
          `${path}.items.type`,
          str(itemSchema, 'type') ?? '',
          "must be object if parent array's x-kubernetes-list-type is map",
        ),
      );
    }
    if (itemSchema !== undefined && str(itemSchema, 'type') === 'object') {
      const itemProps = properties(itemSchema) ?? {};
      const seen = new Set<string>();
      for (const k of keys) {
        const p = itemProps[k];
        if (p === undefined) {
          errors.push(
            invalid(
              `${path}.x-kubernetes-list-map-keys`,
              keys,
              'entries must all be names of item properties',
            ),
          );
        } else if (str(p, 'type') === 'array' || str(p, 'type') === 'object') {
          errors.push(
            invalid(
              `${path}.items.properties[${k}].type`,
              'object',
              "must be a scalar type if parent array's x-kubernetes-list-type is map",
            ),
          );
        }
        if (seen.has(k))
          errors.push(
            invalid(
              `${path}.x-kubernetes-list-map-keys`,
              keys,
              'must not contain duplicate entries',
            ),
          );
        seen.add(k);
      }
    }
  }
  if ((listType === 'set' || listType === 'map') && itemSchema !== undefined) {
    if (flag(itemSchema, 'nullable'))
      errors.push(
        forbidden(
          `${path}.items.nullable`,
          `cannot be nullable when x-kubernetes-list-type is ${listType}`,
        ),
      );
    if (listType === 'map') {
      const requiredKeys = new Set(strList(itemSchema, 'required'));
      const itemProps = properties(itemSchema) ?? {};
      for (const k of keys) {
        const p = itemProps[k];
        if (p === undefined) continue;
        if (!requiredKeys.has(k) && !hasDefault(p)) {
          errors.push(
            required(
              `${path}.items.properties[${k}].default`,
              'this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property',
            ),
          );
        }
        if (flag(p, 'nullable'))
          errors.push(
            forbidden(
              `${path}.items.properties[${k}].nullable`,
              'this property is in x-kubernetes-list-map-keys, so it cannot be nullable',
            ),
          );
      }
    }
  }
  return errors;
}

const VALIDATION_REASONS = [
  'FieldValueDuplicate',
  'FieldValueForbidden',
  'FieldValueInvalid',
  'FieldValueRequired',
];

/** Shape checks of x-kubernetes-validations entries; the CEL itself is out of scope. */
function validationRuleShapes(s: SchemaNode, path: string): FieldError[] {
  const errors: FieldError[] = [];
  schemaList(s, 'x-kubernetes-validations').forEach((rule, i) => {
    const p = `${path}.x-kubernetes-validations[${i}]`;
    const ruleText = (str(rule, 'rule') ?? '').trim();
    const message = str(rule, 'message') ?? '';
    if (ruleText === '') errors.push(required(`${p}.rule`, 'rule is not specified'));
    else if (message.length > 0 && message.trim() === '')
      errors.push(invalid(`${p}.message`, message, 'must be non-empty if specified'));
    else if (/[\n\r]/.test(message.trim()))
      errors.push(invalid(`${p}.message`, message, 'must not contain line breaks'));
    else if (/[\n\r]/.test(ruleText) && message.trim() === '')
      errors.push(
        required(`${p}.message`, 'message must be specified if rule contains line breaks'),
      );
    const reason = str(rule, 'reason');
    if (reason !== undefined && !VALIDATION_REASONS.includes(reason))
      errors.push(notSupported(`${p}.reason`, reason, VALIDATION_REASONS));
  });
  return errors;
}
