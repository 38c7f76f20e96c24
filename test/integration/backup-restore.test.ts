// Backup and restore (RELIABILITY.md, "Backup and restore"), with the commands an operator runs:
// `npm run linkage -- backup FILE` while the app runs and writes, and `npm run linkage -- restore FILE`
// into an empty database. The restored database serves every public page and view with the ETag it
// had before (and the same change feed), its audit chain verifies under the same LINKAGE_AUDIT_KEY, and the doctor finds
// nothing derived that differs from its sources; a backup taken in the middle of a stream of writes
// restores to a consistent database too.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startAppProcess } from '../support/app-process';
import { emptyDatabase, type TestDatabase } from '../support/databases';
import { documentIdOf } from '../support/demo';
import { APP_DIR, TEST_TMP } from '../support/env';
import { doctorOnDatabase, startDemoStrapi, type TestStrapi } from '../support/strapi';

const run = promisify(execFile);
const GUIDE = 'plugin::linkage.guide';
const LOCALES = ['zh-Hans', 'en'];
const RETIREMENT = 'enterprise-employee-retirement-certification';
const JIAOZHOU = '370281000000';
const CHANGES = '/api/linkage/changes?since=0&limit=1000';
const ANSWERS = `answers%5Bretirement_type%5D=normal&answers%5Benterprise_type%5D=domestic&answers%5Benterprise_location%5D=${JIAOZHOU}`;

let t: TestStrapi | null = null;
const files: string[] = [];
beforeAll(async () => {
  t = await startDemoStrapi();
});
afterAll(async () => {
  await t?.stop();
  for (const file of files) fs.rmSync(file, { force: true });
});

/** `npm run linkage -- backup|restore FILE` on `database`. */
const linkage = (database: TestDatabase, ...args: string[]) =>
  run('node', [path.join(APP_DIR, 'scripts', 'linkage.js'), ...args], { cwd: APP_DIR, env: { ...process.env, ...database.env } });

const backupFile = (name: string) => {
  const file = path.join(TEST_TMP, `backup-${process.pid}-${name}.${process.env.DATABASE_CLIENT === 'postgres' ? 'dump' : 'db'}`);
  files.push(file);
  return file;
};

/** Every value of `key` (a string) anywhere in a JSON body. */
const valuesOf = (body: unknown, key: string): string[] => {
  if (Array.isArray(body)) return body.flatMap((v) => valuesOf(v, key));
  if (typeof body !== 'object' || body === null) return [];
  return Object.entries(body).flatMap(([k, v]) => (k === key && typeof v === 'string' ? [v] : valuesOf(v, key)));
};

/** Every public page and view: the catalog, each item's views, and each unit's site, in both locales. */
async function publicPaths(http: ReturnType<typeof request>): Promise<string[]> {
  const paths: string[] = [];
  for (const locale of LOCALES) {
    const q = `locale=${locale}`;
    const units = [...new Set(valuesOf((await http.get(`/api/linkage/units?${q}`)).body, 'code'))].filter((code) => /^\d{12}$/.test(code));
    const slugs = [...new Set(valuesOf((await http.get(`/api/linkage/items?${q}`)).body.data, 'slug'))];
    paths.push(`/api/linkage/units?${q}`, `/api/linkage/items?${q}`);
    for (const slug of slugs) {
      paths.push(`/api/linkage/items/${slug}?${q}`, ...['svg', 'mermaid', 'json'].map((format) => `/api/linkage/items/${slug}/flowchart?format=${format}&${q}`));
    }
    paths.push(`/api/linkage/items/${RETIREMENT}/route?${ANSWERS}&${q}`, `/sites/${JIAOZHOU}/items/${RETIREMENT}/route?${ANSWERS}&${q}`);
    for (const unit of units) {
      const index = await http.get(`/api/linkage/sites/${unit}?${q}`);
      paths.push(`/api/linkage/sites/${unit}?${q}`, `/sites/${unit}?${q}`);
      for (const slug of new Set((index.body.data.items as Array<{ slug: string }>).map((i) => i.slug))) {
        paths.push(`/api/linkage/sites/${unit}/items/${slug}?${q}`, `/sites/${unit}/items/${slug}?${q}`);
      }
    }
  }
  return paths;
}

async function etagsOf(http: ReturnType<typeof request>, paths: readonly string[]): Promise<Record<string, string>> {
  const etags: Record<string, string> = {};
  for (const p of paths) {
    const res = await http.get(p);
    expect({ path: p, status: res.status, etag: typeof res.headers.etag }).toEqual({ path: p, status: 200, etag: 'string' });
    etags[p] = res.headers.etag as string;
  }
  return etags;
}

