import type { Core } from '@strapi/strapi';

// i18n reads this once, when it first creates a locale on an empty database: Chinese is the default.
process.env.STRAPI_PLUGIN_I18N_INIT_LOCALE_CODE ??= 'zh-Hans';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET'),
    },
  },
  linkage: {
    enabled: true,
    resolve: './src/plugins/linkage',
    config: {
      // zh-Hans is the default (above); both are created when missing and named in the plugin's roles.
      locales: ['zh-Hans', 'en'],
      // Bytes of rendered public answers kept in memory (least recently used go first).
      cacheBytes: env.int('LINKAGE_CACHE_BYTES', 32 * 1024 * 1024),
      // Signs the audit trail; outside the database (in .env, written on first run). See SECURITY.md on rotation.
      auditKey: env('LINKAGE_AUDIT_KEY', ''),
      auditPreviousKeys: env.array('LINKAGE_AUDIT_PREVIOUS_KEYS', []),
      // One page's render budget (worker threads), and how many threads render (0: by the cores).
      renderBudgetMs: env.int('LINKAGE_RENDER_BUDGET_MS', 1000),
      renderThreads: env.int('LINKAGE_RENDER_THREADS', 0),
      // Preview links (the admin's preview panel): signed with this secret, valid this long.
      previewSecret: env('LINKAGE_PREVIEW_SECRET', ''),
      previewTtlSeconds: env.int('LINKAGE_PREVIEW_TTL_SECONDS', 600),
      // The city's clock, for times said in messages (an edit conflict's "saved at").
      timeZone: env('LINKAGE_TIME_ZONE', 'Asia/Shanghai'),
      // On SIGTERM/SIGINT, how long requests in flight may take to finish before the exit.
      shutdownGraceMs: env.int('LINKAGE_SHUTDOWN_GRACE_MS', 25_000),
      // Public pages and views in a shared cache (nginx, a CDN): kept this many seconds without
      // asking, and served stale this many while revalidating. 0 and 0: revalidated every request.
      sharedMaxAge: env.int('LINKAGE_SHARED_MAX_AGE', 0),
      staleWhileRevalidate: env.int('LINKAGE_STALE_WHILE_REVALIDATE', 0),
      // On Postgres, instances are told of each other's changes as they commit (LISTEN/NOTIFY);
      // false: each looks at the change feed once a second instead (docs/adr/020-change-notifications.md).
      clusterNotify: env.bool('LINKAGE_CLUSTER_NOTIFY', true),
      // Where citizens reach the public pages: absolute links in the pages' linked data and the stem
      // of every IRI the exports mint (CPSV-AP). Set it to the portal's address in production.
      baseUrl: env('LINKAGE_BASE_URL', `http://localhost:${env.int('PORT', 1337)}`).replace(/\/+$/, ''),
    },
  },
});

export default config;
