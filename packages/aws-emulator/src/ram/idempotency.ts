// clientToken idempotency: a retry with the same token and the same parameters gets the first
// call's answer without acting again; the same token with different parameters is refused with
// IdempotentParameterMismatchException. Tokens are scoped to the calling account and operation.
import { randomUUID } from 'node:crypto';
import { IdempotentParameterMismatchException, InvalidClientTokenException } from './ram-errors.ts';

/** RAM documents clientToken as a UUID-like string; anything longer than this is refused. */
const MAX_CLIENT_TOKEN_LENGTH = 64;

interface Remembered {
  fingerprint: string;
  response: unknown;
}

export class IdempotencyLedger {
  readonly #entries = new Map<string, Remembered>();

  /**
   * Runs `action` once per (account, operation, token). `parameters` are the request members
   * other than clientToken; they decide whether a repeat is a retry or a mismatch.
   */
  run<T>(
    accountId: string,
    operation: string,
    clientToken: string | undefined,
    parameters: unknown,
    action: (clientToken: string) => T,
  ): T {
    if (clientToken === undefined) return action(randomUUID());
    if (clientToken.length === 0 || clientToken.length > MAX_CLIENT_TOKEN_LENGTH) {
      throw new InvalidClientTokenException(`The client token ${clientToken} is not valid.`);
    }
    const key = `${accountId}\u0000${operation}\u0000${clientToken}`;
    const fingerprint = JSON.stringify(parameters);
    const remembered = this.#entries.get(key);
    if (remembered) {
      if (remembered.fingerprint !== fingerprint) {
        throw new IdempotentParameterMismatchException(
          `The client token ${clientToken} was already used with different parameters.`,
        );
      }
      return remembered.response as T;
    }
    const response = action(clientToken);
    this.#entries.set(key, { fingerprint, response });
    return response;
  }
}
