// The admin panel the browser tests open is the real one, built by `strapi build`. It is rebuilt
// only when what it is built from changed (the app's admin, the plugin's admin and the domain
// modules it imports, the lockfile), so a second run (CI's Postgres pass) reuses the first's.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { APP_DIR } from './env';

const SOURCES = ['src/admin', 'src/plugins/linkage/admin/src', 'src/plugins/linkage/server/src/domain', 'package-lock.json', 'config/admin.ts'];
const BUILD = path.join(APP_DIR, 'dist', 'build');
const STAMP = path.join(BUILD, '.linkage-sources');

function filesUnder(entry: string): string[] {
  const full = path.join(APP_DIR, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [full];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((d) => filesUnder(path.join(entry, d.name)));
}

export function adminSourcesHash(): string {
  const hash = crypto.createHash('sha256');
  for (const file of SOURCES.flatMap(filesUnder).sort()) hash.update(path.relative(APP_DIR, file)).update('\0').update(fs.readFileSync(file));
  return hash.digest('hex');
}

/** Builds the admin panel unless the built one is from these sources. Returns whether it built. */
export function ensureAdminBuilt(log: (line: string) => void = () => undefined): boolean {
  const hash = adminSourcesHash();
  if (fs.existsSync(path.join(BUILD, 'index.html')) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === hash) return false;
  const started = Date.now();
  execFileSync(process.execPath, [path.join(APP_DIR, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'build'], {
    cwd: APP_DIR,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true' },
  });
  fs.writeFileSync(STAMP, hash);
  log(`[linkage tests] admin panel built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return true;
}
