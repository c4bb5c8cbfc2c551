// Tables for custom resources: Name plus the version's additionalPrinterColumns, or Name and Age
// when it has none (the apiextensions-apiserver table convertor).
import { isJsonObject } from '../json.ts';
import type { JsonObject, JsonValue } from '../json.ts';
import type { PrinterColumn } from '../resources/types.ts';
import { evaluateJsonPath } from '../schema/index.ts';
import { CREATION_TIMESTAMP_DESCRIPTION, NAME_COLUMN, column } from './columns.ts';
import type { ColumnDefinition } from './columns.ts';
import { timestampSince } from './human-duration.ts';
import { metadataOf, str } from './json-access.ts';
import type { Printer } from './printer.ts';

const DEFAULT_COLUMNS: PrinterColumn[] = [
  {
    name: 'Age',
    type: 'date',
    jsonPath: '.metadata.creationTimestamp',
    description: CREATION_TIMESTAMP_DESCRIPTION,
  },
];

/** Go's JSON encoding of a value (sorted map keys), which jsonpath prints for maps and lists. */
function goJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (isJsonObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${goJson(value[k] ?? null)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Go's fmt %v of a float64: shortest form, exponent from 1e21 up and below 1e-4. */
function goFloat(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const s = String(n);
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** A `string` column: jsonpath's text output of the first result. */
function stringCell(value: JsonValue): JsonValue {
  if (value === null) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return goFloat(value);
  if (typeof value === 'boolean') return String(value);
  return goJson(value);
}

/** cellForJSONValue: typed cells; a value of the wrong type is an empty (null) cell. */
function typedCell(type: PrinterColumn['type'], value: JsonValue, now: Date): JsonValue {
  switch (type) {
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'string':
      return stringCell(value);
    case 'date': {
      if (typeof value !== 'string') return null;
      return Number.isNaN(Date.parse(value)) ? '<invalid>' : timestampSince(value, now);
    }
  }
}

export function customResourcePrinter(printerColumns: PrinterColumn[] | undefined): Printer {
  const cols = printerColumns && printerColumns.length > 0 ? printerColumns : DEFAULT_COLUMNS;
  const columns: ColumnDefinition[] = [
    NAME_COLUMN,
    ...cols.map((c) =>
      column(c.name, c.description ?? '', {
        type: c.type,
        format: c.format ?? '',
        priority: c.priority ?? 0,
      }),
    ),
  ];
  return {
    columns,
    row: (o: JsonObject, now: Date) => ({
      cells: [
        str(metadataOf(o).name),
        ...cols.map((c) => {
          let results: JsonValue[];
          try {
            results = evaluateJsonPath(o, c.jsonPath);
          } catch {
            // an unevaluable path prints an empty cell, as on a real server
            return null;
          }
          const first = results[0];
          return first === undefined ? null : typedCell(c.type, first, now);
        }),
      ],
    }),
  };
}
