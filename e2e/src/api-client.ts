// The hub's REST API as a platform team calls it: bearer token, JSON in and out.
export interface ApiAnswer<T> {
  status: number;
  body: T;
}

export interface Condition {
  type: string;
  status: string;
  reason: string;
  message: string;
}

export class ApiClient {
  private readonly base: string;
  private readonly token: string;

  constructor(base: string, token: string) {
    this.base = base;
    this.token = token;
  }

  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${this.token}`,
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }
}

export function conditionOf(view: unknown, type: string): Condition | undefined {
  const conditions = (view as { status?: { conditions?: Condition[] } } | undefined)?.status
    ?.conditions;
  return conditions?.find((c) => c.type === type);
}

/** Poll `probe` until it returns something other than undefined/false, or fail naming `what`. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs: number,
  what: string,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `${what}: not reached in ${timeoutMs} ms${last instanceof Error ? ` (last error: ${last.message})` : ''}`,
      );
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
