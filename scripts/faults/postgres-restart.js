#!/usr/bin/env node
// Postgres restarted under load (issue 14): on a fresh database seeded with the demo, the app's
// production server takes 50 concurrent connections, editors saving and publishing guides through
// the Content Manager API (each save with a value of its own) and readers on the public API and
// sites, while `pg_ctlcluster ... restart` restarts the machine's Postgres in the middle. Then it
// checks, from the database itself and the app's own checks:
//   - every save acknowledged with a 2xx is stored, exactly once (its audit entries counted; the
//     guide's final value is its last committed save's);
//   - every refused save got a 5xx (503 with Retry-After) and is stored whole or not at all;
//   - the audit chain verifies, the change feed has no gap, the doctor finds no difference;
//   - the app recovered without a restart (the same process answers, readiness 200);
//   - requests during the outage failed fast (latency of the failures, 503s with Retry-After).
// It RESTARTS THE MACHINE'S POSTGRES: it refuses to run while other databases have sessions
// (other test runs) unless given --force. Results: RELIABILITY.md.
//
// Usage: npm run faults:postgres-restart [-- --connections 50 --editors 8 --before 8 --after 15 --force]
//        --no-restart: the same load and checks without restarting Postgres (to try the harness).
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { Client } = require('pg');

const APP_DIR = path.resolve(__dirname, '..', '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const flag = (name) => process.argv.includes(`--${name}`);

const CONNECTIONS = Number(arg('connections', 50));
const EDITORS = Number(arg('editors', 8));
const BEFORE_S = Number(arg('before', 8));
const AFTER_S = Number(arg('after', 15));
const PORT = Number(arg('port', 1397));
const REQUEST_TIMEOUT_MS = 30000;
const PG = {
  host: process.env.DATABASE_HOST || '127.0.0.1',
  port: Number(process.env.DATABASE_PORT || 5432),
  user: process.env.DATABASE_USERNAME || 'postgres',
  password: process.env.DATABASE_PASSWORD || '',
};
const DATABASE = `linkage_faults_${process.pid}`;
const ADMIN = { email: 'faults-admin@linkage.test', password: 'Faults-Admin-Pass-1' };
const EDITOR_PASSWORD = 'Faults-Editor-Pass-1';
const GUIDE = 'plugin::linkage.guide';
const CM = '/content-manager/collection-types';

const now = () => Number(process.hrtime.bigint() / 1000000n);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line) => process.stderr.write(`${line}\n`);

// ---------------------------------------------------------------- Postgres, directly

async function withPg(database, work) {
  const client = new Client({ ...PG, database });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Sessions on other databases than ours: someone else is using the cluster. */
async function othersUsingPostgres() {
  return withPg('postgres', async (c) => {
    const { rows } = await c.query(
      'SELECT datname, count(*)::int AS sessions FROM pg_stat_activity WHERE datname IS NOT NULL AND pid <> pg_backend_pid() AND datname <> $1 GROUP BY 1 ORDER BY 1',
      [DATABASE]
    );
    return rows;
  });
}

/** Restarts the cluster without blocking: the load goes on (and is measured) while it restarts. */
function restartPostgres() {
  const version = fs.readdirSync('/etc/postgresql').sort().pop();
  const started = now();
  const command = `pg_ctlcluster --skip-systemctl-redirect ${version} main restart`;
  return new Promise((resolve) => {
    const child = spawn('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'restart'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('exit', (status) => resolve({ command, status, output: output.trim(), ms: now() - started }));
  });
}

// ---------------------------------------------------------------- HTTP

/** One request on a connection of its own (keep-alive agent per virtual user); never throws. */
function request(agent, method, urlPath, { body, token, accept = 'application/json' } = {}) {
  return new Promise((resolve) => {
    const started = now();
    const payload = body === undefined ? null : Buffer.from(JSON.stringify(body));
    const headers = { Accept: accept, 'Accept-Language': 'en' };
    if (payload) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': payload.length });
    if (token) headers.Authorization = `Bearer ${token}`;
    const req = http.request({ host: '127.0.0.1', port: PORT, method, path: urlPath, headers, agent, timeout: REQUEST_TIMEOUT_MS }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json = null;
        if (/json/.test(res.headers['content-type'] || '')) {
          try {
            json = JSON.parse(text);
          } catch {
            json = null;
          }
        }
        resolve({ status: res.statusCode, retryAfter: res.headers['retry-after'] ?? null, json, text, started, ended: now() });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) =>
      resolve({ status: error.message === 'timeout' ? 'timeout' : 'error', error: error.message, retryAfter: null, json: null, text: '', started, ended: now() })
    );
    if (payload) req.write(payload);
    req.end();
  });
}

const setupAgent = new http.Agent({ keepAlive: true, maxSockets: 4 });

async function must(method, urlPath, options, what) {
  const res = await request(setupAgent, method, urlPath, options);
  if (typeof res.status !== 'number' || res.status >= 300) throw new Error(`${what}: ${res.status} ${res.text.slice(0, 300)}`);
  return res.json;
}

// ---------------------------------------------------------------- the app

function startApp(logFile) {
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [path.join(APP_DIR, 'scripts', 'bench', 'server.js')], {
    cwd: APP_DIR,
    env: {
      ...process.env,
      BENCH_PORT: String(PORT),
      DATABASE_CLIENT: 'postgres',
      DATABASE_URL: '',
      DATABASE_HOST: PG.host,
      DATABASE_PORT: String(PG.port),
      DATABASE_USERNAME: PG.user,
      DATABASE_PASSWORD: PG.password,
      DATABASE_NAME: DATABASE,
      LINKAGE_SEED_DEMO: 'true',
      LINKAGE_LINKS: 'local',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    },
    stdio: ['ignore', 'pipe', out],
  });
  const ready = new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      fs.appendFileSync(logFile, chunk);
      if (String(chunk).includes('READY')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`the app exited with ${code}: see ${logFile}`)));
  });
  return { child, ready, exited: () => child.exitCode !== null || child.signalCode !== null };
}

