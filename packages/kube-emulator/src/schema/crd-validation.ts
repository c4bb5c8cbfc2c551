// Validation of an apiextensions.k8s.io/v1 CustomResourceDefinition on create, following
// apiextensions' ValidateCustomResourceDefinition: names, group, scope, versions, per-version schema
// (structural, openapi rules, defaults), subresources and printer columns. The CRD is defaulted first
// (singular, listKind, conversion) because the apiserver defaults before it validates.
import type { JsonObject, JsonValue } from '../json.ts';
import { isJsonObject } from '../json.ts';
import { validateDefaultValues } from './default-validation.ts';
import type { FieldError } from './field-error.ts';
import { forbidden, invalid, notSupported, RawValue, required } from './field-error.ts';
import { isDns1035Label, isDns1123Subdomain } from './dns-names.ts';
import { goJson } from './go-format.ts';
import { validateOpenApiSchemaRules } from './openapi-schema-rules.ts';
import { validatePrinterColumn, validateScale } from './crd-version-parts.ts';
import { child, deepCopy, schemaList, str, strList } from './schema-access.ts';
import { validateStructural } from './structural-schema.ts';

const ROOT_FIELDS_WITH_STATUS: Record<string, string> = {
  description: 'Description',
  type: 'Type',
  format: 'Format',
  title: 'Title',
  maximum: 'Maximum',
  exclusiveMaximum: 'ExclusiveMaximum',
  minimum: 'Minimum',
  exclusiveMinimum: 'ExclusiveMinimum',
  maxLength: 'MaxLength',
  minLength: 'MinLength',
  pattern: 'Pattern',
  maxItems: 'MaxItems',
  minItems: 'MinItems',
  uniqueItems: 'UniqueItems',
  multipleOf: 'MultipleOf',
  required: 'Required',
  items: 'Items',
  properties: 'Properties',
  externalDocs: 'ExternalDocs',
  example: 'Example',
  'x-kubernetes-preserve-unknown-fields': 'XPreserveUnknownFields',
  'x-kubernetes-validations': 'XValidations',
};

/** The v1 defaults the apiserver applies to a CRD before validating and storing it. Returns a copy. */
export function defaultCustomResourceDefinition(crd: JsonObject): JsonObject {
  const copy = deepCopy(crd);
  const spec = isJsonObject(copy['spec']) ? copy['spec'] : (copy['spec'] = {});
  const names = isJsonObject(spec['names']) ? spec['names'] : (spec['names'] = {});
  const kind = str(names, 'kind') ?? '';
  if ((str(names, 'singular') ?? '') === '') names['singular'] = kind.toLowerCase();
  if ((str(names, 'listKind') ?? '') === '' && kind !== '') names['listKind'] = `${kind}List`;
  if (!isJsonObject(spec['conversion'])) spec['conversion'] = { strategy: 'None' };
  const conversion = spec['conversion'];
  const webhook = child(conversion, 'webhook');
  const service =
    webhook === undefined ? undefined : child(child(webhook, 'clientConfig') ?? {}, 'service');
  if (service !== undefined && service['port'] === undefined) service['port'] = 443;
  return copy;
}

