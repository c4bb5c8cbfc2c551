// Which listener a request is for. In AWS each listener has its own port on the service's DNS
// name; the emulator serves every service and listener from one proxy port, so the port comes
// from the Host header: `Host: <name>:<port>` picks the listener on that port, a Host without a
// port picks the listener on 80, else 443, else the service's only HTTP(S) listener.
// TLS_PASSTHROUGH listeners are not served (the proxy speaks HTTP only).
import type { LatticeListenerView } from '../lattice/index.ts';

export interface ParsedHost {
  name: string;
  port?: number;
}

export function parseHost(host: string): ParsedHost {
  const match = /^(.*?)(?::(\d+))?$/.exec(host.trim());
  const name = (match?.[1] ?? host).replace(/\.$/, '').toLowerCase();
  return match?.[2] === undefined ? { name } : { name, port: Number(match[2]) };
}

export function selectListener(
  listeners: readonly LatticeListenerView[],
  port: number | undefined,
): LatticeListenerView | undefined {
  const http = listeners.filter((l) => l.protocol === 'HTTP' || l.protocol === 'HTTPS');
  if (port !== undefined) return http.find((l) => l.port === port);
  return (
    http.find((l) => l.port === 80) ??
    http.find((l) => l.port === 443) ??
    (http.length === 1 ? http[0] : undefined)
  );
}
