// Traffic as a client in the `client` cluster sees it: GETs through the Lattice data plane with
// the service's DNS name as Host, counted by answer. The background sampler tags every answer
// with the green share AWS held for the whole of that request (from the weight log), so a test
// can check the split of each step without racing the migration's timers.
import { request } from 'node:http';
import type { WeightLog } from './weight-log.ts';

export function getThroughLattice(proxyUrl: string, host: string): Promise<string> {
  const proxy = new URL(proxyUrl);
  return new Promise<string>((resolve) => {
    const req = request(
      { host: proxy.hostname, port: proxy.port, path: '/', headers: { host }, agent: false },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve(res.statusCode === 200 ? body : `HTTP ${res.statusCode}`));
      },
    );
    req.on('error', () => resolve('error'));
    req.end();
  });
}

export interface Tally {
  total: number;
  /** answers by body (`blue`, `green`) or `HTTP <status>` / `error` */
  answers: Record<string, number>;
}

export function tally(answers: string[]): Tally {
  const out: Tally = { total: answers.length, answers: {} };
  for (const a of answers) out.answers[a] = (out.answers[a] ?? 0) + 1;
  return out;
}

/** `count` requests one after the other. */
export async function sample(proxyUrl: string, host: string, count: number): Promise<Tally> {
  const answers: string[] = [];
  for (let i = 0; i < count; i++) answers.push(await getThroughLattice(proxyUrl, host));
  return tally(answers);
}

export interface TaggedAnswer {
  answer: string;
  /** the share of the tagged cluster in force during the whole request */
  percent: number;
}

/** Requests in the background, paced, each tagged with the split in force. */
export class BackgroundSampler {
  readonly answers: TaggedAnswer[] = [];
  /** requests during which the weights changed (not attributable to one split) */
  straddling = 0;
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly proxyUrl: string;
  private readonly host: string;
  private readonly weights: WeightLog;
  private readonly cluster: string;

  constructor(options: { proxyUrl: string; host: string; weights: WeightLog; cluster: string }) {
    this.proxyUrl = options.proxyUrl;
    this.host = options.host;
    this.weights = options.weights;
    this.cluster = options.cluster;
  }

  start(pauseMs = 5): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        const before = this.weights.changeVersion();
        const percent = this.weights.percentNow(this.cluster);
        const answer = await getThroughLattice(this.proxyUrl, this.host);
        if (percent !== undefined && this.weights.changeVersion() === before)
          this.answers.push({ answer, percent });
        else this.straddling += 1;
        await new Promise((r) => setTimeout(r, pauseMs));
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** The answers given while `cluster` had `percent` of the weight. */
  at(percent: number): Tally {
    return tally(this.answers.filter((a) => a.percent === percent).map((a) => a.answer));
  }
}

/**
 * Whether `observed` of `total` is a plausible draw at probability `percent`/100: within four
 * standard deviations of a binomial (the emulator draws per request), plus one request. 0% and
 * 100% must be exact.
 */
export function withinTolerance(observed: number, total: number, percent: number): boolean {
  const p = percent / 100;
  if (p === 0) return observed === 0;
  if (p === 1) return observed === total;
  const slack = 4 * Math.sqrt(total * p * (1 - p)) + 1;
  return Math.abs(observed - total * p) <= slack;
}