/** Validate a CustomResourceDefinition object itself (names, versions, exactly one storage version, structural schema). */
export function validateCustomResourceDefinition(input: JsonObject): FieldError[] {
  const crd = defaultCustomResourceDefinition(input);
  const metadata = child(crd, 'metadata') ?? {};
  const spec = child(crd, 'spec') ?? {};
  const names = child(spec, 'names') ?? {};
  const group = str(spec, 'group') ?? '';
  const plural = str(names, 'plural') ?? '';
  const errors: FieldError[] = [];

  const name = str(metadata, 'name') ?? '';
  if (name === '' && (str(metadata, 'generateName') ?? '') === '') {
    errors.push(required('metadata.name', 'name or generateName is required'));
  } else if (name !== '') {
    const msgs = isDns1123Subdomain(name);
    if (name !== `${plural}.${group}`) msgs.push('must be spec.names.plural+"."+spec.group');
    for (const m of msgs) errors.push(invalid('metadata.name', name, m));
  }

  if (group === '') errors.push(required('spec.group'));
  else if (isDns1123Subdomain(group).length > 0)
    errors.push(invalid('spec.group', group, isDns1123Subdomain(group).join(',')));
  else if (group.split('.').length < 2)
    errors.push(invalid('spec.group', group, 'should be a domain with at least one dot'));

  const scope = str(spec, 'scope') ?? '';
  if (scope === '') errors.push(required('spec.scope'));
  else if (scope !== 'Cluster' && scope !== 'Namespaced')
    errors.push(notSupported('spec.scope', scope, ['Cluster', 'Namespaced']));

  errors.push(...validateVersions(spec));
  errors.push(...validateNames(names, 'spec.names', true));
  errors.push(...validateConversion(spec));
  errors.push(...validateApiApproval(group, metadata));
  if (spec['preserveUnknownFields'] === true) {
    errors.push(
      invalid(
        'spec.preserveUnknownFields',
        true,
        'cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead',
      ),
    );
  }
  return errors;
}

function validateVersions(spec: JsonObject): FieldError[] {
  const errors: FieldError[] = [];
  const versions = Array.isArray(spec['versions']) ? spec['versions'] : [];
  const seen = new Set<string>();
  let unique = true;
  let storage = 0;
  // A schema is required for every version; the apiserver reports these before any per-version error.
  versions.forEach((v, i) => {
    const version = isJsonObject(v) ? v : {};
    if (child(child(version, 'schema') ?? {}, 'openAPIV3Schema') === undefined) {
      errors.push(required(`spec.versions[${i}].schema.openAPIV3Schema`));
    }
  });
  versions.forEach((v, i) => {
    const version = isJsonObject(v) ? v : {};
    const path = `spec.versions[${i}]`;
    const vname = str(version, 'name') ?? '';
    if (version['storage'] === true) storage++;
    if (seen.has(vname)) unique = false;
    seen.add(vname);
    const labelErrs = isDns1035Label(vname);
    if (labelErrs.length > 0) errors.push(invalid(`${path}.name`, vname, labelErrs.join(',')));
    const schema = child(child(version, 'schema') ?? {}, 'openAPIV3Schema');
    errors.push(...validateVersion(version, path, schema));
  });
  if (!unique)
    errors.push(
      invalid('spec.versions', versionsValue(versions), 'must contain unique version names'),
    );
  if (storage !== 1)
    errors.push(
      invalid(
        'spec.versions',
        versionsValue(versions),
        'must have exactly one version marked as storage version',
      ),
    );
  return errors;
}

function validateVersion(
  version: JsonObject,
  path: string,
  schema: JsonObject | undefined,
): FieldError[] {
  const errors: FieldError[] = [];
  const deprecationWarning = version['deprecationWarning'];
  if (typeof deprecationWarning === 'string') {
    if (version['deprecated'] !== true)
      errors.push(
        invalid(
          `${path}.deprecationWarning`,
          deprecationWarning,
          'can only be set for deprecated versions',
        ),
      );
    else if (deprecationWarning.length > 256)
      errors.push(
        invalid(`${path}.deprecationWarning`, deprecationWarning, 'must be <= 256 characters long'),
      );
    else if (deprecationWarning.length === 0)
      errors.push(
        invalid(`${path}.deprecationWarning`, deprecationWarning, 'must not be an empty string'),
      );
  }
  const subresources = child(version, 'subresources');
  if (schema !== undefined)
    errors.push(
      ...validateVersionSchema(
        schema,
        `${path}.schema.openAPIV3Schema`,
        subresources?.['status'] !== undefined,
      ),
    );
  errors.push(...validateScale(child(subresources ?? {}, 'scale'), `${path}.subresources`));
  schemaList(version, 'additionalPrinterColumns').forEach((col, i) =>
    errors.push(...validatePrinterColumn(col, `${path}.additionalPrinterColumns[${i}]`)),
  );
  return errors;
}

