import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeApiError } from './api-errors.ts';

export interface KubeRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  contentType?: string;
  timeoutMs?: number;
}

/**
 * One JSON request to the KubeConfig's current cluster, with its TLS settings and (fresh)
 * credentials. Errors are KubeApiError with the server's Status, or transport errors as thrown.
 */
export async function kubeRequest<T>(kc: KubeConfig, request: KubeRequest): Promise<T> {
  const cluster = kc.getCurrentCluster();
  if (cluster === null) throw new Error('the KubeConfig has no current cluster');
  const base = new URL(cluster.server);
  const url = new URL(base.pathname.replace(/\/$/, '') + request.path, base);
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, value);
  }
  const options: https.RequestOptions = {
    method: request.method,
    headers: { Accept: 'application/json' },
    timeout: request.timeoutMs ?? 30_000,
  };
  await kc.applyToHTTPSOptions(options);
  const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
  if (payload !== undefined) {
    options.headers = {
      ...options.headers,
      'Content-Type': request.contentType ?? 'application/json',
      'Content-Length': Buffer.byteLength(payload),
    };
  }
  const transport = url.protocol === 'http:' ? http : https;
  const { status, body } = await new Promise<{ status: number; body: string }>(
    (resolve, reject) => {
      const req = transport.request(url, options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
        );
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`request to ${url.pathname} timed out`)));
      req.on('error', reject);
      req.end(payload);
    },
  );
  if (status >= 200 && status < 300) return (body === '' ? undefined : JSON.parse(body)) as T;
  let parsed: { reason?: string; message?: string; details?: unknown } = {};
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    // a proxy's HTML page or an empty body: report the status alone
  }
  throw new KubeApiError(
    status,
    parsed.reason ?? `HTTP${status}`,
    parsed.message ?? `HTTP ${status}`,
    parsed.details,
  );
}
