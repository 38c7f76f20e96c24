import type { Core } from '@strapi/strapi';

// CORS is the plugin's (plugin::linkage.cors): the admin accepts credentials only from its own
// origin and LINKAGE_ADMIN_ORIGINS; the public API any origin, without credentials, exposing ETag.
// Strapi requires strapi::cors in this list; it is kept but granted no origin, because by default it
// reflects any origin with credentials. The plugin checks this at boot (docs/adr/003-cors.md).
const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  { name: 'plugin::linkage.cors', config: { adminOrigins: env.array('LINKAGE_ADMIN_ORIGINS', []) } },
  // A database outage is answered 503 with Retry-After, at once, not a 500 or a wait (checked at boot).
  'plugin::linkage.database-outage',
  { name: 'strapi::cors', config: { origin: () => [] } },
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
