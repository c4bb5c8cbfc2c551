import { createHash, type Hash } from 'node:crypto';
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
 * Keep-alive agents per TLS identity (server CA, client certificate, verification), so requests
 * to a cluster reuse connections and one secure context instead of a TLS handshake and a new
 * context per request. Bounded: the oldest agent is closed when a new identity would exceed it
 * (rotated client certificates leave their old agent behind).
 */
const MAX_AGENTS = 4096;
const agents = new Map<string, https.Agent>();

/** Key material (string, Buffer, or arrays of them) into the agent's identity hash. */
function feed(hash: Hash, part: unknown): void {
  if (part === undefined) hash.update('-');
  else if (typeof part === 'string' || Buffer.isBuffer(part)) hash.update(part);
  else if (Array.isArray(part)) for (const p of part) feed(hash, p);
  else hash.update(JSON.stringify(part) ?? typeof part);
  hash.update('\0');
}

function useSharedAgent(options: https.RequestOptions): void {
  const hash = createHash('sha256');
  for (const part of [options.ca, options.cert, options.key, options.pfx, options.passphrase])
    feed(hash, part);
  hash.update(String(options.rejectUnauthorized ?? true)).update(String(options.servername ?? ''));
  const key = hash.digest('hex');
  let agent = agents.get(key);
  if (agent === undefined) {
    agent = new https.Agent({
      keepAlive: true,
      ...(options.ca !== undefined ? { ca: options.ca } : {}),
      ...(options.cert !== undefined ? { cert: options.cert } : {}),
      ...(options.key !== undefined ? { key: options.key } : {}),
      ...(options.pfx !== undefined ? { pfx: options.pfx } : {}),
      ...(options.passphrase !== undefined ? { passphrase: options.passphrase } : {}),
      ...(options.rejectUnauthorized !== undefined
        ? { rejectUnauthorized: options.rejectUnauthorized }
        : {}),
      ...(options.servername !== undefined ? { servername: options.servername } : {}),
    });
    agents.set(key, agent);
    if (agents.size > MAX_AGENTS) {
      const [oldestKey, oldest] = agents.entries().next().value!;
      agents.delete(oldestKey);
      oldest.destroy();
    }
  }
  options.agent = agent;
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
  // client-node's own agent (one per KubeConfig) does not keep connections alive; a proxy's does
  if (url.protocol === 'https:' && !cluster.proxyUrl) useSharedAgent(options);
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
