// Shared by the benchmarks: start the bench server in a child process, load it with autocannon
// (warm-up, then the measured run), read its memory.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const autocannon = require('autocannon');

const APP_DIR = path.resolve(__dirname, '..', '..', '..');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};

const settings = () => ({ duration: Number(arg('duration', 15)), connections: Number(arg('connections', 32)) });

function startServer(port, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, '..', 'server.js')], {
      cwd: APP_DIR,
      env: { ...process.env, BENCH_PORT: String(port), ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.on('data', (chunk) => {
      if (String(chunk).includes('READY')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

async function stopServer(child) {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.on('exit', resolve));
}

const rssMb = (pid) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024);

function run(url, paths, duration, connections, headers) {
  let i = 0;
  const requests = paths ? [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }] : undefined;
  return new Promise((resolve, reject) => autocannon({ url, connections, duration, requests, headers }, (e, r) => (e ? reject(e) : resolve(r))));
}

/** One scenario: 3 s of warm-up, then the measured run. `target` is a path or a list of paths taken in turn. */
async function measure(base, name, target, headers) {
  const { duration, connections } = settings();
  const paths = Array.isArray(target) ? target : null;
  const url = base + (paths ? paths[0] : target);
  await run(url, paths, 3, connections, headers);
  const r = await run(url, paths, duration, connections, headers);
  return { name, rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

function report(title, rows, extra) {
  console.log(`\n${title}\n\n| scenario | req/s | p50 ms | p99 ms | non-2xx |\n|---|---|---|---|---|`);
  for (const r of rows) console.log(`| ${r.name} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.non2xx + r.errors} |`);
  if (extra) console.log(`\n${extra}`);
  const started = new Date().toISOString();
  fs.mkdirSync(path.join(APP_DIR, '.tmp', 'bench'), { recursive: true });
  fs.writeFileSync(
    path.join(APP_DIR, '.tmp', 'bench', `${title.replace(/\W+/g, '-')}-${started.replace(/[:.]/g, '-')}.json`),
    JSON.stringify({ started, database: process.env.DATABASE_CLIENT || 'sqlite', ...settings(), rows, extra }, null, 2)
  );
}

module.exports = { APP_DIR, arg, settings, startServer, stopServer, rssMb, measure, report };
