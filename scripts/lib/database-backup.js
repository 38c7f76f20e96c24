// Backup and restore of the app's database with the database's own tools, using the app's
// connection settings (config/database.ts, .env, DATABASE_*); no Strapi is started.
//   SQLite: SQLite's online backup (better-sqlite3's db.backup()), consistent while the app writes.
//   Postgres: pg_dump --format=custom, and pg_restore into an empty database.
// Documented in RELIABILITY.md ("Backup and restore").
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const APP_DIR = path.resolve(__dirname, '..', '..');

/** The app's database configuration, read as Strapi reads it (the compiled config/database.ts). */
function databaseConfig() {
  require('dotenv').config({ path: path.join(APP_DIR, '.env') });
  const { env } = require('@strapi/utils');
  const config = require(path.join(APP_DIR, 'dist', 'config', 'database.js')).default;
  return config({ env }).connection;
}

/** What a backup file holds, from its first bytes: 'sqlite', 'postgres' or null. */
function kindOf(file) {
  const head = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.toString('latin1') === 'SQLite format 3\0') return 'sqlite';
  if (head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'postgres';
  return null;
}

class BackupError extends Error {
  constructor(message) {
    super(message);
    this.name = 'BackupError';
  }
}

/** libpq's environment for the configured Postgres connection (pg_dump and pg_restore read it). */
function pgEnvironment(connection) {
  const c = connection.connection;
  if (c.connectionString) return { env: { ...process.env, PGSSLMODE: c.ssl ? 'require' : process.env.PGSSLMODE || 'prefer' }, dbname: c.connectionString };
  const env = { ...process.env, PGHOST: c.host, PGPORT: String(c.port), PGUSER: c.user, PGDATABASE: c.database };
  if (c.password) env.PGPASSWORD = c.password;
  if (c.ssl) env.PGSSLMODE = 'require';
  return { env, dbname: c.database, schema: c.schema };
}

function runTool(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', (error) =>
      reject(new BackupError(error.code === 'ENOENT' ? `${command} is not installed (Debian: apt-get install postgresql-client)` : `${command}: ${error.message}`))
    );
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new BackupError(`${command} failed (exit ${code}); nothing was changed`))));
  });
}

/** Writes to FILE.partial, then renames: a backup that stopped half-way never looks complete. */
async function writeAtomically(file, write) {
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  try {
    await write(partial);
    fs.renameSync(partial, file);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

function sqliteIntegrity(file) {
  const Database = require('better-sqlite3');
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new BackupError(`${file} fails SQLite's integrity check: ${result}`);
    return db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get().n;
  } finally {
    db.close();
  }
}

async function backup(file, progress) {
  const target = path.resolve(file);
  if (fs.existsSync(target)) throw new BackupError(`${file} exists: choose a new file name (a backup never overwrites one)`);
  const connection = databaseConfig();
  if (connection.client === 'sqlite') {
    const source = connection.connection.filename;
    if (!fs.existsSync(source)) throw new BackupError(`The database ${source} does not exist`);
    const Database = require('better-sqlite3');
    const db = new Database(source, { fileMustExist: true });
    try {
      progress(`Backing up ${source} (SQLite online backup)...`);
      // Every page in one step, under one read lock: a consistent copy even while the app writes
      // (page by page, a write by the app in between would restart the copy).
      await writeAtomically(target, (partial) => db.backup(partial, { progress: () => 0x7fffffff }));
    } finally {
      db.close();
    }
    const tables = sqliteIntegrity(target);
    progress(`Backed up to ${file}: ${fs.statSync(target).size} bytes, ${tables} tables, integrity check ok.`);
    return;
  }
  const { env, dbname } = pgEnvironment(connection);
  progress(`Backing up the Postgres database ${env.PGDATABASE || '(DATABASE_URL)'} with pg_dump --format=custom...`);
  await writeAtomically(target, (partial) => runTool('pg_dump', ['--format=custom', '--no-owner', `--file=${partial}`, `--dbname=${dbname}`], env));
  progress(`Backed up to ${file}: ${fs.statSync(target).size} bytes.`);
}

async function postgresTables(connection) {
  const { Client } = require('pg');
  const client = new Client(connection.connection);
  await client.connect();
  try {
    const schema = connection.connection.schema || 'public';
    const result = await client.query('SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1', [schema]);
    return result.rows[0].n;
  } catch (error) {
    throw new BackupError(`Cannot read the target database: ${error.message}`);
  } finally {
    await client.end();
  }
}

async function restore(file, progress) {
  const source = path.resolve(file);
  if (!fs.existsSync(source)) throw new BackupError(`${file} does not exist`);
  const kind = kindOf(source);
  const connection = databaseConfig();
  const client = connection.client === 'sqlite' ? 'sqlite' : 'postgres';
  if (!kind) throw new BackupError(`${file} is neither a SQLite database nor a pg_dump archive (--format=custom)`);
  if (kind !== client) throw new BackupError(`${file} is a ${kind} backup, but the app is configured for ${client} (DATABASE_CLIENT)`);

  if (client === 'sqlite') {
    const target = connection.connection.filename;
    if (fs.existsSync(target) && sqliteIntegrity(target) > 0) {
      throw new BackupError(`${target} is not empty: restore only into an empty database (move that file away first)`);
    }
    const tables = sqliteIntegrity(source);
    progress(`Restoring ${file} (${tables} tables) into ${target}...`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const Database = require('better-sqlite3');
    const db = new Database(source, { readonly: true, fileMustExist: true });
    try {
      await writeAtomically(target, (partial) => db.backup(partial, { progress: () => 0x7fffffff }));
    } finally {
      db.close();
    }
    progress(`Restored into ${target}.`);
    return;
  }
  const tables = await postgresTables(connection);
  const { env, dbname } = pgEnvironment(connection);
  if (tables > 0) {
    throw new BackupError(
      `The database ${env.PGDATABASE || '(DATABASE_URL)'} has ${tables} tables: restore only into an empty database (createdb a new one and point DATABASE_NAME or DATABASE_URL at it)`
    );
  }
  progress(`Restoring ${file} into the Postgres database ${env.PGDATABASE || '(DATABASE_URL)'} with pg_restore...`);
  // One transaction: a restore that fails leaves the database empty, not half-filled.
  await runTool('pg_restore', ['--exit-on-error', '--single-transaction', '--no-owner', '--no-privileges', `--dbname=${dbname}`, source], env);
  progress('Restored.');
}

module.exports = { backup, restore, BackupError };
