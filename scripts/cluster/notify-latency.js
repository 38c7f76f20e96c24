#!/usr/bin/env node
// How soon another instance serves a commit (docs/adr/020-change-notifications.md): two instances on
// one Postgres; a guide is published through instance A's Content Manager API, and instance B's
// route answer is asked for again and again until it shows the new fee. Measured from the commit
// (the moment this script's own LISTEN connection hears the change) to B's first answer with it,
// over `--publishes` publishes, with notifications (LISTEN/NOTIFY) and without
// (LINKAGE_CLUSTER_NOTIFY=false: B looks at the change feed once a second), in one run; and, as the
// floor, instance A's own next answer (the writer forgets on commit too, and rebuilds alike).
// Each measure includes the snapshot's rebuild on the first request after forgetting; the last row
// (forget) measures the forgetting alone.
//
//   npm run build:server && node scripts/cluster/notify-latency.js [--publishes 50] [--only notify,poll,self,forget]
'use strict';
const path = require('node:path');
const { startCluster } = require('../../deploy/cluster');
const { DATABASE, clusterEnv, ensureDatabase, changeListener, publisher, routeFee, percentile } = require('./lib');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const PUBLISHES = Number(arg('publishes', 50));
const BASE_PORT = Number(process.env.CLUSTER_BASE_PORT ?? 1340);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const MODES = {
  notify: 'another instance, LISTEN/NOTIFY',
  poll: 'another instance, poll (LINKAGE_CLUSTER_NOTIFY=false)',
  self: 'the writing instance itself (floor)',
  forget: 'another instance forgets (B in this process, LISTEN/NOTIFY)',
};

/**
 * From the commit to the moment instance B drops its snapshot and caches: B is a Strapi in this
 * process (no HTTP server), A a child process; both times are read on this process's clock.
 */
async function measureForgetting() {
  const env = clusterEnv({ LINKAGE_CLUSTER_NOTIFY: 'true' });
  const cluster = await startCluster({ instances: 1, basePort: BASE_PORT, port: null, nginx: null, env });
  Object.assign(process.env, env, { LINKAGE_SEED_DEMO: 'false' });
  const { createStrapi } = require('@strapi/strapi');
  const appDir = path.resolve(__dirname, '..', '..');
  const b = createStrapi({ appDir, distDir: path.join(appDir, 'dist'), autoReload: false, serveAdminPanel: false });
  b.log.level = 'error';
  await b.load();
  const listener = await changeListener();
  const latencies = [];
  try {
    const published = b.plugin('linkage').service('published');
    const { publishFee } = await publisher(cluster.instances[0].port);
    for (let i = 0; i < PUBLISHES; i += 1) {
      await published.snapshot();
      const committed = listener.next();
      const forgotten = new Promise((resolve) => {
        const off = published.onInvalidate(() => {
          off();
          resolve(performance.now());
        });
      });
      await publishFee(`forget-${process.pid}-${i}`);
      latencies.push((await forgotten) - (await committed));
      await sleep(200 + Math.random() * 500);
    }
  } finally {
    await listener.end();
    await b.destroy();
    await cluster.stop();
  }
  return latencies;
}

async function measure(mode) {
  if (mode === 'forget') return summarise(mode, await measureForgetting());
  const cluster = await startCluster({ instances: 2, basePort: BASE_PORT, port: null, nginx: null, env: clusterEnv({ LINKAGE_CLUSTER_NOTIFY: String(mode !== 'poll') }) });
  const [a, other] = cluster.instances.map((i) => i.port);
  const b = mode === 'self' ? a : other;
  const listener = await changeListener();
  const latencies = [];
  try {
    const { publishFee } = await publisher(a);
    for (let i = 0; i < PUBLISHES; i += 1) {
      const fee = `${mode}-${process.pid}-${i}`;
      // B is asked from before the publish until it shows the fee, as a busy instance would be.
      await routeFee(b);
      const committed = listener.next();
      const published = publishFee(fee);
      let seenAt = null;
      while (seenAt === null) {
        if ((await routeFee(b)) === fee) seenAt = performance.now();
      }
      await published;
      latencies.push(Math.max(0, seenAt - (await committed)));
      // Not in step with B's once-a-second look.
      await sleep(200 + Math.random() * 500);
    }
  } finally {
    await listener.end();
    await cluster.stop();
  }
  return summarise(mode, latencies);
}

function summarise(mode, latencies) {
  latencies.sort((x, y) => x - y);
  return { mode, publishes: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies[latencies.length - 1] };
}

(async () => {
  await ensureDatabase();
  console.log(`Two instances, A and B, on ${DATABASE}; ${PUBLISHES} publishes through A per row; from the commit until the route answer shows it:`);
  const rows = [];
  const only = arg('only', null);
  for (const mode of Object.keys(MODES).filter((m) => !only || only.split(',').includes(m))) {
    const row = await measure(mode);
    rows.push(row);
    console.log(`${MODES[mode]}: p50 ${row.p50.toFixed(1)} ms, p99 ${row.p99.toFixed(1)} ms, max ${row.max.toFixed(1)} ms (${row.publishes} publishes)`);
  }
  console.log(JSON.stringify({ script: path.basename(__filename), rows }));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
