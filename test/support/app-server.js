// The app as `npm start` serves it (createStrapi(...).start(), with Strapi's signal handling and
// the plugin's), on the database and environment its parent gives it, without the admin panel;
// prints "LISTENING <port>" once it serves.
'use strict';
const path = require('node:path');
const { createStrapi } = require('@strapi/strapi');

const APP_DIR = path.resolve(__dirname, '..', '..');
const app = createStrapi({ appDir: APP_DIR, distDir: path.join(APP_DIR, 'dist'), autoReload: false, serveAdminPanel: false });
app.log.level = process.env.TEST_LOG_LEVEL || 'error';
app.start().then(() => process.stdout.write(`LISTENING ${app.server.httpServer.address().port}\n`));
