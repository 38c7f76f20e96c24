// Responsibility rules (issue 6, item 1) through the admin API: the most specific rule governs a
// guide (the social-security rule for a retirement guide, the default rule otherwise); ties and gaps
// are reported by GET /linkage/rules/coverage; a rule with exactly another's scope, level and
// domain is refused with a 400 naming the field and the other rule, and nothing is stored.
import { createAdmin, ROLES } from '../support/admins';
import { UNIT, guideId, guideRef, type Signed } from '../support/roles-matrix';
import { storedData } from '../support/stored-data';
import { changesSince } from '../support/roles-matrix';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

const RULE = 'plugin::linkage.responsibility-rule';
const CM = `/content-manager/collection-types/${RULE}`;

let t: TestStrapi;
let cityManager: Signed;
let auditor: Signed;
let shinan: Signed;

interface Coverage {
  rules: number;
  ties: Array<{ subject: { scope: string; level: string | null; domain: string | null; text: string }; keys: string[]; message: string }>;
  gaps: Array<{ scope: string; level: string | null; domain: string | null; text: string }>;
}

const coverage = async (who: Signed = cityManager): Promise<Coverage> => {
  const res = await t.http.get('/linkage/rules/coverage').set(who.auth);
  expect(res.status).toBe(200);
  return res.body.data;
};
const createRule = (data: object) => t.http.post(`${CM}?locale=zh-Hans`).set(cityManager.auth).send(data);

beforeAll(async () => {
  t = await startDemoStrapi();
  cityManager = await createAdmin(t, 'city-manager@linkage.test', [ROLES.cityManager]);
  auditor = await createAdmin(t, 'auditor@linkage.test', [ROLES.auditor]);
  shinan = await createAdmin(t, 'shinan@linkage.test', [ROLES.unitEditor], [{ unitCode: UNIT.shinan }]);
});
afterAll(async () => {
  await t?.stop();
});

describe('rule precedence through GET /linkage/guides/:documentId/assurance', () => {
  test.each([
    ['a social-security guide: the domain rule (90 days)', guideRef('QD-SI-001', 'district-approval', UNIT.shinan), 'guides-social-security', 90],
    ['a civil-affairs guide: the default guide rule (180 days)', guideRef('QD-CA-001', 'district-approval', UNIT.shinan), 'guides-default', 180],
  ])('%s', async (_what, ref, key, days) => {
    const res = await t.http.get(`/linkage/guides/${await guideId(t.strapi, ref)}/assurance`).set(shinan.auth);
    expect(res.status).toBe(200);
    expect(res.body.data.rule).toMatchObject({ key, reviewEveryDays: days, responsible: 'owner' });
  });

  test("another unit's guide is not the editor's to read: 403", async () => {
    const res = await t.http.get(`/linkage/guides/${await guideId(t.strapi, guideRef('QD-SI-001', 'district-approval', UNIT.shibei))}/assurance`).set(shinan.auth);
    expect(res.status).toBe(403);
  });
});

describe('GET /linkage/rules/coverage', () => {
  test("the demo's rules: no ties; gaps are units at every level (no unit rule)", async () => {
    const found = await coverage(auditor);
    expect(found.rules).toBe(4);
    expect(found.ties).toEqual([]);
    expect(found.gaps.map((g) => g.text).sort()).toEqual(['unit, level city', 'unit, level community', 'unit, level district', 'unit, level street']);
  });

  test('an editor may not read it: 403 naming the permission', async () => {
    const res = await t.http.get('/linkage/rules/coverage').set(shinan.auth);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('plugin::linkage.reports.read');
  });

  test('a district-level guide rule ties with the social-security rule: reported (not refused), the stricter applies', async () => {
    const res = await createRule({ key: 'guides-district', scope: 'guide', level: 'district', responsible: 'owner', reviewEveryDays: 60 });
    expect(res.status).toBe(201);
    const found = await coverage();
    const tie = found.ties.find((x) => x.subject.scope === 'guide' && x.subject.level === 'district' && x.subject.domain === 'social-security');
    expect(tie).toMatchObject({ keys: ['guides-district', 'guides-social-security'], subject: { text: 'guide, level district, domain social-security' } });
    expect(tie?.message).toContain('guides-district (the stricter) applies');
    // The applicable rule follows: a district social-security guide now gets the 60-day rule.
    const assurance = await t.http.get(`/linkage/guides/${await guideId(t.strapi, guideRef('QD-SI-001', 'district-approval', UNIT.shinan))}/assurance`).set(cityManager.auth);
    expect(assurance.body.data.rule.key).toBe('guides-district');
    // Deleting it removes the tie.
    const removed = await t.http.delete(`${CM}/${res.body.data.documentId}?locale=zh-Hans`).set(cityManager.auth);
    expect(removed.status).toBe(200);
    expect((await coverage()).ties).toEqual([]);
  });

  test('a unit rule closes the unit gaps', async () => {
    const res = await createRule({ key: 'units', scope: 'unit', responsible: 'owner', reviewEveryDays: 365 });
    expect(res.status).toBe(201);
    expect((await coverage()).gaps).toEqual([]);
  });
});

describe('an exact duplicate is refused', () => {
  test('same scope and domain as guides-social-security: 400 naming domain and that rule, nothing stored', async () => {
    const before = await storedData(t.strapi);
    const res = await createRule({ key: 'guides-si-again', scope: 'guide', domain: 'social-security', responsible: 'owner', reviewEveryDays: 30 });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors).toEqual([expect.objectContaining({ path: ['domain'], message: expect.stringContaining('guides-social-security') })]);
    expect(await changesSince(t.strapi, before)).toEqual([]);
  });

  test('an update making a rule the duplicate of another: 400 naming scope, data unchanged', async () => {
    const rule = (await t.strapi.db.query(RULE).findOne({ where: { key: 'templates' } })) as { documentId: string };
    const before = await storedData(t.strapi);
    const res = await t.http.put(`${CM}/${rule.documentId}?locale=zh-Hans`).set(cityManager.auth).send({ scope: 'item', responsible: 'owner', responsibleDepartmentCode: null });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors).toEqual([expect.objectContaining({ path: ['scope'], message: expect.stringContaining('item-basic-info') })]);
    expect(await changesSince(t.strapi, before)).toEqual([]);
  });

  test('saving a rule unchanged is no duplicate of itself', async () => {
    const rule = (await t.strapi.db.query(RULE).findOne({ where: { key: 'guides-default' } })) as { documentId: string };
    const res = await t.http.put(`${CM}/${rule.documentId}?locale=zh-Hans`).set(cityManager.auth).send({ reviewEveryDays: 150 });
    expect(res.status).toBe(200);
  });
});