function validateVersionSchema(
  schema: JsonObject,
  path: string,
  statusEnabled: boolean,
): FieldError[] {
  const errors: FieldError[] = [];
  if (statusEnabled) {
    for (const key of Object.keys(schema)) {
      const value = schema[key];
      if (value === undefined || value === null || value === false || value === '') continue;
      if (key === 'type') {
        if (value !== 'object') {
          errors.push(
            invalid(
              `${path}.type`,
              value,
              'only "object" is allowed as the type at the root of the schema if the status subresource is enabled',
            ),
          );
          break;
        }
        continue;
      }
      if (ROOT_FIELDS_WITH_STATUS[key] === undefined) {
        const allowed = `[${Object.values(ROOT_FIELDS_WITH_STATUS).join(' ')}]`;
        errors.push(
          invalid(
            path,
            new RawValue('{...}'),
            `only ${allowed} fields are allowed at the root of the schema if the status subresource is enabled`,
          ),
        );
        break;
      }
    }
  }
  if (schema['nullable'] === true)
    errors.push(forbidden(`${path}.nullable`, 'nullable cannot be true at the root'));
  // The apiserver checks defaults only once the schema is structural, and reports the openapi rules regardless.
  const structural = validateStructural(schema, path);
  errors.push(...structural);
  if (structural.length === 0) errors.push(...validateDefaultValues(schema, path));
  errors.push(...validateOpenApiSchemaRules(schema, path));
  return errors;
}

function validateNames(names: JsonObject, path: string, requireAll: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const get = (k: string): string => str(names, k) ?? '';
  if (requireAll) {
    for (const k of ['plural', 'singular', 'kind', 'listKind'])
      if (get(k) === '') errors.push(required(`${path}.${k}`));
  }
  for (const k of ['plural', 'singular']) {
    const e = isDns1035Label(get(k));
    if (get(k) !== '' && e.length > 0) errors.push(invalid(`${path}.${k}`, get(k), e.join(',')));
  }
  for (const k of ['kind', 'listKind']) {
    const e = isDns1035Label(get(k).toLowerCase());
    if (get(k) !== '' && e.length > 0)
      errors.push(
        invalid(
          `${path}.${k}`,
          get(k),
          'may have mixed case, but should otherwise match: ' + e.join(','),
        ),
      );
  }
  strList(names, 'shortNames').forEach((s, i) => {
    const e = isDns1035Label(s);
    if (e.length > 0) errors.push(invalid(`${path}.shortNames[${i}]`, s, e.join(',')));
  });
  if (get('kind') !== '' && get('kind') === get('listKind'))
    errors.push(
      invalid(`${path}.listKind`, get('listKind'), 'kind and listKind may not be the same'),
    );
  strList(names, 'categories').forEach((c, i) => {
    const e = isDns1035Label(c);
    if (e.length > 0) errors.push(invalid(`${path}.categories[${i}]`, c, e.join(',')));
  });
  return errors;
}

