// How a Kubernetes Service port is carried by VPC Lattice. Lattice listeners speak HTTP, HTTPS or
// TLS (passthrough); target groups speak HTTP, HTTPS or TCP, and a TCP target group can only sit
// behind a TLS passthrough listener. So the Service port's appProtocol decides; UDP, SCTP and
// opaque TCP protocols (databases, raw TCP) cannot be carried and make the export invalid.
import type { ProtocolVersion } from './annotations.ts';
import type { ObservedServicePort } from './types.ts';

export type ListenerProtocol = 'HTTP' | 'HTTPS' | 'TLS_PASSTHROUGH';
export type TargetGroupProtocol = 'HTTP' | 'HTTPS' | 'TCP';

export interface LatticePortProtocol {
  listener: ListenerProtocol;
  targetGroup: TargetGroupProtocol;
  /** absent for TCP target groups, which have no protocol version */
  protocolVersion?: ProtocolVersion;
}

export type PortProtocolResult =
  { ok: true; protocol: LatticePortProtocol } | { ok: false; message: string };

const CARRIED = 'Lattice carries HTTP (appProtocol unset, http, h2c), https, grpc and tls';

/**
 * The Lattice protocols for a Service port. No appProtocol means HTTP/1.1, as in the AWS Gateway
 * API controller: most unlabelled TCP ports in Kubernetes are HTTP. gRPC goes behind an HTTPS
 * listener, where Lattice negotiates HTTP/2 with ALPN.
 */
export function latticeProtocolOf(
  port: ObservedServicePort,
  versionOverride?: ProtocolVersion,
): PortProtocolResult {
  const label =
    port.name !== undefined && port.name !== '' ? `"${port.name}" (${port.port})` : `${port.port}`;
  if (port.protocol !== 'TCP') {
    return {
      ok: false,
      message: `port ${label} uses ${port.protocol}; ${CARRIED} over TCP only`,
    };
  }
  const app = (port.appProtocol ?? '').toLowerCase();
  const http = (version: ProtocolVersion): LatticePortProtocol => ({
    listener: 'HTTP',
    targetGroup: 'HTTP',
    protocolVersion: versionOverride ?? version,
  });
  switch (app) {
    case '':
    case 'http':
    case 'kubernetes.io/http':
      return { ok: true, protocol: http('HTTP1') };
    case 'h2c':
    case 'kubernetes.io/h2c':
      return { ok: true, protocol: http('HTTP2') };
    case 'https':
      return {
        ok: true,
        protocol: {
          listener: 'HTTPS',
          targetGroup: 'HTTPS',
          protocolVersion: versionOverride ?? 'HTTP1',
        },
      };
    case 'grpc':
      return {
        ok: true,
        protocol: {
          listener: 'HTTPS',
          targetGroup: 'HTTP',
          protocolVersion: versionOverride ?? 'GRPC',
        },
      };
    case 'tls':
    case 'kubernetes.io/tls':
      return { ok: true, protocol: { listener: 'TLS_PASSTHROUGH', targetGroup: 'TCP' } };
    default:
      return {
        ok: false,
        message: `port ${label} has appProtocol "${port.appProtocol}", which Lattice cannot carry; ${CARRIED}`,
      };
  }
}
