/**
 * In-process mutual exclusion per key: `run(key, fn)` starts `fn` only after every earlier `fn` of
 * the same key has settled. Different keys run concurrently. (Cross-process exclusion comes from
 * leader election: only the leader runs controllers.)
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(fn, fn);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Keys with a holder or waiters right now. */
  get size(): number {
    return this.tails.size;
  }
}
