// The environment every test Strapi runs with: fixed secrets, no telemetry, no network, and a
// database chosen by DATABASE_CLIENT (sqlite unless postgres). A developer's .env never decides it.
import crypto from 'node:crypto';
import path from 'node:path';

export const APP_DIR = path.resolve(__dirname, '..', '..');
export const TEST_TMP = path.join(APP_DIR, '.tmp', 'test');

export const TEST_ADMIN = { email: 'admin@linkage.test', password: 'Linkage-Test-Admin-1' };

const secret = () => crypto.randomBytes(16).toString('base64');

export type DatabaseClient = 'sqlite' | 'postgres';

export function databaseClient(): DatabaseClient {
  const client = process.env.DATABASE_CLIENT ?? 'sqlite';
  if (client !== 'sqlite' && client !== 'postgres') throw new Error(`DATABASE_CLIENT must be sqlite or postgres, not ${client}`);
  return client;
}

export function applyTestEnv(): void {
  const defaults: Record<string, string> = {
    APP_KEYS: [secret(), secret()].join(','),
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
    // Fixed, not random: the template database is seeded in one process and verified in others.
    LINKAGE_AUDIT_KEY: 'linkage-test-audit-key-0123456789abcdef',
    LINKAGE_PREVIEW_SECRET: crypto.randomBytes(32).toString('base64url'),
    DATABASE_CLIENT: 'sqlite',
    HOST: '127.0.0.1',
    PORT: '0',
    // Fixed, not derived from the port: an app started in a process of its own (on a port of its
    // own) serves the same pages, their absolute addresses included.
    LINKAGE_BASE_URL: 'http://localhost:1337',
  };
  for (const [key, value] of Object.entries(defaults)) process.env[key] ??= value;
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  process.env.BROWSER = 'none';
  process.env.NODE_ENV = 'test';
  process.env.LINKAGE_LINKS ??= 'local';
}
