// One seeded template database per test run; each test file gets its own copy of it
// (a file copy on SQLite, CREATE DATABASE ... TEMPLATE on Postgres).
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { TEST_TMP, databaseClient } from './env';

export interface TestDatabase {
  /** DATABASE_* settings that select this database. */
  readonly env: Record<string, string>;
  readonly name: string;
  drop(): Promise<void>;
}

const pgSettings = () => ({
  host: process.env.DATABASE_HOST ?? '127.0.0.1',
  port: Number(process.env.DATABASE_PORT ?? 5432),
  user: process.env.DATABASE_USERNAME ?? 'postgres',
  password: process.env.DATABASE_PASSWORD ?? '',
});

// Booting a Strapi sets DATABASE_NAME to its own database; the run's base name is kept apart.
const baseName = () => {
  process.env.LINKAGE_TEST_DATABASE ??= (process.env.DATABASE_NAME ?? 'linkage_test').replace(/[^a-z0-9_]/gi, '_').toLowerCase();
  return process.env.LINKAGE_TEST_DATABASE;
};

// Each test run seeds its own template (named after the run), so that runs side by side do not
// overwrite each other's.
const runId = () => {
  process.env.LINKAGE_TEST_RUN ??= String(process.pid);
  return process.env.LINKAGE_TEST_RUN;
};

export const templateName = () => (databaseClient() === 'postgres' ? `${baseName()}_template_${runId()}` : path.join(TEST_TMP, `template-${runId()}.db`));

async function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ ...pgSettings(), database: 'postgres' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function envFor(name: string): Record<string, string> {
  if (databaseClient() === 'postgres') {
    const s = pgSettings();
    return {
      DATABASE_CLIENT: 'postgres',
      DATABASE_HOST: s.host,
      DATABASE_PORT: String(s.port),
      DATABASE_USERNAME: s.user,
      DATABASE_PASSWORD: s.password,
      DATABASE_NAME: name,
      DATABASE_URL: '',
    };
  }
  return { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: name };
}

/** A new, empty database. */
export async function emptyDatabase(name: string): Promise<TestDatabase> {
  if (databaseClient() === 'postgres') {
    await withAdminClient(async (client) => {
      await client.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${quote(name)}`);
    });
    return { env: envFor(name), name, drop: () => withAdminClient(async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`))) };
  }
  fs.mkdirSync(path.dirname(name), { recursive: true });
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${name}${suffix}`, { force: true });
  return { env: envFor(name), name, drop: async () => fs.rmSync(name, { force: true }) };
}

let counter = 0;

/** A private copy of the seeded template database, for one test file. */
export async function copyOfTemplate(): Promise<TestDatabase> {
  counter += 1;
  const stamp = `${process.pid}_${counter}_${Date.now().toString(36)}`;
  if (databaseClient() === 'postgres') {
    const name = `${baseName()}_${stamp}`;
    await withAdminClient(async (client) => {
      await client.query(`CREATE DATABASE ${quote(name)} TEMPLATE ${quote(templateName())}`);
    });
    return { env: envFor(name), name, drop: () => withAdminClient(async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`))) };
  }
  const name = path.join(TEST_TMP, `${stamp}.db`);
  fs.copyFileSync(templateName(), name);
  return { env: envFor(name), name, drop: async () => fs.rmSync(name, { force: true }) };
}
