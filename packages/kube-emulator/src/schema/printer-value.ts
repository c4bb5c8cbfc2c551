// Table cells for additionalPrinterColumns exactly as the apiserver's tableconvertor renders them:
// only the FIRST JSONPath result is used; string columns print it like the jsonpath printer (strings
// raw, numbers with Go's %v, arrays/maps as compact JSON); date columns are already the age ("5m"),
// which kubectl prints as-is; a value of the wrong type gives an empty (null) cell.
import type { JsonValue } from '../json.ts';
import { goJson, goNumber } from './go-format.ts';

/**
 * The cell for one printer column. `format` does not change the cell (the apiserver only copies it to
 * the column definition). `now` is the clock for date columns (milliseconds since the epoch).
 */
export function formatPrinterValue(
  type: string,
  _format: string | undefined,
  values: readonly JsonValue[],
  now: number = Date.now(),
): string | number | boolean | null {
  const value = values[0];
  if (value === undefined || value === null) return null;
  switch (type) {
    case 'string':
      return printJsonPathValue(value);
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date': {
      if (typeof value !== 'string') return null;
      // An empty timestamp decodes to the zero time, which the apiserver prints as <unknown>.
      if (value === '' || value === 'null') return '<unknown>';
      const t = parseRfc3339(value);
      return t === undefined ? '<invalid>' : humanDuration(now - t);
    }
    default:
      return null;
  }
}

/** How the jsonpath printer writes one value: strings raw, scalars with %v, collections as JSON. */
export function printJsonPathValue(value: JsonValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (value === null) return '<nil>';
  return goJson(value);
}

/** metav1.Time.UnmarshalQueryParameter: RFC 3339 (seconds precision or more); undefined if unparsable. */
function parseRfc3339(s: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s)) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

/** apimachinery's duration.HumanDuration: ~2-3 significant figures ("45s", "5m12s", "3h4m", "12d"). */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    return dy === 0 ? `${Math.trunc(hours / 24 / 365)}y` : `${Math.trunc(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}
