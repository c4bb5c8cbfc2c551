// Cron expressions as BullMQ's job scheduler reads them: BullMQ parses `pattern` with cron-parser,
// so checking with the same parser (same version range) means "valid here" = "BullMQ accepts it"
// (decision 0010). Pure: the parser is always given the reference time, never reads the clock.
import { CronExpressionParser } from 'cron-parser';
import { isValidTimeZone } from './time-zone.ts';

/** Problems with a cron expression in a time zone; empty when BullMQ can schedule it. */
export function checkCron(expression: string, timeZone: string): string[] {
  const problems: string[] = [];
  if (!isValidTimeZone(timeZone)) problems.push(`"${timeZone}" is not a known IANA time zone`);
  const trimmed = expression.trim();
  const fields = trimmed.split(/\s+/).length;
  // cron-parser fills missing fields with '*'; a 3- or 4-field line is a typo, not a schedule.
  if (trimmed === '' || (!trimmed.startsWith('@') && (fields < 5 || fields > 6))) {
    problems.push(
      `"${expression}" must have 5 fields (minute hour day month weekday) or 6 (seconds first)`,
    );
    return problems;
  }
  try {
    CronExpressionParser.parse(trimmed, {
      currentDate: new Date(0),
      ...(problems.length === 0 ? { tz: timeZone } : {}),
    });
  } catch (error) {
    problems.push(`"${expression}" is not a valid cron expression: ${(error as Error).message}`);
  }
  return problems;
}

/** The next `count` ticks strictly after `after` (for status.nextTickAt and the docs). */
export function nextCronTicks(
  expression: string,
  timeZone: string,
  after: Date,
  count = 1,
): Date[] {
  const parsed = CronExpressionParser.parse(expression.trim(), {
    currentDate: after,
    tz: timeZone,
  });
  return parsed.take(count).map((d) => d.toDate());
}
