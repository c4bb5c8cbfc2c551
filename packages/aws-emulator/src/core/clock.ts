// Clocks. AdjustableClock runs in real time plus an offset tests can move (e.g. past a session's
// expiry), so timeouts and SDK clock-skew correction keep working.
import type { Clock } from './contracts.ts';

export const systemClock: Clock = { now: () => new Date() };

export class AdjustableClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  set(date: Date): void {
    this.offsetMs = date.getTime() - Date.now();
  }
}