// ---------------------------------------------------------------- set-up: editors, guides, reader paths

async function setUp() {
  const admin = (await must('POST', '/admin/login', { body: ADMIN }, 'super admin login')).data.token;
  const roles = (await must('GET', '/admin/roles', { token: admin }, 'roles')).data;
  const editorRole = roles.find((r) => r.code === 'linkage-unit-editor');
  const units = (await must('GET', '/api/linkage/units?locale=en', {}, 'units')).data;
  const flatten = (nodes) => nodes.flatMap((n) => [n, ...flatten(n.children ?? [])]);
  const districts = flatten(Array.isArray(units) ? units : [units]).filter((u) => u.level === 'district');
  const editors = [];
  for (const district of districts.slice(0, EDITORS)) {
    const email = `faults-editor-${district.code}@linkage.test`;
    const created = (
      await must('POST', '/admin/users', { token: admin, body: { email, firstname: 'Faults', lastname: district.code, roles: [editorRole.id] } }, `create ${email}`)
    ).data;
    await must(
      'POST',
      '/admin/register',
      { body: { registrationToken: created.registrationToken, userInfo: { firstname: 'Faults', lastname: district.code, password: EDITOR_PASSWORD } } },
      `register ${email}`
    );
    await must('POST', '/linkage/memberships', { token: admin, body: { email, unitCode: district.code, scope: 'subtree' } }, `membership of ${email}`);
    const token = (await must('POST', '/admin/login', { body: { email, password: EDITOR_PASSWORD } }, `login ${email}`)).data.token;
    const listed = (await must('GET', `${CM}/${GUIDE}?page=1&pageSize=100&locale=zh-Hans`, { token }, `guides of ${email}`)).results;
    editors.push({ email, unit: district.code, token, guides: listed.map((g) => g.documentId) });
  }
  const items = (await must('GET', '/api/linkage/items?locale=zh-Hans', {}, 'items')).data;
  const readPaths = [];
  for (const item of items) {
    readPaths.push(`/api/linkage/items/${item.slug}`, `/api/linkage/items/${item.slug}/route`, `/sites/370200000000/items/${item.slug}?locale=zh-Hans`);
  }
  for (const district of districts) readPaths.push(`/sites/${district.code}?locale=zh-Hans`, `/api/linkage/sites/${district.code}`);
  readPaths.push('/api/linkage/items', '/api/linkage/units', '/api/linkage/changes?since=0');
  return { admin, editors, readPaths };
}

// ---------------------------------------------------------------- the load

/**
 * Editor users: each owns some guides (no other user writes them, so each guide's saves are in a
 * known order); each save puts a phone number of its own; one in four also publishes.
 */
