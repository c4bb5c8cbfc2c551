// The emulators are quiet by default; logs go to stderr so a CLI's stdout stays machine-readable.
import { pino } from 'pino';
import type { Logger } from 'pino';

export type LogLevel = 'silent' | 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

export function createLogger(level: LogLevel = 'warn'): Logger {
  return pino({ name: 'kube-emulator', level }, pino.destination(2));
}
