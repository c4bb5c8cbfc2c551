// The queue board's browser session: a short-lived HttpOnly cookie signed with a key derived
// from the admin token, so every hub-api replica accepts it, rotating the admin token ends every
// session, and the token itself never sits in the browser.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'trellis_queue_board';
export const DEFAULT_SESSION_TTL_SECONDS = 30 * 60;

export class BoardSessions {
  private readonly key: Buffer;
  private readonly ttlSeconds: number;
  private readonly now: () => number;

  constructor(adminToken: string, ttlSeconds = DEFAULT_SESSION_TTL_SECONDS, now = Date.now) {
    this.key = createHmac('sha256', adminToken).update('trellis queue board session v1').digest();
    this.ttlSeconds = ttlSeconds;
    this.now = now;
  }

  get maxAgeSeconds(): number {
    return this.ttlSeconds;
  }

  /** A new session value: `<expiry epoch seconds>.<base64url HMAC>`. */
  issue(): string {
    const expires = Math.floor(this.now() / 1000) + this.ttlSeconds;
    return `${expires}.${this.sign(expires)}`;
  }

  /** Whether a Cookie header carries a valid, unexpired session. */
  valid(cookieHeader: string | undefined): boolean {
    const value = cookieValue(cookieHeader, SESSION_COOKIE);
    if (value === undefined) return false;
    const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value);
    if (match === null) return false;
    const expires = Number(match[1]);
    if (expires * 1000 <= this.now()) return false;
    const expected = Buffer.from(this.sign(expires));
    const given = Buffer.from(match[2] ?? '');
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private sign(expires: number): string {
    return createHmac('sha256', this.key).update(`queue-board.${expires}`).digest('base64url');
  }
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
