// Fastify answers a known path with an unknown method as 404; REST clients deserve 405 with an
// Allow header. Routes are recorded as they are added and matched in the not-found handler.
import type { FastifyInstance } from 'fastify';

interface RoutePattern {
  regex: RegExp;
  methods: Set<string>;
}

export class RouteTable {
  private readonly patterns = new Map<string, RoutePattern>();

  track(app: FastifyInstance): void {
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const source = route.url
        .split('/')
        .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('/');
      const entry = this.patterns.get(route.url) ?? {
        regex: new RegExp(`^${source}/?$`),
        methods: new Set(),
      };
      for (const m of methods) entry.methods.add(m.toUpperCase());
      this.patterns.set(route.url, entry);
    });
  }

  /** The methods allowed on `path`, or undefined when no route has this path. */
  allowed(path: string): string[] | undefined {
    for (const pattern of this.patterns.values()) {
      if (pattern.regex.test(path)) return [...pattern.methods].sort();
    }
    return undefined;
  }
}
