// Durations on the command line: "90s", "5m", "1h30m", or plain seconds.
import { UsageError } from './cli-errors.ts';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseDuration(text: string, flag: string): number {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const parts = [...text.matchAll(/(\d+)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) {
    throw new UsageError(`${flag}: "${text}" is not a duration (e.g. 90s, 5m, 1h30m)`);
  }
  return parts.reduce((total, p) => total + Number(p[1]) * (UNIT_MS[p[2] ?? 's'] ?? 1000), 0);
}
