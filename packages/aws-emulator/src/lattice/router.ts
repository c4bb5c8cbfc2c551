// Matches a request's method and raw path against the restJson1 URI templates. Path segments
// are percent-decoded one by one, so ARNs in labels (encoded by the SDK) come out whole.
import { AwsError } from '../core/contracts.ts';
import { LatticeValidationError } from './errors.ts';
import type { Route } from './route.ts';

export interface RouteMatch {
  route: Route;
  labels: Record<string, string>;
}

interface CompiledRoute {
  route: Route;
  segments: { literal?: string; label?: string }[];
}

export class LatticeRouter {
  readonly #routes: CompiledRoute[];

  constructor(routes: Route[]) {
    this.#routes = routes.map((route) => ({
      route,
      segments: route.path
        .split('/')
        .filter((s) => s !== '')
        .map((s) =>
          s.startsWith('{') && s.endsWith('}') ? { label: s.slice(1, -1) } : { literal: s },
        ),
    }));
  }

  match(method: string, rawPath: string): RouteMatch {
    const path = rawPath.split('?')[0] ?? '';
    let parts: string[];
    try {
      parts = path
        .split('/')
        .filter((s) => s !== '')
        .map((s) => decodeURIComponent(s));
    } catch {
      throw new LatticeValidationError(
        'The request path is not correctly percent-encoded',
        'cannotParse',
      );
    }
    let pathMatched = false;
    for (const { route, segments } of this.#routes) {
      if (segments.length !== parts.length) continue;
      const labels: Record<string, string> = {};
      const ok = segments.every((seg, i) => {
        const part = parts[i];
        if (seg.literal !== undefined) return seg.literal === part;
        labels[seg.label!] = part;
        return part.length > 0;
      });
      if (!ok) continue;
      pathMatched = true;
      if (route.method === method.toUpperCase()) return { route, labels };
    }
    if (pathMatched)
      throw new AwsError('MethodNotAllowedException', `${method} is not supported on ${path}`, 405);
    throw new AwsError(
      'UnknownOperationException',
      `No VPC Lattice operation matches ${method} ${path}`,
      404,
    );
  }
}
