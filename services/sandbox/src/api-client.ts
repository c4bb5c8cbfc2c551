/** A small client for the hub's REST API (the sandbox walk-through and its check). */
export class ApiClient {
  private readonly base: string;
  private readonly token: string;

  constructor(base: string, token: string) {
    this.base = base;
    this.token = token;
  }

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
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

export interface ConditionView {
  type: string;
  status: string;
  reason: string;
  message: string;
}

export function conditionOf(view: unknown, type: string): ConditionView | undefined {
  const conditions = (view as { status?: { conditions?: ConditionView[] } } | undefined)?.status
    ?.conditions;
  return conditions?.find((c) => c.type === type);
}
