import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  auth: {
    secret: env('ADMIN_JWT_SECRET'),
  },
  apiToken: {
    salt: env('API_TOKEN_SALT'),
  },
  transfer: {
    token: {
      salt: env('TRANSFER_TOKEN_SALT'),
    },
  },
  secrets: {
    encryptionKey: env('ENCRYPTION_KEY'),
  },
  // `strapi develop` restarts on file changes; tests, scratch data and plugin sources (rebuilt into
  // the plugin's dist/, which is watched) are not the app.
  watchIgnoreFiles: ['**/test/**', '**/.tmp/**', '**/src/plugins/linkage/server/**', '**/src/plugins/linkage/admin/**', '**/*.md', '**/scripts/**', '**/.ci/**'],
  flags: {
    nps: false,
    promoteEE: false,
  },
  // Strapi's preview panel: a draft guide, item or site template as it will appear on its unit's
  // site, through a short-lived signed link served by this app (/sites/preview/...), so framed from
  // the admin's own origin. The plugin hands a link only to an admin who may read the record.
  preview: {
    enabled: env.bool('LINKAGE_PREVIEW', true),
    config: {
      allowedOrigins: ["'self'"],
      handler: (uid: string, params: { documentId?: string; locale?: string | null; status?: string }) =>
        (strapi.plugin('linkage').service('preview') as { link(uid: string, params: object): Promise<string | undefined> }).link(uid, params),
    },
  },
});

export default config;
