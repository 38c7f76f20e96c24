// A city manager's template cannot stall the server: pages render in worker threads within a hard
// budget per page (LINKAGE_RENDER_BUDGET_MS), the publish check renders the real catalog's heaviest
// pages per level as well as the fixtures, and a template that fails at request time never reaches a
// reader: the page falls back to the last good published templates, the failure logged once.
import { contentManager, fieldErrors } from '../support/content-manager';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

const TEMPLATE = 'plugin::linkage.site-template';
const RETIREMENT = 'enterprise-employee-retirement-certification';
const MARK = 'NEW-ITEM-PAGE-7c1e';
// About 64 million loop steps: seconds of CPU in any one thread.
const SLOW = '{% for i in (1..8000) %}{% for j in (1..8000) %}{% endfor %}{% endfor %}';

let t: TestStrapi;
let defaultBody: string;
let templateId: string;

beforeAll(async () => {
  t = await startDemoStrapi();
  const row = (await t.strapi.db.query(TEMPLATE).findOne({ where: { key: 'item-page', publishedAt: null } })) as { documentId: string; body: string };
  templateId = row.documentId;
  defaultBody = row.body;
});
afterAll(async () => {
  await t?.stop();
});

/** The default item page with `text` first in its content (a page's output opens with its head: domain/page-head.ts). */
const withinContent = (text: string) => defaultBody.replace('{% block content %}', `{% block content %}${text}`);

/** Saves the item page template's draft and publishes it, as the city's editor does. */
async function publishItemPage(body: string) {
  const cm = contentManager(t);
  const saved = await cm.update(TEMPLATE, templateId, { body });
  expect(saved.status).toBe(200);
  return cm.publish(TEMPLATE, templateId);
}

test('a template that loops for seconds on the fixtures is refused at publish, and the server answers others meanwhile', async () => {
  const finished: string[] = [];
  const publishing = publishItemPage(`${SLOW}${defaultBody}`).then((res) => {
    finished.push('publish');
    return res;
  });
  // Started after the publish: answered first only if the check does not hold the event loop.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const health = await t.http.get('/_health');
  finished.push('health');
  const res = await publishing;
  expect(health.status).toBe(204);
  expect(finished).toEqual(['health', 'publish']);
  expect(res.status).toBe(400);
  expect(fieldErrors(res.body).join('\n')).toMatch(/^body: .*took longer than \d+ ms to render/m);
  // The published template is still the default one.
  expect((await t.http.get(`/sites/370281000000/items/${RETIREMENT}`)).text).not.toContain(MARK);
});

test("a template slow only on the real catalog's units (not on the fixtures) is refused at publish, naming the real page", async () => {
  const res = await publishItemPage(`{% if site.unit.code == '370200000000' %}${SLOW}{% endif %}${withinContent(MARK)}`);
  expect(res.status).toBe(400);
  expect(fieldErrors(res.body).join('\n')).toMatch(/^body: rendering "item-page" for 青岛市 \(370200000000\).*took longer than \d+ ms/m);
});

test('a template that fails at request time on a page the check did not render never reaches a reader: the last good version is served, the failure logged once', async () => {
  const checked = (await (t.strapi.plugin('linkage').service('sites') as { heavyPageChecks(): Promise<Array<{ label?: string }>> }).heavyPageChecks()).map((c) => c.label ?? '');
  // A district item page that is not among the pages the publish check renders.
  const districts = ['370202000000', '370203000000', '370281000000', '370211000000', '370212000000', '370213000000', '370214000000'];
  const victim = districts.find((code) => !checked.some((label) => label.includes(`(${code}), ${RETIREMENT}`))) as string;
  const other = districts.find((code) => code !== victim && !checked.some((label) => label.includes(`(${code})`))) ?? (districts.find((code) => code !== victim) as string);
  const published = await publishItemPage(`{% if site.unit.code == '${victim}' %}${SLOW}{% endif %}${withinContent(`<p>${MARK}</p>`)}`);
  expect(published.status).toBe(200);

  const errors = jest.spyOn(t.strapi.log, 'error');
  const first = await t.http.get(`/sites/${victim}/items/${RETIREMENT}`);
  expect(first.status).toBe(200);
  expect(first.text).not.toContain(MARK);
  expect(first.text).toContain('<h1');
  const again = await t.http.get(`/sites/${victim}/items/${RETIREMENT}`);
  expect(again.status).toBe(200);
  expect(again.text).toBe(first.text);
  const logged = errors.mock.calls.map((c) => String(c[0])).filter((m) => m.includes('failed to render "item-page"'));
  expect(logged).toEqual([expect.stringContaining(`/sites/${victim}/items/${RETIREMENT}: took longer than`)]);
  errors.mockRestore();

  // The failure is the template's on this snapshot: other units' item pages fall back too.
  const neighbour = await t.http.get(`/sites/${other}/items/${RETIREMENT}`);
  expect(neighbour.status).toBe(200);
  expect(neighbour.text).not.toContain(MARK);
  // Once the city fixes the template, pages show it.
  expect((await publishItemPage(withinContent(`<p>${MARK}</p>`))).status).toBe(200);
  expect((await t.http.get(`/sites/${victim}/items/${RETIREMENT}`)).text).toContain(MARK);
});
