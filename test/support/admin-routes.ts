// Every admin API route a booted Strapi serves, read from its router at run time (Strapi's own
// routes, every plugin's, and whatever a future version adds), for tests that must cover them all.
import type { Core } from '@strapi/strapi';

export interface AdminRoute {
  /** "GET /content-manager/collection-types/:model/:id" */
  readonly key: string;
  readonly method: string;
  readonly path: string;
  readonly params: readonly string[];
}

interface Layer {
  path: string;
  methods: string[];
  paramNames: Array<{ name: string }>;
}

// Not admin API routes: the content API (/api), the public site pages, static files, the admin
// panel's own HTML, Strapi's liveness probe and the plugin's readiness probe (public on purpose,
// test/integration/database-outage.test.ts).
const PUBLIC = [/^\/api(\/|\(|$)/, /^\/sites(\/|$)/, /^\/uploads\//, /^\/_health$/, /^\/_ready$/, /^\/$/, /^\/\(\(\?!uploads/];

export function adminRoutes(strapi: Core.Strapi): AdminRoute[] {
  const layers = (strapi.server.router as unknown as { stack: Layer[] }).stack;
  const routes = new Map<string, AdminRoute>();
  for (const layer of layers) {
    // router.use() layers carry no method: they are middlewares, not routes.
    const methods = layer.methods.filter((m) => m !== 'HEAD');
    if (methods.length === 0 || methods.length > 8) continue;
    if (PUBLIC.some((pattern) => pattern.test(layer.path))) continue;
    for (const method of methods) {
      const key = `${method} ${layer.path}`;
      routes.set(key, { key, method, path: layer.path, params: layer.paramNames.map((p) => p.name) });
    }
  }
  return [...routes.values()].sort((a, b) => a.key.localeCompare(b.key));
}
