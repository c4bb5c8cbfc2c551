// Every request the emulator answered, so tests can assert on traffic, e.g. that a controller
// at steady state makes no mutating calls. Bounded: the oldest entries fall off.
export interface CallRecord {
  /** ISO time from the emulator's clock */
  time: string;
  requestId: string;
  service: string;
  region: string;
  /** undefined when the request failed before an operation was identified */
  operation?: string;
  callerArn?: string;
  accountId?: string;
  status: number;
  errorCode?: string;
  /** declared by the module for the operation; false when unknown */
  mutating: boolean;
}

export interface CallFilter {
  service?: string;
  operation?: string;
  accountId?: string;
  mutating?: boolean;
  /** only calls at or after this ISO time */
  since?: string;
}

export type CallListener = (record: CallRecord) => void;

export class CallLog {
  private records: CallRecord[] = [];
  private readonly limit: number;
  private readonly listeners = new Set<CallListener>();

  constructor(limit = 10_000) {
    this.limit = limit;
  }

  record(entry: CallRecord): void {
    this.records.push(entry);
    if (this.records.length > this.limit) this.records.splice(0, this.records.length - this.limit);
    for (const listener of this.listeners) listener(entry);
  }

  /**
   * Call `listener` with every record as it is logged: after the operation changed the state and
   * before the response is sent, so the listener sees the state that call left (e.g. the weights
   * an UpdateListener wrote, read from the Lattice data-plane view). Returns the unsubscribe.
   */
  onRecord(listener: CallListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(filter: CallFilter = {}): CallRecord[] {
    return this.records.filter(
      (r) =>
        (filter.service === undefined || r.service === filter.service) &&
        (filter.operation === undefined || r.operation === filter.operation) &&
        (filter.accountId === undefined || r.accountId === filter.accountId) &&
        (filter.mutating === undefined || r.mutating === filter.mutating) &&
        (filter.since === undefined || r.time >= filter.since),
    );
  }

  /** Shorthand for list({ mutating: true, ...filter }). */
  mutating(filter: Omit<CallFilter, 'mutating'> = {}): CallRecord[] {
    return this.list({ ...filter, mutating: true });
  }

  clear(): void {
    this.records = [];
  }
}
