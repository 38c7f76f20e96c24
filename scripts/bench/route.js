#!/usr/bin/env node
// Route requests under load (DESIGN §7), side by side in one run:
//   noop            a do-nothing Strapi route (auth: false): the ceiling
//   route-hit       GET /api/linkage/items/:slug/route, one set of answers (served from the cache)
//   rest            the Strapi Document Service reads that REST would make for the same data
//   route-miss      the route with the cache off, cycling through every combination of answers
// Usage: node scripts/bench/route.js [--duration 15] [--connections 32] [--slug S]
// The database is whatever DATABASE_* says (SQLite .tmp/data.db by default, seeded with the demo).
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const autocannon = require('autocannon');

const APP_DIR = path.resolve(__dirname, '..', '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const DURATION = Number(arg('duration', 15));
const CONNECTIONS = Number(arg('connections', 32));
const SLUG = arg('slug', 'enterprise-employee-retirement-certification');

function startServer(port, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'server.js')], { cwd: APP_DIR, env: { ...process.env, BENCH_PORT: String(port), ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk) => {
      if (String(chunk).includes('READY')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

const rssMb = (pid) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024);
};

function load(url, paths) {
  let i = 0;
  const requests = paths ? [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }] : undefined;
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration: DURATION, requests }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

async function measure(base, name, pathOrPaths) {
  const paths = Array.isArray(pathOrPaths) ? pathOrPaths : null;
  const url = base + (paths ? paths[0] : pathOrPaths);
  // Warm up: caches, JIT, connection pool.
  await new Promise((resolve, reject) => autocannon({ url, connections: CONNECTIONS, duration: 3, requests: paths ? [{ setupRequest: (req) => ({ ...req, path: paths[Math.floor(Math.random() * paths.length)] }) }] : undefined }, (e, r) => (e ? reject(e) : resolve(r))));
  const r = await load(url, paths);
  return { name, rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

async function combinations(base) {
  const res = await fetch(`${base}/api/linkage/items/${SLUG}`);
  const item = (await res.json()).data;
  const units = (await (await fetch(`${base}/api/linkage/units`)).json()).data;
  const flat = [];
  const walk = (n) => {
    flat.push(n);
    n.children.forEach(walk);
  };
  units.forEach(walk);
  const values = item.questions
    .filter((q) => q.kind === 'core')
    .map((q) => [q.key, q.type === 'choice' ? q.options.map((o) => o.value) : q.type === 'boolean' ? ['true', 'false'] : flat.filter((u) => u.level === q.answerLevel).map((u) => u.code)]);
  let combos = [[]];
  for (const [key, options] of values) combos = combos.flatMap((c) => options.map((v) => [...c, `answers[${key}]=${encodeURIComponent(v)}`]));
  return combos.map((c) => `/api/linkage/items/${SLUG}/route?${c.join('&')}`);
}

async function main() {
  const started = new Date().toISOString();
  const hitServer = await startServer(1399, {});
  const base = 'http://127.0.0.1:1399';
  const all = await combinations(base);
  const one = all.find((p) => p.includes('370281')) ?? all[0];
  const rows = [];
  rows.push(await measure(base, 'noop (do-nothing Strapi route)', '/bench/noop'));
  rows.push(await measure(base, 'route, cache hit', one));
  rows.push(await measure(base, 'REST equivalent (item + guides, populate=*)', one.replace(`/api/linkage/items/${SLUG}/route`, `/bench/rest/route/${SLUG}`)));
  const hitRss = rssMb(hitServer.pid);
  hitServer.kill('SIGTERM');
  await new Promise((resolve) => hitServer.on('exit', resolve));

  const missServer = await startServer(1398, { LINKAGE_CACHE_BYTES: '1' });
  rows.push(await measure('http://127.0.0.1:1398', `route, cache off (${all.length} combinations in turn)`, all));
  const missRss = rssMb(missServer.pid);
  missServer.kill('SIGTERM');
  await new Promise((resolve) => missServer.on('exit', resolve));

  const [noop, hit, rest, miss] = rows;
  const summary = {
    started,
    database: process.env.DATABASE_CLIENT || 'sqlite',
    duration: DURATION,
    connections: CONNECTIONS,
    rows,
    ratios: { hitVsNoop: +(hit.rps / noop.rps).toFixed(2), hitVsRest: +(hit.rps / rest.rps).toFixed(1) },
    rssMb: { cacheOn: hitRss, cacheOff: missRss },
  };
  console.log(`\n| scenario | req/s | p50 ms | p99 ms | non-2xx |\n|---|---|---|---|---|`);
  for (const r of rows) console.log(`| ${r.name} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.non2xx + r.errors} |`);
  console.log(`\nroute hit / noop: ${summary.ratios.hitVsNoop} (target ≥ 0.70); route hit / REST: ${summary.ratios.hitVsRest}x (target ≥ 5); p99 hit ${hit.p99} ms (target < 100), miss ${miss.p99} ms (target < 250); RSS ${hitRss} / ${missRss} MB`);
  fs.mkdirSync(path.join(APP_DIR, '.tmp', 'bench'), { recursive: true });
  fs.writeFileSync(path.join(APP_DIR, '.tmp', 'bench', `route-${started.replace(/[:.]/g, '-')}.json`), JSON.stringify(summary, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
