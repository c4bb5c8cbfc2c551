// kube-openapi's numberValidator: the range of the declared integer/number format, multipleOf,
// minimum and maximum, with bounds printed as Go prints them (int64 for integer values, float64 otherwise).
import type { FieldError } from './field-error.ts';
import { invalid, NIL_PATH } from './field-error.ts';
import { goFloat, goNumber } from './go-format.ts';
import type { SchemaNode } from './schema-access.ts';
import { flag, num } from './schema-access.ts';

const IN = 'body';

/** The field a kube-openapi error lands on: its name without the leading dot, `<nil>` at the root. */
export function fieldOf(path: string): string {
  const trimmed = path.startsWith('.') ? path.slice(1) : path;
  return trimmed === '' ? NIL_PATH : trimmed;
}

/** swag.IsFloat64AJSONInteger: within ±(2^53-1) and integral within a relative epsilon of 1e-9. */
export function isJsonInteger(f: number): boolean {
  if (!Number.isFinite(f) || Math.abs(f) > Number.MAX_SAFE_INTEGER) return false;
  if (Number.isInteger(f)) return true;
  const g = Math.trunc(f);
  const diff = Math.abs(f - g);
  if (g === 0) return diff < 1e-9 * Number.MIN_VALUE;
  return diff / (Math.abs(f) + Math.abs(g)) < 1e-9;
}

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const INT64 = { min: -(2 ** 63), max: 2 ** 63 - 1 };
const FLOAT32_MAX = 3.4028234663852886e38;

/** kube-openapi's numberValidator: range of the declared format, multipleOf, minimum, maximum. */
export function checkNumber(
  schema: SchemaNode,
  types: string[],
  format: string,
  data: number,
  path: string,
  errors: FieldError[],
): void {
  const typeName = types.length === 1 ? types[0] : '';
  if (typeName === 'integer') {
    const range = format === 'int32' ? INT32 : INT64;
    if (!Number.isInteger(data) || data < range.min || data > range.max) {
      const desc =
        format !== ''
          ? `of type integer with format ${format}`
          : 'of type integer (default format)';
      errors.push(invalid(NIL_PATH, '', `Checked value must be ${desc} in ${path}`));
    }
  } else if (typeName === 'number' && format === 'float' && Math.abs(data) > FLOAT32_MAX) {
    errors.push(
      invalid(NIL_PATH, '', `Checked value must be of type number with format float in ${path}`),
    );
  }
  const intData = Number.isInteger(data);
  // Bounds print like Go: as int64 when compared with an integer value, as float64 otherwise.
  const bound = (b: number): string => (intData ? goNumber(Math.trunc(b)) : goFloat(b));

  const multipleOf = num(schema, 'multipleOf');
  if (multipleOf !== undefined) {
    if (multipleOf <= 0) {
      errors.push(
        invalid(
          fieldOf(path),
          multipleOf,
          `factor MultipleOf declared for ${path} must be positive: ${goFloat(multipleOf)}`,
        ),
      );
    } else if (intData && Number.isInteger(multipleOf)) {
      if (data % multipleOf !== 0)
        errors.push(
          invalid(
            fieldOf(path),
            data,
            `${path} in ${IN} should be a multiple of ${goNumber(multipleOf)}`,
          ),
        );
    } else {
      const mult = multipleOf < 1 ? (1 / multipleOf) * data : data / multipleOf;
      if (!isJsonInteger(mult))
        errors.push(
          invalid(
            fieldOf(path),
            data,
            `${path} in ${IN} should be a multiple of ${goFloat(multipleOf)}`,
          ),
        );
    }
  }
  const minimum = num(schema, 'minimum');
  if (minimum !== undefined) {
    const exclusive = flag(schema, 'exclusiveMinimum');
    const min = intData ? Math.trunc(minimum) : minimum;
    if ((!exclusive && data < min) || (exclusive && data <= min)) {
      const rel = exclusive ? 'greater than' : 'greater than or equal to';
      errors.push(
        invalid(fieldOf(path), data, `${path} in ${IN} should be ${rel} ${bound(minimum)}`),
      );
    }
  }
  const maximum = num(schema, 'maximum');
  if (maximum !== undefined) {
    const exclusive = flag(schema, 'exclusiveMaximum');
    const max = intData ? Math.trunc(maximum) : maximum;
    if ((!exclusive && data > max) || (exclusive && data >= max)) {
      const rel = exclusive ? 'less than' : 'less than or equal to';
      errors.push(
        invalid(fieldOf(path), data, `${path} in ${IN} should be ${rel} ${bound(maximum)}`),
      );
    }
  }
}