function editorUsers(editors, count) {
  const users = Array.from({ length: count }, (_, i) => ({ index: i, editor: editors[i % editors.length], guides: [] }));
  for (const editor of editors) {
    const mine = users.filter((u) => u.editor === editor);
    editor.guides.forEach((g, j) => mine[j % mine.length].guides.push(g));
  }
  return users.filter((u) => u.guides.length > 0);
}

async function runEditor(user, until, writes) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  for (let n = 0; now() < until(); n += 1) {
    const guide = user.guides[n % user.guides.length];
    const value = `0532-${String(user.index).padStart(2, '0')}-${String(n).padStart(5, '0')}`;
    const publish = n % 4 === 3;
    const res = publish
      ? await request(agent, 'POST', `${CM}/${GUIDE}/${guide}/actions/publish?locale=zh-Hans`, { token: user.editor.token, body: { phone: value } })
      : await request(agent, 'PUT', `${CM}/${GUIDE}/${guide}?locale=zh-Hans`, { token: user.editor.token, body: { phone: value } });
    writes.push({ user: user.index, guide, value, publish, ...res, json: undefined, text: typeof res.status === 'number' && res.status >= 300 ? res.text.slice(0, 200) : '' });
    // A refused save is not retried at once: as an editor would, after Retry-After.
    if (res.status === 503) await sleep(Number(res.retryAfter ?? 1) * 500);
  }
  agent.destroy();
}

async function runReader(index, paths, until, reads) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  for (let n = index; now() < until(); n += 1) {
    const p = paths[n % paths.length];
    const res = await request(agent, 'GET', p, { accept: p.startsWith('/sites') ? 'text/html' : 'application/json' });
    reads.push({ path: p, ...res, json: undefined, text: '' });
  }
  agent.destroy();
}

// ---------------------------------------------------------------- checks

const percentile = (values, p) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const ok2xx = (r) => typeof r.status === 'number' && r.status >= 200 && r.status < 300;

async function checkStored(writes, startSeq, initial) {
  return withPg(DATABASE, async (c) => {
    const guides = [...new Set(writes.map((w) => w.guide))];
    const { rows: drafts } = await c.query(`SELECT document_id, phone FROM linkage_guides WHERE locale = 'zh-Hans' AND published_at IS NULL AND document_id = ANY($1)`, [guides]);
    const { rows: published } = await c.query(`SELECT document_id, phone FROM linkage_guides WHERE locale = 'zh-Hans' AND published_at IS NOT NULL AND document_id = ANY($1)`, [
      guides,
    ]);
    const { rows: entries } = await c.query(
      `SELECT seq, action, subject_document_id AS guide, subject_locale AS locale, fields FROM linkage_audit_entries WHERE seq > $1 AND subject_document_id = ANY($2) ORDER BY seq`,
      [startSeq, guides]
    );
    const draftOf = new Map(drafts.map((r) => [r.document_id, r.phone]));
    const publishedOf = new Map(published.map((r) => [r.document_id, r.phone]));
    const problems = [];
    let committedRefused = 0;
    for (const guide of guides) {
      const mine = writes.filter((w) => w.guide === guide);
      const acked = mine.filter(ok2xx);
      const refused = mine.filter((w) => !ok2xx(w));
      const phoneUpdates = entries.filter((e) => e.guide === guide && e.action === 'update' && JSON.stringify(e.fields).includes('"phone"')).length;
      const publishes = entries.filter((e) => e.guide === guide && e.action === 'publish' && e.locale === 'zh-Hans').length;
      // Each save changes the phone: one update entry per committed save, one publish entry per committed publish.
      const extraUpdates = phoneUpdates - acked.length;
      const extraPublishes = publishes - acked.filter((w) => w.publish).length;
      if (extraUpdates < 0) problems.push(`${guide}: ${acked.length} saves acknowledged, ${phoneUpdates} in the audit trail (a save acknowledged but not stored)`);
      if (extraUpdates > refused.length) problems.push(`${guide}: ${phoneUpdates} saves in the audit trail, more than the ${mine.length} made (a save stored twice)`);
      if (extraPublishes < 0 || extraPublishes > refused.filter((w) => w.publish).length)
        problems.push(`${guide}: ${publishes} publishes in the audit trail for ${acked.filter((w) => w.publish).length} acknowledged`);
      committedRefused += Math.max(0, extraUpdates);
      // The stored value is the last committed save's: the last acknowledged one, or a refused one after it whose commit went through.
      const lastAcked = acked.reduce((last, w) => (!last || w.started > last.started ? w : last), null);
      const later = refused.filter((w) => !lastAcked || w.started > lastAcked.started).map((w) => w.value);
      // With no save acknowledged, the value from before the run too (none of them committed).
      const allowed = new Set([lastAcked ? lastAcked.value : initial.get(guide), ...later]);
      if (!allowed.has(draftOf.get(guide)))
        problems.push(
          `${guide}: stored ${draftOf.get(guide)}, expected ${[...allowed].join(' or ')}; saves: ${mine.map((w) => `${w.value} ${w.publish ? 'publish' : 'update'} ${w.status}`).join(', ')}; audit: ${entries
            .filter((e) => e.guide === guide)
            .map((e) => `${e.seq} ${e.action} ${e.locale} ${JSON.stringify(e.fields)}`)
            .join(', ')}`
        );
      const lastPublished = acked.filter((w) => w.publish).reduce((last, w) => (!last || w.started > last.started ? w : last), null);
      if (lastPublished) {
        const allowedPublished = new Set([lastPublished.value, ...refused.filter((w) => w.publish && w.started > lastPublished.started).map((w) => w.value)]);
        if (!allowedPublished.has(publishedOf.get(guide))) problems.push(`${guide}: published ${publishedOf.get(guide)}, expected ${[...allowedPublished].join(' or ')}`);
      }
    }
    return { guides: guides.length, problems, committedRefused };
  });
}

