// Allocates Service clusterIPs from 10.96.0.0/12 (the kubeadm default range). 10.96.0.1 is the
// `kubernetes` Service's address in a real cluster, so allocation starts above it.
const BASE = (10 << 24) | (96 << 16); // 10.96.0.0
const SIZE = 1 << 20; // /12

export class ServiceIpAllocator {
  #next = 10;
  readonly #used = new Set<string>();

  allocate(): string {
    for (let tries = 0; tries < SIZE; tries++) {
      const offset = this.#next;
      this.#next = this.#next + 1 >= SIZE - 1 ? 2 : this.#next + 1;
      const ip = toDotted(BASE + offset);
      if (!this.#used.has(ip)) {
        this.#used.add(ip);
        return ip;
      }
    }
    throw new Error('service IP range 10.96.0.0/12 is exhausted');
  }

  /** Mark a user-chosen address as taken; false if it is already in use. */
  reserve(ip: string): boolean {
    if (this.#used.has(ip)) return false;
    this.#used.add(ip);
    return true;
  }

  release(ip: string): void {
    this.#used.delete(ip);
  }

  static inRange(ip: string): boolean {
    const parts = ip.split('.').map(Number);
    if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return false;
    const n = ((parts[0]) << 24) | ((parts[1]) << 16) | ((parts[2]) << 8) | (parts[3]);
    return n >>> 20 === BASE >>> 20;
  }
}

function toDotted(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}
