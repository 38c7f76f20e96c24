// "Does unit X take part in item Y" is one decision: for every unit of the demo, the items the
// navigator lists for it (GET /api/linkage/items?unit=) are exactly the items its site has a page
// of (JSON view model and HTML page answer 200; the others 404). Read-only: nothing here writes.
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

let t: TestStrapi;
beforeAll(async () => {
  t = await startDemoStrapi();
});
afterAll(async () => {
  await t?.stop();
});

interface UnitNode {
  code: string;
  children: UnitNode[];
}
const flatten = (nodes: UnitNode[]): string[] => nodes.flatMap((n) => [n.code, ...flatten(n.children)]);

test('for every unit, items?unit= lists exactly the items whose site page for that unit exists', async () => {
  const units = flatten((await t.http.get('/api/linkage/units')).body.data as UnitNode[]);
  const items = (await t.http.get('/api/linkage/items')).body.data as Array<{ code: string; slug: string }>;
  expect(units).toHaveLength(26);
  expect(items).toHaveLength(4);
  const listedPairs: string[] = [];
  const pagePairs: string[] = [];
  const htmlPairs: string[] = [];
  for (const unit of units) {
    const listed = await t.http.get(`/api/linkage/items?unit=${unit}`);
    expect(listed.status).toBe(200);
    for (const { code } of listed.body.data as Array<{ code: string }>) listedPairs.push(`${unit} ${code}`);
    for (const { code, slug } of items) {
      const json = await t.http.get(`/api/linkage/sites/${unit}/items/${slug}`);
      expect([200, 404]).toContain(json.status);
      if (json.status === 200) pagePairs.push(`${unit} ${code}`);
      const html = await t.http.get(`/sites/${unit}/items/${slug}`);
      expect([200, 404]).toContain(html.status);
      if (html.status === 200) htmlPairs.push(`${unit} ${code}`);
    }
  }
  expect(listedPairs).toEqual(pagePairs);
  expect(htmlPairs).toEqual(pagePairs);
  // Not vacuous: the city and lower units have pages, and some units have none of some items.
  expect(pagePairs.length).toBeGreaterThan(units.length);
  expect(pagePairs.length).toBeLessThan(units.length * items.length);
});

test('市北区 is listed only with the items its site shows (QD-CA-001, QD-HOUSING-001, QD-MI-001 are not its own)', async () => {
  const listed = (await t.http.get('/api/linkage/items?unit=370203000000')).body.data as Array<{ code: string }>;
  expect(listed.map((i) => i.code)).toEqual(['QD-SI-001']);
});