function validateConversion(spec: JsonObject): FieldError[] {
  const conversion = child(spec, 'conversion');
  if (conversion === undefined) return [];
  const errors: FieldError[] = [];
  const strategy = str(conversion, 'strategy') ?? '';
  if (strategy === '') errors.push(required('spec.conversion.strategy'));
  else if (strategy !== 'None' && strategy !== 'Webhook')
    errors.push(notSupported('spec.conversion.strategy', strategy, ['None', 'Webhook']));
  // v1's conversion.webhook.{clientConfig,conversionReviewVersions} are the internal webhookClientConfig / conversionReviewVersions.
  const webhook = child(conversion, 'webhook');
  const clientConfig = webhook === undefined ? undefined : child(webhook, 'clientConfig');
  const reviewVersions = webhook === undefined ? [] : strList(webhook, 'conversionReviewVersions');
  if (strategy === 'Webhook') {
    if (clientConfig === undefined)
      errors.push(
        required('spec.conversion.webhookClientConfig', 'required when strategy is set to Webhook'),
      );
    else if ((clientConfig['url'] === undefined) === (clientConfig['service'] === undefined)) {
      errors.push(
        required(
          'spec.conversion.webhookClientConfig',
          'exactly one of url or service is required',
        ),
      );
    }
    if (reviewVersions.length === 0)
      errors.push(required('spec.conversion.conversionReviewVersions'));
    else if (!reviewVersions.some((v) => v === 'v1' || v === 'v1beta1')) {
      errors.push(
        invalid(
          'spec.conversion.conversionReviewVersions',
          reviewVersions,
          'must include at least one of v1, v1beta1',
        ),
      );
    }
  } else {
    if (clientConfig !== undefined)
      errors.push(
        forbidden(
          'spec.conversion.webhookClientConfig',
          'should not be set when strategy is not set to Webhook',
        ),
      );
    if (reviewVersions.length > 0)
      errors.push(
        forbidden(
          'spec.conversion.conversionReviewVersions',
          'should not be set when strategy is not set to Webhook',
        ),
      );
  }
  return errors;
}

const APPROVAL = 'api-approved.kubernetes.io';

/** Groups under k8s.io / kubernetes.io need the api-approved annotation (KEP 1111). */
function validateApiApproval(group: string, metadata: JsonObject): FieldError[] {
  const isProtected =
    group === 'k8s.io' ||
    group.endsWith('.k8s.io') ||
    group === 'kubernetes.io' ||
    group.endsWith('.kubernetes.io');
  if (!isProtected) return [];
  const annotation = str(child(metadata, 'annotations') ?? {}, APPROVAL) ?? '';
  const path = `metadata.annotations[${APPROVAL}]`;
  if (annotation === '')
    return [
      required(
        path,
        `protected groups must have approval annotation "${APPROVAL}", see https://github.com/kubernetes/enhancements/pull/1111`,
      ),
    ];
  if (
    annotation.startsWith('unapproved') ||
    /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/\s]+/.test(annotation)
  )
    return [];
  return [
    invalid(
      path,
      annotation,
      `protected groups must have approval annotation "${APPROVAL}" with either a URL or a reason starting with "unapproved", see https://github.com/kubernetes/enhancements/pull/1111`,
    ),
  ];
}

/**
 * spec.versions as the apiserver prints it in errors: Go's JSON of the internal (untagged) struct.
 * The schema is elided, since reproducing every zero-valued JSONSchemaProps field adds nothing.
 */
function versionsValue(versions: JsonValue[]): RawValue {
  const parts = versions.map((v) => {
    const version = isJsonObject(v) ? v : {};
    const dw = version['deprecationWarning'];
    const sub = child(version, 'subresources');
    const subText =
      sub === undefined
        ? 'null'
        : `{"Status":${sub['status'] === undefined ? 'null' : '{}'},"Scale":${goJson(sub['scale'] ?? null)}}`;
    const cols = schemaList(version, 'additionalPrinterColumns');
    const colText =
      cols.length === 0
        ? 'null'
        : `[${cols.map((c) => `{"Name":${goJson(c['name'] ?? '')},"Type":${goJson(c['type'] ?? '')},"Format":${goJson(c['format'] ?? '')},"Description":${goJson(c['description'] ?? '')},"Priority":${goJson(c['priority'] ?? 0)},"JSONPath":${goJson(c['jsonPath'] ?? '')}}`).join(',')}]`;
    const schemaText =
      child(version, 'schema') === undefined ? 'null' : '{"OpenAPIV3Schema":{...}}';
    return `{"Name":${goJson(version['name'] ?? '')},"Served":${version['served'] === true},"Storage":${version['storage'] === true},"Deprecated":${version['deprecated'] === true},"DeprecationWarning":${goJson(typeof dw === 'string' ? dw : null)},"Schema":${schemaText},"Subresources":${subText},"AdditionalPrinterColumns":${colText},"SelectableFields":null}`;
  });
  return new RawValue(versions.length === 0 ? 'null' : `[${parts.join(',')}]`);
}
