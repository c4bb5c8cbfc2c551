// Tables for custom resources: Name plus the version's additionalPrinterColumns, or Name and Age
// when it has none (the apiextensions-apiserver table convertor). Cells are evaluated and
// formatted by the schema module, which owns Kubernetes' JSONPath and the printer-cell rules.
import type { JsonObject, JsonValue } from '../json.ts';
import type { PrinterColumn } from '../resources/types.ts';
import { compileJsonPath, formatPrinterValue } from '../schema/index.ts';
import { CREATION_TIMESTAMP_DESCRIPTION, NAME_COLUMN, column } from './columns.ts';
import type { ColumnDefinition } from './columns.ts';
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

type Evaluator = (obj: JsonValue) => JsonValue[];

function compile(path: string): Evaluator {
  try {
    return compileJsonPath(path);
  } catch {
    // the CRD validation rejects bad paths; one that slipped through prints empty cells
    return () => [];
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
  const evaluators = cols.map((c) => compile(c.jsonPath));
  return {
    columns,
    row: (o: JsonObject, now: Date) => ({
      cells: [
        str(metadataOf(o).name),
        ...cols.map((c, i) => {
          let values: JsonValue[];
          try {
            values = evaluators[i]?.(o) ?? [];
          } catch {
            values = [];
          }
          return formatPrinterValue(c.type, c.format, values, now.getTime());
        }),
      ],
    }),
  };
}
