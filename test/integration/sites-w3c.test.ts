// The W3C checker (the Nu Html Checker, vnu.jar from the vnu-jar package, run with the machine's
// Java) finds no error on any page of the demo's sites: every unit's index and item pages in both
// locales, the route pages (empty, partial, complete, every step of a unit question asked level by
// level) and the refusal pages. One row shows that the check can fail.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import vnuJar from 'vnu-jar';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

const run = promisify(execFile);

let t: TestStrapi;
let dir: string;
beforeAll(async () => {
  t = await startDemoStrapi();
  dir = mkdtempSync(path.join(tmpdir(), 'linkage-w3c-'));
});
afterAll(async () => {
  await t?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Message {
  type: string;
  url: string;
  message: string;
  lastLine?: number;
}

/** The checker's errors for these pages (file name → HTML), each named by the page it is on. */
async function checkerErrors(pages: ReadonlyMap<string, string>): Promise<string[]> {
  const files = [...pages].map(([name, html]) => {
    const file = path.join(dir, `${name.replace(/[^\w.-]+/g, '_')}.html`);
    writeFileSync(file, html);
    return { file, name };
  });
  const names = new Map(files.map((f) => [f.file, f.name]));
  // vnu exits 1 when it finds errors; its JSON report is on stderr either way.
  const { stderr } = await run('java', ['-jar', String(vnuJar), '--errors-only', '--format', 'json', ...files.map((f) => f.file)], { maxBuffer: 64 * 1024 * 1024 }).catch(
    (error: { stderr?: string }) => ({ stderr: error.stderr ?? '' })
  );
  const { messages } = JSON.parse(stderr) as { messages: Message[] };
  return messages
    .filter((m) => m.type === 'error' || m.type === 'non-document-error')
    .map((m) => `${names.get(decodeURIComponent(new URL(m.url).pathname)) ?? m.url}${m.lastLine ? `:${m.lastLine}` : ''}: ${m.message}`);
}

interface UnitNode {
  code: string;
  level: string;
  children: UnitNode[];
}

const CITY = '370200000000';

test("the W3C checker finds 0 errors on every demo page: indexes, item pages, route pages with each unit question's steps, refusals, in 中文 and English", async () => {
  const units: UnitNode[] = [];
  const walk = (n: UnitNode) => {
    units.push(n);
    n.children.forEach(walk);
  };
  ((await t.http.get('/api/linkage/units')).body.data as UnitNode[]).forEach(walk);
  const items = (await t.http.get('/api/linkage/items')).body.data as Array<{ slug: string }>;
  const paths: string[] = [];
  for (const unit of units) {
    paths.push(`/sites/${unit.code}`);
    for (const { slug } of items) paths.push(`/sites/${unit.code}/items/${slug}`);
  }
  for (const { slug } of items) {
    paths.push(`/sites/${CITY}/items/${slug}/route`);
    const item = (await t.http.get(`/api/linkage/items/${slug}`)).body.data as { questions: Array<{ key: string; type: string; options?: Array<{ value: string }> }> };
    for (const q of item.questions) {
      if (q.type === 'choice') paths.push(`/sites/${CITY}/items/${slug}/route?answers%5B${q.key}%5D=${encodeURIComponent(q.options?.[0]?.value ?? '')}`);
      // Every step of a unit question: each unit above the communities chosen so far, and each community.
      if (q.type === 'unit') for (const unit of units) if (unit.level !== 'city') paths.push(`/sites/${CITY}/items/${slug}/route?answers%5B${q.key}%5D=${unit.code}`);
    }
  }
  paths.push(
    `/sites/${CITY}/items/enterprise-employee-retirement-certification/route?answers%5Bretirement_type%5D=normal&answers%5Benterprise_type%5D=domestic&answers%5Benterprise_location%5D=370281000000`,
    `/sites/${CITY}/items/enterprise-employee-retirement-certification/route?answers%5Bretirement_type%5D=nonsense`,
    `/sites/${CITY}/no-such-page`,
    `/sites/999999999999`,
    `/sites/${CITY}?unknown=1`
  );
  const pages = new Map<string, string>();
  const statuses = new Set<number>();
  for (const p of paths) {
    for (const locale of ['zh-Hans', 'en']) {
      const res = await t.http.get(`${p}${p.includes('?') ? '&' : '?'}locale=${locale}`);
      // A unit's page of an item it has no part in is a refusal page: checked as well.
      if (!String(res.headers['content-type']).startsWith('text/html')) throw new Error(`${p} (${locale}) answered ${res.status} ${res.headers['content-type']}`);
      statuses.add(res.status);
      pages.set(`${p} ${locale}`, res.text);
    }
  }
  expect([...statuses].sort()).toEqual([200, 400, 404]);
  expect(pages.size).toBeGreaterThan(300);
  expect(await checkerErrors(pages)).toEqual([]);
}, 300_000);

test('the check can fail: a required select whose first option is a chosen value, and a raw bracket in a link, are errors', async () => {
  const page = (await t.http.get(`/sites/${CITY}/items/public-rental-housing/route?answers%5Bresidence%5D=370281000000`)).text;
  const broken = page.replace('<option value="">', '<option value="370281000000">').replace(/href="([^"]*)%5B/, (_, before: string) => `href="${before}[`);
  expect(broken).not.toBe(page);
  const errors = await checkerErrors(new Map([['broken', broken]]));
  expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(/^broken:\d+: The first “option” element in a “select” element with a “required” attribute/)]));
  expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(/^broken:\d+: Bad value .* for attribute “href”/)]));
}, 120_000);
