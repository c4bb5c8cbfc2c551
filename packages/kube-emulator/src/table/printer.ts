import type { JsonObject, JsonValue } from '../json.ts';
import type { ColumnDefinition } from './columns.ts';

export interface PrintedRow {
  cells: JsonValue[];
  /** TableRowCondition, e.g. `Completed` for finished pods */
  conditions?: JsonObject[];
}

/** How one kind is printed: its columns and a function producing one row's cells per object. */
export interface Printer {
  columns: ColumnDefinition[];
  row(object: JsonObject, now: Date): PrintedRow;
}
