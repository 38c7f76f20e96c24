// Shared by the cluster scripts: a Postgres database of their own (seeded by the first instance
// on first use), the instances' admin, and a guide to publish again and again.
'use strict';
const { Client } = require('pg');

const DATABASE = process.env.DATABASE_NAME ?? 'linkage_cluster_bench';
const ADMIN = { email: 'cluster@linkage.test', password: 'Cluster-Admin-1' };
const pgSettings = () => ({
  host: process.env.DATABASE_HOST ?? '127.0.0.1',
  port: Number(process.env.DATABASE_PORT ?? 5432),
  user: process.env.DATABASE_USERNAME ?? 'postgres',
  password: process.env.DATABASE_PASSWORD ?? '',
});

/** Environment for the instances: Postgres, this database, the scripts' admin (made on first boot). */
const clusterEnv = (extra = {}) => ({
  DATABASE_CLIENT: 'postgres',
  DATABASE_URL: '',
  DATABASE_NAME: DATABASE,
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: ADMIN.password,
  LINKAGE_SEED_DEMO: 'true',
  STRAPI_TELEMETRY_DISABLED: 'true',
  ...extra,
});

async function withClient(database, work) {
  const client = new Client({ ...pgSettings(), database });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates the database when missing (the first instance then seeds the demo into it). */
async function ensureDatabase() {
  await withClient('postgres', async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (found.rowCount === 0) {
      console.log(`Creating database ${DATABASE} (the first instance seeds the demo: about a minute)...`);
      await client.query(`CREATE DATABASE "${DATABASE}"`);
    }
  });
}

/** A Postgres client LISTENing on the change channel: `next()` resolves at the next notification. */
async function changeListener() {
  const client = new Client({ ...pgSettings(), database: DATABASE });
  await client.connect();
  const waiting = [];
  client.on('notification', () => {
    const at = performance.now();
    for (const resolve of waiting.splice(0)) resolve(at);
  });
  await client.query('LISTEN linkage_changes');
  return { next: () => new Promise((resolve) => waiting.push(resolve)), end: () => client.end() };
}

const GUIDE = 'plugin::linkage.guide';
const ROUTE =
  '/api/linkage/items/enterprise-employee-retirement-certification/route?answers[retirement_type]=normal&answers[enterprise_type]=domestic&answers[enterprise_location]=370281000000';
const PAGE = '/sites/370281000000/items/enterprise-employee-retirement-certification?locale=zh-Hans';

/** An instance's admin session and a guide shown by ROUTE and PAGE, to publish with new fees. */
async function publisher(port) {
  const login = await fetch(`http://127.0.0.1:${port}/admin/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ADMIN) });
  if (login.status !== 200) throw new Error(`admin login failed (${login.status}): was ${DATABASE} seeded by another admin? Drop it and run again.`);
  const token = (await login.json()).data.token;
  const guideId = await withClient(DATABASE, async (client) => {
    const row = await client.query(
      "SELECT document_id FROM linkage_guides WHERE item_code = 'QD-SI-001' AND unit_code = '370281000000' AND stage_key = 'district-review' AND locale = 'zh-Hans' LIMIT 1"
    );
    return row.rows[0].document_id;
  });
  return {
    /** Publishes the guide (zh-Hans) with this fee through the instance on `on` (default: the one logged in to). */
    async publishFee(fee, on = port) {
      const response = await fetch(`http://127.0.0.1:${on}/content-manager/collection-types/${GUIDE}/${guideId}/actions/publish?locale=zh-Hans`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ fee }),
      });
      if (response.status !== 200) throw new Error(`publish failed (${response.status}): ${await response.text()}`);
    },
  };
}

/** The fee the route answer shows, as served on `port`. */
async function routeFee(port) {
  const response = await fetch(`http://127.0.0.1:${port}${ROUTE}`);
  return (await response.json()).data.stages[0].guide.fee;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

module.exports = { DATABASE, PAGE, ROUTE, clusterEnv, ensureDatabase, changeListener, publisher, routeFee, percentile };
