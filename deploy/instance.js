// One instance of the app, as `npm start` serves it, for deploy/cluster.js: the admin panel is
// served when it was built (`npm run build`), not otherwise. Prints "LISTENING <port>" once it serves.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { createStrapi } = require('@strapi/strapi');

const APP_DIR = path.resolve(__dirname, '..');
const distDir = path.join(APP_DIR, 'dist');
const app = createStrapi({ appDir: APP_DIR, distDir, autoReload: false, serveAdminPanel: fs.existsSync(path.join(distDir, 'build', 'index.html')) });
app.log.level = process.env.CLUSTER_LOG_LEVEL || 'warn';
app.start().then(() => process.stdout.write(`LISTENING ${app.server.httpServer.address().port}\n`));
