#!/usr/bin/env node
// Site page misses of two builds side by side, in the same seconds: both bench servers run at once
// (render cache off), each loaded by its own autocannon with every unit's page of an item in turn, and
// each server's CPU time per miss is read from /proc (main thread, and the rest: render threads, GC
// helpers). On a machine whose speed changes from one minute to the next, runs one after the other
// compare minutes, not builds; a pair in the same seconds does not. The server started first has an
// edge of a few per cent: run each pair in both orders (BENCHMARKS.md, "sixth session").
// Usage: node scripts/bench/miss-pairs.js DIR_A[:NAME=VALUE...] DIR_B[:NAME=VALUE...] [--rounds 5]
//          [--duration 8] [--connections 16] [--slug S]
//   DIR: a built checkout with its own copy of the scale database in DIR/.tmp/scale.db
//   (scripts/bench/load-scale.js); NAME=VALUE: environment for that server only.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const autocannon = require('autocannon');
const { arg } = require('./lib/harness');

const SLUG = arg('slug', 'public-rental-housing-001');
const ROUNDS = Number(arg('rounds', 5));
const DURATION = Number(arg('duration', 8));
const CONNECTIONS = Number(arg('connections', 16));
const specs = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !(all[i - 1] ?? '').startsWith('--'));

/** Clock ticks (1/100 s) of CPU: the whole process, and its main thread. */
function cpuTicks(pid) {
  let all = 0;
  let main = 0;
  for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
    let stat;
    try {
      stat = fs.readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8');
    } catch {
      continue; // a thread that ended meanwhile
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    all += ticks;
    if (task === String(pid)) main = ticks;
  }
  return { all, main };
}

function start(spec, port) {
  const [dir, ...settings] = spec.split(':');
  const app = path.resolve(dir);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(app, 'scripts', 'bench', 'server.js')], {
      cwd: app,
      env: {
        ...process.env,
        ...Object.fromEntries(settings.map((s) => s.split('='))),
        DATABASE_FILENAME: path.join(app, '.tmp', 'scale.db'),
        BENCH_PORT: String(port),
        LINKAGE_CACHE_BYTES: '1',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.on('data', (chunk) => {
      if (String(chunk).includes('READY')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`the bench server of ${spec} exited with ${code}`)));
  });
}

function load(port, pages, duration) {
  let i = 0;
  const requests = [{ setupRequest: (request) => ({ ...request, path: pages[i++ % pages.length] }) }];
  return new Promise((resolve, reject) =>
    autocannon({ url: `http://127.0.0.1:${port}${pages[0]}`, connections: CONNECTIONS, duration, requests }, (e, r) => (e ? reject(e) : resolve(r)))
  );
}

async function main() {
  if (specs.length !== 2) throw new Error('give two checkouts: node scripts/bench/miss-pairs.js DIR_A DIR_B');
  const servers = [];
  for (const [k, spec] of specs.entries()) servers.push({ spec, port: 1420 + k, child: await start(spec, 1420 + k) });
  try {
    const units = [];
    const walk = (n) => {
      units.push(n.code);
      n.children.forEach(walk);
    };
    (await (await fetch(`http://127.0.0.1:${servers[0].port}/api/linkage/units`)).json()).data.forEach(walk);
    const pages = units.map((code) => `/sites/${code}/items/${SLUG}`);
    await Promise.all(servers.map((s) => load(s.port, pages, 3)));
    const totals = servers.map(() => ({ all: 0, main: 0, misses: 0 }));
    console.log(`\nmisses side by side, ${SLUG}, ${CONNECTIONS} connections each, ${DURATION} s rounds\n`);
    console.log(`| round | ${specs.map((s) => `${s}: req/s, p50 / p99 ms, CPU ms a miss (main)`).join(' | ')} |\n|---|---|---|`);
    for (let round = 1; round <= ROUNDS; round += 1) {
      const before = servers.map((s) => cpuTicks(s.child.pid));
      const results = await Promise.all(servers.map((s) => load(s.port, pages, DURATION)));
      const after = servers.map((s) => cpuTicks(s.child.pid));
      const cells = results.map((r, k) => {
        const misses = r.requests.total - r.non2xx;
        const all = after[k].all - before[k].all;
        const mainTicks = after[k].main - before[k].main;
        Object.assign(totals[k], { all: totals[k].all + all, main: totals[k].main + mainTicks, misses: totals[k].misses + misses });
        return `${Math.round(r.requests.average)}, ${r.latency.p50} / ${r.latency.p99}, ${((all * 10) / misses).toFixed(2)} (${((mainTicks * 10) / misses).toFixed(2)})${r.non2xx + r.errors ? `, ${r.non2xx + r.errors} failed` : ''}`;
      });
      console.log(`| ${round} | ${cells.join(' | ')} |`);
    }
    const summary = totals.map((t) => `${((t.all * 10) / t.misses).toFixed(2)} (${((t.main * 10) / t.misses).toFixed(2)})`);
    console.log(`| all | ${summary.join(' | ')} |`);
  } finally {
    for (const s of servers) s.child.kill('SIGTERM');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
