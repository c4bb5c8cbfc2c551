// Why a request's SigV4 authentication failed, independent of protocol. The server turns these
// into each protocol's own error codes (see auth-error-response.ts).
export type SignatureFailureKind =
  | 'missing' // no Authorization header and no presigned query
  | 'incomplete' // malformed Authorization header or credential scope
  | 'unknown-key' // access key id not found, or session token missing/wrong
  | 'mismatch' // recomputed signature differs
  | 'skewed' // request time more than 15 minutes from server time
  | 'presign-expired' // presigned URL used after X-Amz-Expires
  | 'expired-token'; // temporary credentials past their expiration

export class SignatureFailure extends Error {
  readonly kind: SignatureFailureKind;

  constructor(kind: SignatureFailureKind, message: string) {
    super(message);
    this.name = 'SignatureFailure';
    this.kind = kind;
  }
}
