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
});

export default config;
