// Per-version CRD parts with simple rules: the scale subresource's JSON paths and additionalPrinterColumns
// (apiextensions' ValidateCustomResourceDefinitionSubresources / ValidateCustomResourceColumnDefinition).
import type { JsonObject } from '../json.ts';
import type { FieldError } from './field-error.ts';
import { invalid, required } from './field-error.ts';
import { str } from './schema-access.ts';

const PRINTER_TYPES = ['boolean', 'date', 'integer', 'number', 'string'];
const PRINTER_FORMATS = [
  'byte',
  'date',
  'date-time',
  'double',
  'float',
  'int32',
  'int64',
  'password',
];
function validateSimpleJsonPath(value: string, path: string): FieldError[] {
  if (value.length === 0) return [invalid(path, value, 'must not be empty')];
  if (!value.startsWith('.'))
    return [invalid(path, value, 'must be a simple json path starting with .')];
  return [];
}

export function validateScale(scale: JsonObject | undefined, path: string): FieldError[] {
  if (scale === undefined) return [];
  const errors: FieldError[] = [];
  const specPath = str(scale, 'specReplicasPath') ?? '';
  if (specPath === '') errors.push(required(`${path}.scale.specReplicasPath`));
  else {
    const e = validateSimpleJsonPath(specPath, `${path}.scale.specReplicasPath`);
    if (e.length > 0) errors.push(...e);
    else if (!specPath.startsWith('.spec.'))
      errors.push(
        invalid(`${path}.scale.specReplicasPath`, specPath, 'should be a json path under .spec'),
      );
  }
  const statusPath = str(scale, 'statusReplicasPath') ?? '';
  if (statusPath === '') errors.push(required(`${path}.scale.statusReplicasPath`));
  else {
    const e = validateSimpleJsonPath(statusPath, `${path}.scale.statusReplicasPath`);
    if (e.length > 0) errors.push(...e);
    else if (!statusPath.startsWith('.status.'))
      errors.push(
        invalid(
          `${path}.scale.statusReplicasPath`,
          statusPath,
          'should be a json path under .status',
        ),
      );
  }
  const selector = str(scale, 'labelSelectorPath') ?? '';
  if (selector !== '') {
    const e = validateSimpleJsonPath(selector, `${path}.scale.labelSelectorPath`);
    if (e.length > 0) errors.push(...e);
    else if (!selector.startsWith('.spec.') && !selector.startsWith('.status.')) {
      errors.push(
        invalid(
          `${path}.scale.labelSelectorPath`,
          selector,
          'should be a json path under either .spec or .status',
        ),
      );
    }
  }
  return errors;
}

export function validatePrinterColumn(col: JsonObject, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if ((str(col, 'name') ?? '') === '') errors.push(required(`${path}.name`));
  const type = str(col, 'type') ?? '';
  if (type === '')
    errors.push(required(`${path}.type`, `must be one of ${PRINTER_TYPES.join(',')}`));
  else if (!PRINTER_TYPES.includes(type))
    errors.push(invalid(`${path}.type`, type, `must be one of ${PRINTER_TYPES.join(',')}`));
  const format = str(col, 'format') ?? '';
  if (format !== '' && !PRINTER_FORMATS.includes(format))
    errors.push(invalid(`${path}.format`, format, `must be one of ${PRINTER_FORMATS.join(',')}`));
  const jsonPath = str(col, 'jsonPath') ?? '';
  // The field name in the error is the internal Go field, JSONPath, as the real apiserver reports it.
  if (jsonPath === '') errors.push(required(`${path}.JSONPath`));
  else errors.push(...validateSimpleJsonPath(jsonPath, `${path}.JSONPath`));
  return errors;
}
