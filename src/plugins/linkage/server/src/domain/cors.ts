// Cross-origin requests: the admin API takes credentials (its refresh cookie, its tokens) only from
// its own origin and the origins configured for it; the public API (content API, site pages,
// uploads) answers any origin without credentials, exposes ETag and lets a browser revalidate with
// If-None-Match. Strapi's stock CORS reflects any origin with credentials, the admin's included.

export interface CorsRequest {
  readonly path: string;
  readonly method: string;
  /** The Origin header; absent for same-origin GETs, servers and command-line clients. */
  readonly origin: string | undefined;
  /** The Host header the request came to: the admin's own origin is on it. */
  readonly host: string;
  /** Access-Control-Request-Method of a preflight (OPTIONS), if any. */
  readonly preflightMethod: string | undefined;
  readonly requestedHeaders: string | undefined;
}

export type CorsDecision =
  /** No Origin: nothing to say. */
  | { readonly kind: 'pass' }
  /** Headers to add; a preflight is answered 204 with them. */
  | { readonly kind: 'grant'; readonly headers: Readonly<Record<string, string>>; readonly preflight: boolean }
  /** A foreign origin on the admin API: 403 before anything runs. */
  | { readonly kind: 'refuse'; readonly message: string };

const PUBLIC = [/^\/api(\/|$)/, /^\/sites(\/|$)/, /^\/uploads\//];
const PUBLIC_HEADERS = 'Accept, Accept-Language, If-None-Match, If-Modified-Since, Authorization, Content-Type';
const ADMIN_HEADERS = 'Content-Type, Authorization, Accept, Accept-Language, If-None-Match, X-Requested-With';
const MAX_AGE = '86400';

export const isPublicPath = (path: string): boolean => PUBLIC.some((pattern) => pattern.test(path));

/** The origin's host (name and port), or null when it is not a web origin ("null", a file). */
function hostOf(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.host : null;
  } catch {
    return null;
  }
}

/** Configured origins, normalised to scheme://host[:port]; a value that is not one is a configuration error. */
export function adminOriginsProblem(origins: readonly string[]): string | null {
  const bad = origins.filter((o) => o === '*' || hostOf(o) === null || new URL(o).origin !== o.replace(/\/$/, ''));
  return bad.length > 0 ? `must be origins such as https://admin.example.gov (scheme, host, port; no path, no "*"), got ${bad.map((b) => JSON.stringify(b)).join(', ')}` : null;
}

export function corsDecision(request: CorsRequest, adminOrigins: readonly string[]): CorsDecision {
  const { origin } = request;
  if (origin === undefined || origin === '') return { kind: 'pass' };
  const preflight = request.method === 'OPTIONS' && request.preflightMethod !== undefined;
  if (isPublicPath(request.path)) {
    const methods = request.path.startsWith('/api') ? 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS' : 'GET, HEAD, OPTIONS';
    return {
      kind: 'grant',
      preflight,
      headers: preflight
        ? { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': methods, 'Access-Control-Allow-Headers': PUBLIC_HEADERS, 'Access-Control-Max-Age': MAX_AGE }
        : { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'ETag, Content-Language, Vary' },
    };
  }
  const own = hostOf(origin) !== null && hostOf(origin) === request.host;
  const configured = adminOrigins.some((o) => o.replace(/\/$/, '') === origin);
  if (!own && !configured) {
    const allowed = adminOrigins.length > 0 ? ` and from ${adminOrigins.join(', ')}` : '';
    return {
      kind: 'refuse',
      message: `Origin ${origin} may not call the admin API: it accepts requests with credentials only from its own origin${allowed} (LINKAGE_ADMIN_ORIGINS)`,
    };
  }
  const base = { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true' };
  return {
    kind: 'grant',
    preflight,
    headers: preflight
      ? {
          ...base,
          'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
          'Access-Control-Allow-Headers': request.requestedHeaders || ADMIN_HEADERS,
          'Access-Control-Max-Age': MAX_AGE,
        }
      : base,
  };
}
