// When a maintenance window next opens or closes, for the pauseWhenWindowCloses timer. Window
// times are whole local minutes and every time-zone offset in use is whole minutes, so the open
// state can only change at a UTC minute boundary: scanning boundaries finds the exact edge,
// DST included, with the same windowContains the tick decision uses.
import { windowContains, type MaintenanceWindow } from '@trellis/core';

const MINUTE = 60_000;
/** a weekly window always has an edge within 8 days */
const HORIZON_MINUTES = 8 * 24 * 60;

/** The first instant after `now` at which windowContains changes, or undefined if none within 8 days. */
export function nextWindowEdge(
  window: MaintenanceWindow,
  timeZone: string,
  now: Date,
): Date | undefined {
  const open = windowContains(window, timeZone, now);
  let t = Math.floor(now.getTime() / MINUTE) * MINUTE;
  for (let i = 0; i < HORIZON_MINUTES; i += 1) {
    t += MINUTE;
    const at = new Date(t);
    if (windowContains(window, timeZone, at) !== open) return at;
  }
  return undefined;
}
