// Public routes (under /api/linkage): published content only, no authentication (the
// users-permissions check would cost a database query per request). Documented in openapi.json.
const PUBLIC = { auth: false as const };

export default {
  type: 'content-api',
  routes: [
    { method: 'GET', path: '/units', handler: 'navigator.units', config: PUBLIC },
    { method: 'GET', path: '/items', handler: 'navigator.items', config: PUBLIC },
    { method: 'GET', path: '/items/:slug', handler: 'navigator.item', config: PUBLIC },
    { method: 'GET', path: '/items/:slug/route', handler: 'navigator.route', config: PUBLIC },
    { method: 'GET', path: '/items/:slug/flowchart', handler: 'navigator.flowchart', config: PUBLIC },
    { method: 'GET', path: '/sites/:unitCode', handler: 'sites.index', config: PUBLIC },
    { method: 'GET', path: '/sites/:unitCode/items/:slug', handler: 'sites.item', config: PUBLIC },
    { method: 'GET', path: '/changes', handler: 'changes.index', config: PUBLIC },
    { method: 'GET', path: '/documents/:documentId', handler: 'navigator.document', config: PUBLIC },
    { method: 'GET', path: '/exports/cpsv-ap.jsonld', handler: 'exports.cpsvAp', config: PUBLIC },
    { method: 'GET', path: '/openapi.json', handler: 'openapi.show', config: PUBLIC },
  ],
};