async function changeFeedGaps() {
  return withPg(DATABASE, async (c) => {
    const { rows } = await c.query('SELECT seq::bigint AS seq FROM linkage_changes ORDER BY seq');
    const seqs = rows.map((r) => Number(r.seq));
    const gaps = seqs.filter((s, i) => i > 0 && s !== seqs[i - 1] + 1).length + (seqs.length > 0 && seqs[0] !== 1 ? 1 : 0);
    return { changes: seqs.length, last: seqs[seqs.length - 1] ?? 0, gaps, duplicates: seqs.length - new Set(seqs).size };
  });
}

/** The requests `pick` selects: how many, how many failed (5xx, timeouts), and how fast the failures were answered. */
function summarize(list, pick, latency = (r) => r.ended - r.started) {
  const chosen = list.filter(pick);
  const failures = chosen.filter((r) => !(typeof r.status === 'number' && r.status < 500));
  const latencies = failures.map(latency);
  return {
    requests: chosen.length,
    ok: chosen.filter(ok2xx).length,
    failed: failures.length,
    with503RetryAfter: failures.filter((r) => r.status === 503 && r.retryAfter).length,
    other5xx: failures.filter((r) => typeof r.status === 'number' && r.status !== 503).length,
    timeoutsOrErrors: failures.filter((r) => typeof r.status !== 'number').length,
    failureMsP50: percentile(latencies, 50),
    failureMsP99: percentile(latencies, 99),
    failureMsMax: latencies.length ? Math.max(...latencies) : null,
  };
}

// ---------------------------------------------------------------- main

