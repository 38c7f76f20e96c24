#!/usr/bin/env node
// Three instances on one Postgres behind nginx, as deploy/cluster.js starts them (npm run cluster:test):
//   (a) a guide published through one instance is served by every instance and through nginx on
//       the next request;
//   (b) load through nginx (autocannon: a page, a route answer, the item list, the change feed)
//       answers nothing but 2xx;
//   (c) the same load while one instance is killed (SIGKILL) mid-run: no request fails.
// Exits 1 if any of them does not hold. Results: RELIABILITY.md ("Several instances behind nginx").
//
//   npm run build:server && node scripts/cluster/three-instances.js [--duration 20] [--connections 32]
'use strict';
const autocannon = require('autocannon');
const { startCluster } = require('../../deploy/cluster');
const { DATABASE, PAGE, ROUTE, clusterEnv, ensureDatabase, publisher, routeFee } = require('./lib');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const DURATION = Number(arg('duration', 20));
const CONNECTIONS = Number(arg('connections', 32));
const PORT = Number(process.env.CLUSTER_PORT ?? 8080);
const BASE_PORT = Number(process.env.CLUSTER_BASE_PORT ?? 1340);
const PATHS = [PAGE, ROUTE, '/api/linkage/items?locale=zh-Hans', '/api/linkage/changes?since=0'];

function load(duration) {
  let i = 0;
  return autocannon({
    url: `http://127.0.0.1:${PORT}`,
    connections: CONNECTIONS,
    duration,
    requests: [{ setupRequest: (request) => ({ ...request, path: PATHS[i++ % PATHS.length] }) }],
  });
}

const summary = (r) => ({
  requests: r.requests.total,
  rps: Math.round(r.requests.average),
  p50: r.latency.p50,
  p99: r.latency.p99,
  errors: r.errors,
  timeouts: r.timeouts,
  non2xx: r.non2xx,
});

(async () => {
  await ensureDatabase();
  console.log(`Three instances on ${DATABASE} (ports ${BASE_PORT}-${BASE_PORT + 2}), nginx on ${PORT}...`);
  const cluster = await startCluster({ instances: 3, basePort: BASE_PORT, port: PORT, env: clusterEnv() });
  const ports = cluster.instances.map((i) => i.port);
  const failures = [];
  try {
    // (a)
    const { publishFee } = await publisher(ports[0]);
    for (const port of [...ports, PORT]) await routeFee(port);
    const fee = `three-instances-${Date.now()}`;
    await publishFee(fee);
    const served = {};
    for (const port of [...ports, PORT]) served[port === PORT ? 'nginx' : `instance ${port}`] = (await routeFee(port)) === fee;
    const page = await (await fetch(`http://127.0.0.1:${PORT}${PAGE}`)).text();
    served['nginx (page)'] = page.includes(fee);
    console.log(`(a) published through instance ${ports[0]}; the next request shows it:`, served);
    if (Object.values(served).some((shown) => !shown)) failures.push('(a) a publish was not served everywhere on the next request');

    // (b)
    const steady = summary(await load(DURATION));
    console.log(`(b) ${DURATION} s through nginx, ${CONNECTIONS} connections:`, steady);
    if (steady.errors + steady.timeouts + steady.non2xx > 0) failures.push('(b) requests failed under load');

    // (c)
    const victim = cluster.instances[1];
    const running = load(DURATION);
    setTimeout(
      () => {
        console.log(`(c) SIGKILL to instance ${victim.port} after ${Math.round(DURATION / 3)} s`);
        victim.child.kill('SIGKILL');
      },
      (DURATION / 3) * 1000
    );
    const killed = summary(await running);
    console.log(`(c) ${DURATION} s through nginx with one instance killed:`, killed);
    if (killed.errors + killed.timeouts + killed.non2xx > 0) failures.push('(c) requests failed when an instance was killed');
    // The two left still follow a publish.
    const after = `three-instances-after-kill-${Date.now()}`;
    await publishFee(after);
    const left = [ports[0], ports[2], PORT];
    const shown = await Promise.all(left.map(async (port) => (await routeFee(port)) === after));
    console.log('(c) a publish after the kill, on the next request:', Object.fromEntries(left.map((p, i) => [p === PORT ? 'nginx' : `instance ${p}`, shown[i]])));
    if (shown.some((s) => !s)) failures.push('(c) a publish after the kill was not served everywhere');
  } finally {
    await cluster.stop();
  }
  if (failures.length > 0) {
    console.error(`FAILED:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log('All held.');
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
