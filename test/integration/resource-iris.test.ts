// The IRIs the linked data mints lead somewhere: every IRI under the base URL that the demo's CPSV-AP
// export names answers a 303 to a page that is there (200), or, asked for JSON-LD, to the item's
// export, which describes it. What names nothing, or nothing published, is a 404.
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

let t: TestStrapi;
let base: string;
beforeAll(async () => {
  t = await startDemoStrapi();
  base = String(t.strapi.config.get('plugin::linkage.baseUrl'));
});
afterAll(async () => {
  await t?.stop();
});

/** The path of an absolute URL under the base, without its fragment. */
const local = (url: string) => {
  expect(url.startsWith(`${base}/`)).toBe(true);
  return url.slice(base.length).replace(/#.*$/, '');
};

test('every IRI the CPSV-AP export names under the base URL is a 303 to a page that is there, in both ways of asking', async () => {
  const exported = await t.http.get('/api/linkage/exports/cpsv-ap.jsonld');
  expect(exported.status).toBe(200);
  const iris = new Set([...exported.text.matchAll(/"@id":"([^"]+)"/g)].map((m) => m[1].replace(/#.*$/, '')).filter((iri) => iri.startsWith(`${base}/id/`)));
  // Items, stages, guides, departments and areas of the demo.
  expect(iris.size).toBeGreaterThan(150);
  for (const kind of ['items', 'departments', 'areas']) expect([...iris].some((iri) => iri.startsWith(`${base}/id/${kind}/`))).toBe(true);
  const pages = new Set<string>();
  for (const iri of iris) {
    const res = await t.http.get(local(iri));
    expect({ iri, status: res.status }).toEqual({ iri, status: 303 });
    expect(res.headers.vary).toMatch(/Accept/);
    pages.add(local(res.headers.location));
  }
  for (const page of pages) expect({ page, status: (await t.http.get(page)).status }).toEqual({ page, status: 200 });
  // A client that asks for JSON-LD is sent to the item's export, which names the IRI it asked about.
  const guide = [...iris].find((iri) => iri.includes('/units/')) as string;
  const asData = await t.http.get(local(guide)).set('Accept', 'application/ld+json');
  expect(asData.status).toBe(303);
  expect(asData.headers.location).toMatch(new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/api/linkage/exports/cpsv-ap\\.jsonld\\?item=`));
  const described = await t.http.get(local(asData.headers.location));
  expect(described.status).toBe(200);
  expect(described.text).toContain(`"@id":"${guide}"`);
});

test('an item IRI read in a browser leads to its page on the managing unit’s site; a department’s to its unit’s site', async () => {
  const item = await t.http.get('/id/items/QD-SI-001').set('Accept', 'text/html,application/xhtml+xml');
  expect(item.status).toBe(303);
  expect(item.headers.location).toBe(`${base}/sites/370200000000/items/enterprise-employee-retirement-certification`);
  const area = await t.http.get('/id/areas/370202001001');
  expect(area.headers.location).toBe(`${base}/sites/370202001001`);
});

test.each([
  ['/id/items/NO-SUCH-ITEM', 404, 'item'],
  ['/id/items/QD-SI-001/stages/no-such-stage', 404, 'stage'],
  ['/id/items/QD-CA-001/stages/community-acceptance/units/370200000000', 404, 'unit'],
  ['/id/departments/NOPE', 404, 'department'],
  ['/id/areas/999999999999', 404, 'unit'],
  ['/id/people/1', 404, 'path'],
  ['/id/items/QD-SI-001?format=rdf', 400, 'format'],
])('%s is a %i naming %s', async (path, status, name) => {
  const res = await t.http.get(path);
  expect(res.status).toBe(status);
  expect(JSON.stringify(res.body.error)).toContain(name);
});

test('an item taken offline (a draft only) is found no more: its IRI, and its guides’, are a 404', async () => {
  const exported = (await t.http.get('/api/linkage/exports/cpsv-ap.jsonld?item=QD-MI-001')).text;
  const guide = local(([...exported.matchAll(/"@id":"([^"#]+\/units\/[^"#]+)"/g)][0] ?? [])[1] ?? 'none');
  expect((await t.http.get('/id/items/QD-MI-001')).status).toBe(303);
  expect((await t.http.get(guide)).status).toBe(303);
  const [{ documentId }] = (await t.strapi.db.query('plugin::linkage.item').findMany({ where: { code: 'QD-MI-001' }, select: ['documentId'] })) as Array<{ documentId: string }>;
  await t.strapi.documents('plugin::linkage.item').unpublish({ documentId, locale: '*' });
  const offline = await t.http.get('/id/items/QD-MI-001');
  expect(offline.status).toBe(404);
  expect(offline.body.error.message).toBe('no published item has the code QD-MI-001');
  expect((await t.http.get(guide)).status).toBe(404);
});
