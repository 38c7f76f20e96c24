#!/usr/bin/env node
// N instances of the app on one Postgres database behind nginx (load balancer and shared cache),
// in the foreground; Ctrl-C (or SIGTERM) stops them all. deploy/README.md says how to use it.
//
//   node deploy/cluster.js [N]     (npm run cluster -- N; deploy/cluster.sh N)
//
// Environment: DATABASE_* as for the app (Postgres; DATABASE_NAME defaults to "linkage"),
// CLUSTER_PORT (nginx, 8080), CLUSTER_BASE_PORT (the instances: base, base+1, ...; 1340),
// CLUSTER_BUILD=false to start what is built, NGINX (the binary, /usr/sbin/nginx).
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { writeNginxConfig } = require('./nginx-config');

const APP_DIR = path.resolve(__dirname, '..');

/** Resolves once `url` answers 200, or rejects after `timeoutMs`. */
async function waitFor(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts one instance on `port`; resolves once it is ready (/_ready). */
async function startInstance(port, env, log) {
  const child = spawn(process.execPath, [path.join(__dirname, 'instance.js')], {
    cwd: APP_DIR,
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => log(`[instance ${port}] ${String(chunk).trimEnd()}`));
  child.stderr.on('data', (chunk) => log(`[instance ${port}] ${String(chunk).trimEnd()}`));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  await Promise.race([
    waitFor(`http://127.0.0.1:${port}/_ready`, 180_000),
    exited.then(({ code, signal }) => Promise.reject(new Error(`instance ${port} exited (${code ?? signal}) before it was ready`))),
  ]);
  return { port, child, exited };
}

/**
 * Starts `instances` app instances (the first alone: it migrates and, on an empty database,
 * seeds; then the others together) and nginx in front. Returns the cluster's handles.
 * `log` receives the children's output (default: nothing); `nginx: null` starts no nginx.
 */
async function startCluster({
  instances,
  basePort,
  port,
  env = {},
  nginx = '/usr/sbin/nginx',
  runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-cluster-')),
  log = () => {},
}) {
  const ports = Array.from({ length: instances }, (_, i) => basePort + i);
  const running = [];
  const stopAll = async () => {
    for (const r of running) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGTERM');
    await Promise.all(running.map((r) => r.exited));
  };
  try {
    running.push(await startInstance(ports[0], env, log));
    running.push(...(await Promise.all(ports.slice(1).map((p) => startInstance(p, { ...env, LINKAGE_SEED_DEMO: 'false' }, log)))));
    if (nginx === null) return { port: null, runDir, instances: running, nginx: null, stop: stopAll };
    const config = writeNginxConfig({ port, instancePorts: ports, runDir });
    const child = spawn(nginx, ['-c', config, '-p', runDir], { stdio: ['ignore', 'inherit', 'inherit'] });
    const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    running.push({ port, child, exited, nginx: true });
    await Promise.race([waitFor(`http://127.0.0.1:${port}/_ready`, 10_000), exited.then(() => Promise.reject(new Error(`nginx exited; see ${runDir}/error.log`)))]);
  } catch (error) {
    await stopAll();
    throw error;
  }
  return {
    port,
    runDir,
    instances: running.filter((r) => !r.nginx),
    nginx: running.find((r) => r.nginx),
    stop: stopAll,
  };
}

module.exports = { startCluster, waitFor };

if (require.main === module) {
  const instances = Number(process.argv[2] ?? 3);
  if (!Number.isInteger(instances) || instances < 1 || instances > 32) {
    console.error('usage: node deploy/cluster.js N   (N: how many instances, 1 to 32)');
    process.exit(2);
  }
  const port = Number(process.env.CLUSTER_PORT ?? 8080);
  const basePort = Number(process.env.CLUSTER_BASE_PORT ?? 1340);
  const env = { DATABASE_CLIENT: 'postgres', DATABASE_NAME: process.env.DATABASE_NAME ?? 'linkage', STRAPI_TELEMETRY_DISABLED: 'true' };
  if (process.env.CLUSTER_BUILD !== 'false') {
    console.log('Building (npm run build; CLUSTER_BUILD=false skips it)...');
    const built = spawnSync('npm', ['run', 'build'], { cwd: APP_DIR, stdio: 'inherit' });
    if (built.status !== 0) process.exit(built.status ?? 1);
  } else {
    spawnSync(process.execPath, [path.join(APP_DIR, 'scripts', 'ensure-env.js')], { stdio: 'inherit' });
  }
  console.log(`Starting ${instances} instance(s) on ports ${basePort}-${basePort + instances - 1} (database ${env.DATABASE_NAME}) and nginx on ${port}...`);
  startCluster({ instances, basePort, port, env, nginx: process.env.NGINX ?? '/usr/sbin/nginx', log: (line) => console.log(line) }).then(
    (cluster) => {
      console.log(`Serving on http://127.0.0.1:${port}/ (nginx files in ${cluster.runDir}). Ctrl-C stops everything.`);
      let stopping = false;
      const stop = () => {
        if (stopping) return;
        stopping = true;
        console.log('Stopping...');
        cluster.stop().then(() => process.exit(0));
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      // An instance or nginx that dies on its own is said, not silently replaced.
      for (const r of [...cluster.instances, cluster.nginx])
        void r.exited.then(({ code, signal }) => !stopping && console.error(`${r.nginx ? 'nginx' : `instance ${r.port}`} exited (${code ?? signal})`));
    },
    (error) => {
      console.error(error.message);
      process.exit(1);
    }
  );
}
