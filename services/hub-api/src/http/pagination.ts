// Lists are pages in name order with an opaque cursor: base64url of the last name served, so a
// page boundary stays put while other items are added or removed.
import { ValidationError } from '@trellis/core';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;

export interface Page<T> {
  items: T[];
  continue?: string;
}

export function paginate<T>(
  items: readonly T[],
  nameOf: (item: T) => string,
  query: { limit?: string; continue?: string },
): Page<T> {
  const limit = query.limit === undefined ? DEFAULT_PAGE_SIZE : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new ValidationError([
      { field: 'limit', message: `must be an integer from 1 to ${MAX_PAGE_SIZE}` },
    ]);
  }
  const after = query.continue === undefined ? undefined : decodeCursor(query.continue);
  const sorted = [...items].sort((a, b) => compare(nameOf(a), nameOf(b)));
  const start =
    after === undefined ? 0 : sorted.findIndex((item) => compare(nameOf(item), after) > 0);
  const rest = start < 0 ? [] : sorted.slice(start);
  const page = rest.slice(0, limit);
  const last = page.at(-1);
  return rest.length > limit && last !== undefined
    ? { items: page, continue: encodeCursor(nameOf(last)) }
    : { items: page };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function encodeCursor(after: string): string {
  return Buffer.from(JSON.stringify({ v: 1, after })).toString('base64url');
}

function decodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      v?: unknown;
      after?: unknown;
    };
    if (parsed.v === 1 && typeof parsed.after === 'string') return parsed.after;
  } catch {
    // fall through: any undecodable cursor is the client's mistake
  }
  throw new ValidationError([{ field: 'continue', message: 'is not a cursor this API returned' }]);
}
