import { type Rule, type ServicePolicy } from '@ecogate/auth';

interface CompiledRoute {
  readonly method: string;
  readonly segments: readonly string[];
  readonly params: number;
  readonly rule: Rule;
  readonly key: string;
}

export interface MatchedRoute {
  readonly key: string;
  readonly rule: Rule;
  readonly params: Readonly<Record<string, string>>;
}

/** Matches concrete paths against a service's policy table (`{param}` = one segment). */
export class RouteMatcher {
  private readonly routes: readonly CompiledRoute[];

  constructor(policy: ServicePolicy) {
    this.routes = Object.entries(policy)
      .map(([key, rule]) => {
        const [method = '', path = ''] = key.split(' ');
        const segments = path.split('/').slice(1);
        return { method, segments, params: segments.filter(isParam).length, rule, key };
      })
      // Literal segments win over parameters.
      .sort((a, b) => a.params - b.params);
  }

  /** `path` is already split and decoded; undefined when no route of the table matches. */
  match(method: string, segments: readonly string[]): MatchedRoute | undefined {
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      const matches = route.segments.every((segment, index) => {
        const actual = segments[index] ?? '';
        if (isParam(segment)) {
          params[segment.slice(1, -1)] = actual;
          return actual.length > 0;
        }
        return segment === actual;
      });
      if (matches) return { key: route.key, rule: route.rule, params };
    }
    return undefined;
  }
}

const isParam = (segment: string): boolean => segment.startsWith('{') && segment.endsWith('}');

/**
 * Splits a request path into decoded segments, refusing what could make the upstream route
 * differently from what was checked here: dot segments, empty segments, encoded slashes or
 * backslashes, bad escapes.
 */
export function safeSegments(rawPath: string): string[] | undefined {
  if (!rawPath.startsWith('/')) return undefined;
  const raw = rawPath.slice(1).split('/');
  const out: string[] = [];
  for (const segment of raw) {
    if (segment === '' || /%2f|%5c|\\/i.test(segment)) return undefined;
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return undefined;
    }
    if (decoded === '.' || decoded === '..') return undefined;
    out.push(decoded);
  }
  return out;
}
