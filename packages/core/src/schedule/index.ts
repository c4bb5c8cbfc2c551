export * from './time-zone.ts';
export * from './window.ts';
export * from './cron.ts';
export * from './upgrade-schedule.ts';
