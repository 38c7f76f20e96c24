// A catalog import is one transaction under a lock shared by every process on the database: killed
// half-way (kill -9, after its progress says part of the file is written) it leaves the database
// exactly as it was; a second import while one is writing waits for it (Postgres) or, on SQLite,
// whose one writer the first holds, fails saying so: never a mixture of the two files.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Catalog, CatalogGuide } from '../../src/plugins/linkage/server/src/domain/catalog-format';
import { APP_DIR, TEST_TMP, databaseClient } from '../support/env';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

let t: TestStrapi;
beforeAll(async () => {
  t = await startDemoStrapi();
});
afterAll(async () => {
  await t?.stop();
});

/** A running `npm run catalog:import -- FILE`, its output as it comes. */
interface ImportProcess {
  readonly child: ChildProcess;
  output(): string;
  /** Resolves when the output matches `pattern`; fails if the process ends first. */
  waitFor(pattern: RegExp): Promise<void>;
  /** Resolves with how the process ended. */
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startImport(file: string): ImportProcess {
  const child = spawn('node', [path.join(APP_DIR, 'scripts', 'catalog.js'), 'import', file], { cwd: APP_DIR, env: { ...process.env, ...t.database.env } });
  let text = '';
  const watchers: Array<() => void> = [];
  const collect = (chunk: Buffer) => {
    text += String(chunk);
    for (const watch of [...watchers]) watch();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    output: () => text,
    ended,
    waitFor: (pattern) =>
      new Promise<void>((resolve, reject) => {
        const watch = () => {
          if (!pattern.test(text)) return;
          watchers.splice(watchers.indexOf(watch), 1);
          resolve();
        };
        watchers.push(watch);
        watch();
        void ended.then(({ code, signal }) => reject(new Error(`the import ended (${code ?? signal}) before printing ${pattern}:\n${text}`)));
      }),
  };
}

const catalogService = () => t.strapi.plugin('linkage').service('catalog');

/** What the database holds: the exported catalog (without its export time) and the trail's lengths. */
async function storedState(): Promise<unknown> {
  const { about, referenceDate, ...catalog } = (await catalogService().exportCatalog()) as Catalog;
  void about;
  void referenceDate;
  const count = (uid: string) => t.strapi.db.query(uid as 'plugin::linkage.unit').count({});
  return {
    catalog,
    auditEntries: await count('plugin::linkage.audit-entry'),
    changes: await count('plugin::linkage.change'),
    reviews: await count('plugin::linkage.review'),
    guideRows: await count('plugin::linkage.guide'),
  };
}

/** The stored catalog with each guide's fee set by `feeOf`, written to a file in the test's temp directory. */
async function catalogFile(name: string, feeOf: (guide: CatalogGuide, index: number) => string): Promise<string> {
  const catalog = (await catalogService().exportCatalog()) as Catalog;
  const guides = catalog.guides.map((guide, i) => ({ ...guide, fee: { 'zh-Hans': `${feeOf(guide, i)}元`, en: `${feeOf(guide, i)} yuan` } }));
  const file = path.join(TEST_TMP, `import-faults-${process.pid}-${name}.json`);
  fs.writeFileSync(file, JSON.stringify({ ...catalog, guides }));
  return file;
}

const storedFees = async (): Promise<string[]> => ((await catalogService().exportCatalog()) as Catalog).guides.map((g) => g.fee?.['zh-Hans'] ?? '');

test('an import killed with SIGKILL after writing part of the file leaves the database exactly as it was', async () => {
  const before = await storedState();
  const file = await catalogFile('killed', () => '99');
  const guides = ((await catalogService().exportCatalog()) as Catalog).guides.length;

  const run = startImport(file);
  await run.waitFor(/guides: 25\/\d+ written/);
  run.child.kill('SIGKILL');
  const ended = await run.ended;
  fs.rmSync(file);

  expect(ended.signal).toBe('SIGKILL');
  expect(run.output()).not.toMatch(/Imported/);
  expect(run.output()).not.toMatch(new RegExp(`guides: ${guides}/${guides} written`));
  expect(await storedState()).toEqual(before);
});

test('two imports at once take turns: the second waits (SQLite: fails clearly), then plans against what the first wrote', async () => {
  const count = ((await catalogService().exportCatalog()) as Catalog).guides.length;
  const half = Math.floor(count / 2);
  // A sets every fee to 11; B sets the first half to 11 too and the rest to 22. A then B: the first
  // half 11, the rest 22, and B finds the first half unchanged. B then A: every fee 11.
  const fileA = await catalogFile('a', () => '11');
  const fileB = await catalogFile('b', (_g, i) => (i < half ? '11' : '22'));

  const a = startImport(fileA);
  // A holds the lock from before it reads the catalog until it commits: stop it half-way there.
  await a.waitFor(/guides: 25\/\d+ written/);
  a.child.kill('SIGSTOP');
  const b = startImport(fileB);
  try {
    // SQLite has one writer: B cannot even start Strapi (which writes at boot) while A holds the
    // write lock, and says so. Postgres: B starts, then waits for the import lock.
    if (databaseClient() === 'sqlite') await b.ended;
    else await b.waitFor(/Waiting for another import to finish/);
  } finally {
    a.child.kill('SIGCONT');
  }
  const [endedA, endedB] = await Promise.all([a.ended, b.ended]);
  fs.rmSync(fileA);
  fs.rmSync(fileB);

  expect(endedA).toMatchObject({ code: 0 });
  expect(a.output()).toMatch(new RegExp(`guides\\s+0 new, ${count} changed, 0 unchanged`));
  if (databaseClient() === 'sqlite') {
    expect(endedB.code).toBe(1);
    expect(b.output()).toMatch(/The database is locked: another process is writing to it .* Nothing was written/);
    expect(await storedFees()).toEqual(Array.from({ length: count }, () => '11元'));
    return;
  }
  expect(endedB).toMatchObject({ code: 0 });
  // B read the catalog after A committed: A's fees were already there.
  expect(b.output()).toMatch(new RegExp(`guides\\s+0 new, ${count - half} changed, ${half} unchanged`));
  expect(await storedFees()).toEqual(Array.from({ length: count }, (_, i) => (i < half ? '11元' : '22元')));
});
