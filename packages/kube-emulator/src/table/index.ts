// Server-side printing (meta.k8s.io/v1 Table) for built-in kinds and custom resources.
export { printerFor, toTable } from './to-table.ts';
export type { IncludeObject, ToTableOptions } from './to-table.ts';
export { humanDuration, timestampSince } from './human-duration.ts';