async function main() {
  const restarting = !flag('no-restart');
  const others = await othersUsingPostgres();
  if (restarting && others.length > 0 && !flag('force')) {
    log(`Postgres is in use (${others.map((o) => `${o.datname}: ${o.sessions}`).join(', ')}): this script restarts it. Run it when nothing else is using it, or pass --force.`);
    return 2;
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const outDir = path.join(APP_DIR, '.tmp', 'faults');
  fs.mkdirSync(outDir, { recursive: true });
  const logFile = path.join(outDir, `postgres-restart-${stamp}.log`);
  await withPg('postgres', async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${DATABASE}"`);
  });
  log(`Database ${DATABASE}: seeding the demo and starting the app (log: ${path.relative(APP_DIR, logFile)})...`);
  const app = startApp(logFile);
  let exitCode = 1;
  try {
    await app.ready;
    const pid = app.child.pid;
    const { admin, editors, readPaths } = await setUp();
    const startSeq = await withPg(DATABASE, async (c) => Number((await c.query('SELECT COALESCE(MAX(seq), 0) AS s FROM linkage_audit_entries')).rows[0].s));
    const initial = await withPg(
      DATABASE,
      async (c) =>
        new Map((await c.query(`SELECT document_id, phone FROM linkage_guides WHERE locale = 'zh-Hans' AND published_at IS NULL`)).rows.map((r) => [r.document_id, r.phone]))
    );
    const users = editorUsers(editors, Math.round(CONNECTIONS * 0.4));
    const readers = CONNECTIONS - users.length;
    log(`${editors.length} editors (${editors.reduce((n, e) => n + e.guides.length, 0)} guides), ${users.length} editor connections, ${readers} reader connections`);

    const writes = [];
    const reads = [];
    let stopAt = Infinity;
    const until = () => stopAt;
    const t0 = now();
    const load = Promise.all([...users.map((u) => runEditor(u, until, writes)), ...Array.from({ length: readers }, (_, i) => runReader(i, readPaths, until, reads))]);

    await sleep(BEFORE_S * 1000);
    log(restarting ? 'Restarting Postgres...' : 'Not restarting Postgres (--no-restart).');
    const restartFrom = now();
    const restart = restarting ? await restartPostgres() : { command: '(none: --no-restart)', status: 0, output: '', ms: 0 };
    const restartTo = now();
    log(`${restart.command}: exit ${restart.status} in ${restart.ms} ms ${restart.output}`);
    stopAt = restartTo + AFTER_S * 1000;
    await load;

    // Recovery: the first acknowledged save that started after the restart began.
    const firstWriteAfter = writes.filter((w) => ok2xx(w) && w.started >= restartFrom).sort((a, b) => a.started - b.started)[0];
    const ready = await request(setupAgent, 'GET', '/_ready');
    const outage = { from: restartFrom, to: firstWriteAfter ? firstWriteAfter.started : restartTo };
    const stored = await checkStored(writes, startSeq, initial);
    const feed = await changeFeedGaps();
    const verify = (await request(setupAgent, 'GET', '/linkage/audit/verify', { token: admin })).json;
    const doctor = (await request(setupAgent, 'GET', '/linkage/doctor', { token: admin })).json;
    const all = [...writes, ...reads];

    const result = {
      at: new Date().toISOString(),
      command: 'npm run faults:postgres-restart',
      connections: { editors: users.length, readers, total: users.length + readers },
      seconds: { total: ((now() - t0) / 1000).toFixed(1), restart: (restart.ms / 1000).toFixed(1), outageUntilFirstSave: ((outage.to - outage.from) / 1000).toFixed(1) },
      restart,
      writes: {
        made: writes.length,
        acknowledged: writes.filter(ok2xx).length,
        refused: writes.filter((w) => !ok2xx(w)).length,
        refusedNon5xx: writes
          .filter((w) => !ok2xx(w) && !(typeof w.status === 'number' && w.status >= 500))
          .map((w) => `${w.status} ${w.text}`)
          .slice(0, 5),
        publishes: writes.filter((w) => w.publish && ok2xx(w)).length,
        ackMsP50: percentile(
          writes.filter(ok2xx).map((w) => w.ended - w.started),
          50
        ),
        ackMsMax: Math.max(0, ...writes.filter(ok2xx).map((w) => w.ended - w.started)),
        refusedButCommittedWhole: stored.committedRefused,
      },
      reads: { made: reads.length, ok: reads.filter(ok2xx).length },
      // In flight when Postgres went down: how long after the restart began each failure was answered.
      inFlightAtRestart: summarize(
        all,
        (r) => r.started < restartFrom && r.ended >= restartFrom,
        (r) => r.ended - restartFrom
      ),
      // Started while Postgres was down or starting (until the restart command returned).
      startedDuringOutage: summarize(all, (r) => r.started >= restartFrom && r.started <= restartTo),
      readsServedDuringOutage: reads.filter((r) => r.started >= restartFrom && r.started <= restartTo && ok2xx(r)).length,
      failuresBefore: summarize(all, (r) => r.ended < restartFrom).failed,
      failuresAfter: summarize(all, (r) => r.started > restartTo).failed,
      stored,
      changeFeed: feed,
      auditChain: verify ? { ok: verify.ok, entries: verify.entries, firstBroken: verify.firstBroken } : null,
      doctor: doctor ? { ok: doctor.ok, differences: (doctor.differences ?? []).map((d) => d.message?.en ?? d) } : null,
      recovered: { samePid: app.child.pid === pid && !app.exited(), readiness: ready.status },
    };
    const checks = [
      ['Postgres restarted', restart.status === 0],
      ['every acknowledged save stored exactly once, the last committed value in place', stored.problems.length === 0],
      ['every refused save answered with a 5xx', result.writes.refusedNon5xx.length === 0],
      ['the audit chain verifies', verify?.ok === true],
      ['the change feed has no gap and no duplicate', feed.gaps === 0 && feed.duplicates === 0],
      ['the doctor finds no difference', doctor?.ok === true],
      ['the app recovered without a restart (same process, readiness 200)', result.recovered.samePid && ready.status === 200],
      ['saves acknowledged after the outage', Boolean(firstWriteAfter)],
      ['no request hung (none timed out after 30 s)', all.every((r) => r.status !== 'timeout')],
    ];
    result.checks = Object.fromEntries(checks);
    const timeline = (r) => ({ ...r, started: r.started - restartFrom, ended: r.ended - restartFrom });
    fs.writeFileSync(
      path.join(outDir, `postgres-restart-${stamp}.json`),
      JSON.stringify(
        { ...result, stored: { ...stored, problems: stored.problems.slice(0, 50) }, writesLog: writes.map(timeline), database: flag('keep') ? DATABASE : null },
        null,
        2
      )
    );

    const f = result.inFlightAtRestart;
    const d = result.startedDuringOutage;
    console.log(`\nPostgres restarted under load: ${result.connections.total} connections (${users.length} editors' saves, ${readers} readers), ${result.seconds.total} s\n`);
    console.log('| check | result |\n|---|---|');
    for (const [name, passed] of checks) console.log(`| ${name} | ${passed ? 'yes' : '**NO**'} |`);
    console.log('\n| measured | value |\n|---|---|');
    console.log(`| restart (\`${restart.command}\`) | ${result.seconds.restart} s |`);
    console.log(`| from the restart to the first save acknowledged after it | ${result.seconds.outageUntilFirstSave} s |`);
    console.log(
      `| saves made / acknowledged / refused | ${result.writes.made} / ${result.writes.acknowledged} / ${result.writes.refused} (publishes acknowledged: ${result.writes.publishes}) |`
    );
    console.log(`| acknowledged saves' latency: p50 / max | ${result.writes.ackMsP50} / ${result.writes.ackMsMax} ms |`);
    console.log(`| refused saves whose commit had gone through (stored whole) | ${result.writes.refusedButCommittedWhole} |`);
    console.log(`| reads made / 2xx | ${result.reads.made} / ${result.reads.ok} |`);
    console.log(
      `| in flight at the restart: requests / failed / 503 with Retry-After / other 5xx / timeouts | ${f.requests} / ${f.failed} / ${f.with503RetryAfter} / ${f.other5xx} / ${f.timeoutsOrErrors} |`
    );
    console.log(`| their failures answered after the restart began: p50 / max | ${f.failureMsP50} / ${f.failureMsMax} ms |`);
    console.log(
      `| started during the restart: requests / failed / 503 with Retry-After / other 5xx / timeouts | ${d.requests} / ${d.failed} / ${d.with503RetryAfter} / ${d.other5xx} / ${d.timeoutsOrErrors} |`
    );
    console.log(`| their failures' latency: p50 / p99 / max | ${d.failureMsP50} / ${d.failureMsP99} / ${d.failureMsMax} ms |`);
    console.log(`| reads started during the restart and served (from memory) | ${result.readsServedDuringOutage} |`);
    console.log(`| failures before the restart / after it | ${result.failuresBefore} / ${result.failuresAfter} |`);
    console.log(`| guides written / change feed entries / gaps | ${stored.guides} / ${feed.changes} / ${feed.gaps} |`);
    console.log(`| audit entries verified | ${verify?.entries ?? '?'} |`);
    for (const problem of stored.problems.slice(0, 20)) console.log(`\n- ${problem}`);
    for (const difference of result.doctor?.differences ?? []) console.log(`\n- doctor: ${difference}`);
    exitCode = checks.every(([, passed]) => passed) ? 0 : 1;
  } finally {
    app.child.kill('SIGTERM');
    await new Promise((resolve) => (app.exited() ? resolve() : app.child.on('exit', resolve)));
    setupAgent.destroy();
    if (!flag('keep')) await withPg('postgres', (c) => c.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`)).catch(() => {});
  }
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  }
);