/** A guide edit through the Document Service: its draft changed and published (audit, change feed, facts). */
async function editAndPublish(app: Core.Strapi, unitCode: string, fee: string): Promise<void> {
  const documentId = await documentIdOf(app, GUIDE, { itemCode: 'QD-SI-001', stageKey: 'district-review', unitCode });
  const documents = app.documents(GUIDE as 'plugin::linkage.guide');
  await documents.update({ documentId, locale: 'zh-Hans', data: { fee } as never });
  await documents.publish({ documentId, locale: 'zh-Hans' });
}

test('a backup taken while the app runs and writes restores, into an empty database, to the same site', async () => {
  const app = t!.strapi;
  // Edits, so that the backup holds more than the seed: a published change and a draft.
  await editAndPublish(app, JIAOZHOU, '每件收取工本费5元');
  const draftId = await documentIdOf(app, GUIDE, { itemCode: 'QD-SI-001', stageKey: 'district-review', unitCode: '370202000000' });
  await app.documents(GUIDE as 'plugin::linkage.guide').update({ documentId: draftId, locale: 'en', data: { fee: 'A draft fee' } as never });

  // A backup taken in the middle of a stream of writes (each a guide edit and its publish).
  const whileWriting = backupFile('while-writing');
  let backedUp = false;
  let writes = 0;
  const backingUp = linkage(t!.database, 'backup', whileWriting).finally(() => (backedUp = true));
  const writer = (async () => {
    while (!backedUp || writes < 3) {
      writes += 1;
      await editAndPublish(app, JIAOZHOU, `第${writes}次修改`);
      // SQLite's queries settle without I/O: let the backup's exit be seen.
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  await backingUp;
  await writer;
  expect(writes).toBeGreaterThanOrEqual(3);

  // The site as it stands, and a backup of it.
  const paths = await publicPaths(t!.http);
  expect(paths.length).toBeGreaterThan(150);
  const before = await etagsOf(t!.http, paths);
  // The change feed has no ETag: its entries, for sites that keep a copy.
  const feed = (await t!.http.get(CHANGES)).body;
  expect(feed.data.length).toBeGreaterThan(0);
  const quiet = backupFile('quiet');
  const backup = await linkage(t!.database, 'backup', quiet);
  expect(backup.stderr).toMatch(/Backed up to /);
  // A backup never overwrites a file.
  await expect(linkage(t!.database, 'backup', quiet)).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/exists: choose a new file name/) });
  const original = t!;
  t = null;
  await original.stop();

  // Restored into an empty database, the mid-write backup is consistent: the doctor (derived
  // stores, change-feed coverage, the audit chain) finds nothing.
  const restoredWhileWriting = await emptyDatabase(`${process.env.DATABASE_CLIENT === 'postgres' ? 'linkage_restore_w' : path.join(TEST_TMP, 'restore-w')}_${process.pid}`);
  try {
    await linkage(restoredWhileWriting, 'restore', whileWriting);
    await doctorOnDatabase(restoredWhileWriting);
  } finally {
    await restoredWhileWriting.drop();
  }

  const restored = await emptyDatabase(`${process.env.DATABASE_CLIENT === 'postgres' ? 'linkage_restore_q' : path.join(TEST_TMP, 'restore-q')}_${process.pid}`);
  const restore = await linkage(restored, 'restore', quiet);
  expect(restore.stdout).toMatch(/same .*LINKAGE_AUDIT_KEY|LINKAGE_AUDIT_KEY/);
  // Only into an empty database.
  await expect(linkage(restored, 'restore', quiet)).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/restore only into an empty database/) });

  // Strapi on the restored database (in its own process: one Strapi per process).
  const restoredApp = await startAppProcess(restored);
  try {
    const http = request(`http://127.0.0.1:${restoredApp.port}`);
    expect(await etagsOf(http, paths)).toEqual(before);
    expect((await http.get(CHANGES)).body).toEqual(feed);
  } finally {
    restoredApp.child.kill('SIGTERM');
    expect(await restoredApp.exited).toEqual({ code: 0, signal: null });
  }
  try {
    const audit = await linkage(restored, 'audit', 'verify');
    expect(audit.stdout).toMatch(/^Audit trail intact: \d+ entries/);
    await doctorOnDatabase(restored);
  } finally {
    await restored.drop();
  }
});
