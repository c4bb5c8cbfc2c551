// What every RAM operation handler receives: the state, the injected collaborators, and the
// caller. One object so handlers stay small functions of (context, request members).
import type {
  AccountDirectory,
  Caller,
  Clock,
  ShareableResourceResolver,
} from '../core/contracts.ts';
import type { IdempotencyLedger } from './idempotency.ts';
import type { RamState } from './ram-state.ts';

export interface RamServiceDeps {
  accounts: AccountDirectory;
  clock: Clock;
  resolver: ShareableResourceResolver;
  /**
   * How long an asynchronous transition started by `operation` takes (ms); default 0. The
   * calling account is passed so per-account consistency faults can apply.
   */
  consistencyDelayMs?: (operation: string, accountId?: string) => number;
}

export interface RamContext {
  readonly deps: RamServiceDeps;
  readonly state: RamState;
  readonly ledger: IdempotencyLedger;
  readonly caller: Caller;
  readonly region: string;
  readonly now: Date;
  delayMs(operation: string): number;
}

/** Whether RAM shares within `organizationId` without invitations. */
export function organizationSharingEnabled(context: RamContext, organizationId: string): boolean {
  return (
    context.state.organizationsSharingEnabled.has(organizationId) ||
    context.deps.accounts.organizationSharingEnabled(organizationId)
  );
}
