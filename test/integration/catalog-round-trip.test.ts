// The catalog commands as an operator runs them (npm run catalog:export / catalog:import, here
// `node scripts/catalog.js`), and a lossless round trip: export the demo database, import the file
// into an empty database, export again, and get the same catalog.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Catalog } from '../../src/plugins/linkage/server/src/domain/catalog-format';
import { copyOfTemplate, emptyDatabase, type TestDatabase } from '../support/databases';
import { APP_DIR, TEST_TMP, applyTestEnv, databaseClient } from '../support/env';
import { doctorOnDatabase, startEmptyStrapi, type TestStrapi } from '../support/strapi';

const run = promisify(execFile);

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function catalogCommand(database: TestDatabase, ...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run('node', [path.join(APP_DIR, 'scripts', 'catalog.js'), ...args], {
      cwd: APP_DIR,
      env: { ...process.env, ...database.env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const scratch = (name: string) => path.join(TEST_TMP, `${process.pid}-${name}`);
const uniqueName = (label: string) => (databaseClient() === 'postgres' ? `linkage_test_${label}_${process.pid}` : path.join(TEST_TMP, `${label}-${process.pid}.db`));
const facts = (c: Catalog) => ({ ...c, about: undefined, referenceDate: undefined });

let demoCopy: TestDatabase;
let exportFile: string;
let exported: Catalog;

beforeAll(async () => {
  applyTestEnv();
  demoCopy = await copyOfTemplate();
  exportFile = scratch('demo-export.json');
  const result = await catalogCommand(demoCopy, 'export', exportFile);
  expect(result).toMatchObject({ code: 0 });
  expect(result.stderr).toMatch(/Exported 26 units, 61 departments, 4 items, 88 guides, 4 responsibility rules to /);
  exported = JSON.parse(fs.readFileSync(exportFile, 'utf8')) as Catalog;
});

afterAll(async () => {
  await demoCopy?.drop();
  fs.rmSync(exportFile, { force: true });
});

describe('round trip', () => {
  let empty: TestStrapi;
  afterAll(async () => {
    await empty?.stop();
  });

  test('importing the export into an empty database gives back the same catalog', async () => {
    empty = await startEmptyStrapi(uniqueName('roundtrip'));
    const catalog = empty.strapi.plugin('linkage').service('catalog');
    const summary = await catalog.importCatalog(exported);
    expect(summary).toMatchObject({
      units: { create: 26, update: 0, unchanged: 0 },
      departments: { create: 61 },
      items: { create: 4 },
      guides: { create: 88 },
      responsibilityRules: { create: 4 },
      guideSpec: 'create',
      reviewsAdded: 92,
    });
    expect(facts(await catalog.exportCatalog())).toEqual(facts(exported));
  });
});

describe('npm run catalog:import', () => {
  let target: TestDatabase;
  beforeAll(async () => {
    applyTestEnv();
    target = await emptyDatabase(uniqueName('cli'));
  });
  afterAll(async () => {
    // Imported by the command line: the command line's doctor checks what the imports derived.
    try {
      if (target) await doctorOnDatabase(target);
    } finally {
      await target?.drop();
    }
  });

  test('imports a file into an empty database with progress output, then a second import changes nothing', async () => {
    const first = await catalogCommand(target, 'import', exportFile);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stderr).toMatch(/Checking 26 units, 61 departments, 4 items, 88 guides/);
    expect(first.stderr).toMatch(/guides: 88\/88 written/);
    expect(first.stdout).toMatch(/guides\s+88 new, 0 changed, 0 unchanged/);
    const second = await catalogCommand(target, 'import', exportFile);
    expect(second).toMatchObject({ code: 0 });
    expect(second.stdout).toMatch(/units\s+0 new, 0 changed, 26 unchanged/);
    expect(second.stdout).toMatch(/guides\s+0 new, 0 changed, 88 unchanged/);
    expect(second.stdout).toMatch(/reviews recorded\s+0/);
  });

  test('refuses a bad file with exit code 1, listing each problem by its path, and writes nothing', async () => {
    const bad = JSON.parse(JSON.stringify(exported)) as Catalog;
    bad.guides[0].unit = '370299000000';
    bad.units[1].parent = '370201000000';
    const badFile = scratch('bad.json');
    fs.writeFileSync(badFile, JSON.stringify(bad));
    const result = await catalogCommand(target, 'import', badFile);
    fs.rmSync(badFile);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/The catalog was not imported \(\d+ problems; nothing was written\)/);
    expect(result.stderr).toMatch(/ - guides\[0\]\.unit: no unit has the code 370299000000/);
    expect(result.stderr).toMatch(/ - units\[1\]\.parent: no unit has the code 370201000000/);
    // Each problem once: not again in another spelling of its path.
    const listed = result.stderr.split('\n').filter((line) => line.startsWith('  - '));
    const count = Number(/\((\d+) problems;/.exec(result.stderr)?.[1]);
    expect(listed).toHaveLength(count);
    expect(result.stderr).not.toMatch(/guides\.0\.unit/);
    const after = await catalogCommand(target, 'export', '-');
    expect(JSON.parse(after.stdout).units.find((u: { code: string }) => u.code === exported.units[1].code).parent).toBe(exported.units[1].parent);
  });

  test('refuses a file that is not JSON, and a missing file, with exit code 1', async () => {
    const notJson = scratch('not.json');
    fs.writeFileSync(notJson, '{ "format": ');
    const result = await catalogCommand(target, 'import', notJson);
    fs.rmSync(notJson);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/is not JSON/);
    const missing = await catalogCommand(target, 'import', scratch('missing.json'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Cannot read/);
  });

  test('explains its usage when called wrongly', async () => {
    const result = await catalogCommand(target, 'frobnicate');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/npm run catalog:import -- FILE/);
  });
});
