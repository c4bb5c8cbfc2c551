// The server formats ages itself (the Age cell is a string such as `5m`, not a timestamp), with
// apimachinery's duration.HumanDuration, which the schema module implements for printer columns;
// the built-in printers share it rather than keep a copy.
import { humanDuration } from '../schema/index.ts';

export { humanDuration };

/** The printers' `translateTimestampSince`: `<unknown>` for a missing or unparsable time. */
export function timestampSince(timestamp: unknown, now: Date): string {
  if (typeof timestamp !== 'string' || timestamp === '') return '<unknown>';
  const t = Date.parse(timestamp);
  if (Number.isNaN(t)) return '<unknown>';
  return humanDuration(now.getTime() - t);
}
