// Why the data plane answered a request itself instead of forwarding it. Each error carries the
// status it is answered with and the code its plain-text body starts with, the way Lattice's own
// answers read ("AccessDeniedException: User: anonymous is not authorized to perform: …").
export type DataPlaneErrorReason =
  | 'missing-host'
  | 'unknown-host'
  | 'no-listener'
  | 'service-not-active'
  | 'vpc-not-associated'
  | 'auth-signature'
  | 'access-denied'
  | 'no-target-group'
  | 'no-healthy-target'
  | 'upstream-connect'
  | 'upstream-timeout';

export class DataPlaneError extends Error {
  readonly status: number;
  readonly code: string;
  readonly reason: DataPlaneErrorReason;

  constructor(reason: DataPlaneErrorReason, status: number, code: string, message: string) {
    super(message);
    this.name = 'DataPlaneError';
    this.reason = reason;
    this.status = status;
    this.code = code;
  }

  /** The plain-text body: `<code>: <message>`. */
  body(): string {
    return `${this.code}: ${this.message}`;
  }
}

export class UnknownHostError extends DataPlaneError {
  constructor(host: string) {
    super('unknown-host', 404, 'NotFoundException', `No VPC Lattice service has the name ${host}`);
    this.name = 'UnknownHostError';
  }
}

export class NoListenerError extends DataPlaneError {
  constructor(serviceArn: string, port: number | undefined) {
    super(
      'no-listener',
      404,
      'NotFoundException',
      port === undefined
        ? `Service ${serviceArn} has no HTTP listener on port 80 or 443; put the port in the Host header`
        : `Service ${serviceArn} has no HTTP or HTTPS listener on port ${port}`,
    );
    this.name = 'NoListenerError';
  }
}

export class AccessDeniedError extends DataPlaneError {
  constructor(reason: 'access-denied' | 'vpc-not-associated', message: string) {
    super(reason, 403, 'AccessDeniedException', message);
    this.name = 'AccessDeniedError';
  }
}

export class SignatureRejectedError extends DataPlaneError {
  constructor(status: number, code: string, message: string) {
    super('auth-signature', status, code, message);
    this.name = 'SignatureRejectedError';
  }
}

export class NoHealthyTargetError extends DataPlaneError {
  constructor(
    reason: 'no-target-group' | 'no-healthy-target' | 'service-not-active',
    message: string,
  ) {
    super(reason, 503, 'ServiceUnavailableException', message);
    this.name = 'NoHealthyTargetError';
  }
}

export class UpstreamError extends DataPlaneError {
  constructor(reason: 'upstream-connect' | 'upstream-timeout', message: string) {
    super(
      reason,
      reason === 'upstream-timeout' ? 504 : 502,
      reason === 'upstream-timeout' ? 'GatewayTimeout' : 'BadGateway',
      message,
    );
    this.name = 'UpstreamError';
  }
}
