// The role matrix (docs/design.md §4) through the Content Manager admin API, called as the admin panel calls
// it: each role (city manager; editors of 市南区, of 胶州市 with scope subtree, of 八大关街道, of 太平角社区;
// auditor; an editor with no membership) × each action (list, read, create, update, clone, change
// owner, publish, unpublish, discard, delete) × each target (own guide, a sibling unit's, a child
// unit's, the parent unit's). Every denial is a 403 naming the unit and the reason and leaves the
// stored data unchanged; every allowed write answers 2xx and its change is stored.
import type { Response } from 'supertest';
import { createAdmin, ROLES } from '../support/admins';
import {
  ALL_DEMO_GUIDES,
  changesSince,
  GUIDE,
  GUIDE_WRITES,
  UNIT,
  contentManagerAs,
  demoGuidesOf,
  describeGuide,
  errorMessage,
  expectDenied,
  guideId,
  guideRef,
  guideRows,
  listedGuides,
  subtreeOf,
  tryGuideWrite,
  unitName,
  type ContentManagerClient,
  type GuideRef,
  type Signed,
} from '../support/roles-matrix';
import { storedData } from '../support/stored-data';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

type ActorKey = 'cityManager' | 'shinan' | 'jiaozhou' | 'badaguan' | 'taipingjiao' | 'laixi' | 'shibei' | 'jimo' | 'auditor' | 'nobody';

const ACTORS: Record<ActorKey, { label: string; roles: string[]; memberships: Array<{ unitCode: string; scope?: 'unit' | 'subtree' }>; scope: string[] }> = {
  cityManager: { label: 'the city manager', roles: [ROLES.cityManager], memberships: [], scope: [] },
  shinan: { label: "市南区's editor", roles: [ROLES.unitEditor], memberships: [{ unitCode: UNIT.shinan }], scope: [UNIT.shinan] },
  jiaozhou: {
    label: "胶州市's editor (subtree)",
    roles: [ROLES.unitEditor],
    memberships: [{ unitCode: UNIT.jiaozhou, scope: 'subtree' }],
    scope: subtreeOf(UNIT.jiaozhou),
  },
  badaguan: { label: "八大关街道's editor", roles: [ROLES.unitEditor], memberships: [{ unitCode: UNIT.badaguan }], scope: [UNIT.badaguan] },
  taipingjiao: { label: "太平角社区's editor", roles: [ROLES.unitEditor], memberships: [{ unitCode: UNIT.taipingjiao }], scope: [UNIT.taipingjiao] },
  laixi: { label: "莱西市's editor", roles: [ROLES.unitEditor], memberships: [{ unitCode: UNIT.laixi }], scope: [UNIT.laixi] },
  shibei: { label: "市北区's editor", roles: [ROLES.unitEditor], memberships: [{ unitCode: UNIT.shibei }], scope: [UNIT.shibei] },
  jimo: { label: "即墨区's editor", roles: [ROLES.unitEditor], memberships: [{ unitCode: UNIT.jimo }], scope: [UNIT.jimo] },
  auditor: { label: 'the auditor', roles: [ROLES.auditor], memberships: [], scope: [] },
  nobody: { label: 'an editor with no membership', roles: [ROLES.unitEditor], memberships: [], scope: [] },
};

const EVERY_ACTOR = Object.keys(ACTORS) as ActorKey[];

type Relation = 'own' | 'sibling' | 'child' | 'grandchild' | 'parent';

interface EditorCase {
  readonly actor: ActorKey;
  readonly own: { unitCode: string; departmentCode: string };
  readonly targets: ReadonlyArray<{ relation: Relation; guide: GuideRef }>;
}

// Real demo guides: own unit's, a sibling unit's, a child unit's and the parent unit's.
const EDITORS: readonly EditorCase[] = [
  {
    actor: 'shinan',
    own: { unitCode: UNIT.shinan, departmentCode: '370202-SI' },
    targets: [
      { relation: 'own', guide: guideRef('QD-SI-001', 'district-approval', UNIT.shinan) },
      { relation: 'sibling', guide: guideRef('QD-SI-001', 'district-approval', UNIT.shibei) },
      { relation: 'child', guide: guideRef('QD-CA-001', 'street-review', UNIT.badaguan) },
      { relation: 'parent', guide: guideRef('QD-SI-001', 'city-approval', UNIT.qingdao) },
    ],
  },
  {
    actor: 'jiaozhou',
    own: { unitCode: UNIT.jiaozhou, departmentCode: '370281-SI' },
    targets: [
      { relation: 'own', guide: guideRef('QD-SI-001', 'district-review', UNIT.jiaozhou) },
      { relation: 'sibling', guide: guideRef('QD-SI-001', 'district-review', UNIT.pingdu) },
      { relation: 'child', guide: guideRef('QD-CA-001', 'street-review', UNIT.fuan) },
      { relation: 'grandchild', guide: guideRef('QD-MI-001', 'community-registration', UNIT.changzhou) },
      { relation: 'parent', guide: guideRef('QD-CA-001', 'city-filing', UNIT.qingdao) },
    ],
  },
  {
    actor: 'badaguan',
    own: { unitCode: UNIT.badaguan, departmentCode: '370202001-OFFICE' },
    targets: [
      { relation: 'own', guide: guideRef('QD-CA-001', 'street-review', UNIT.badaguan) },
      { relation: 'sibling', guide: guideRef('QD-CA-001', 'street-review', UNIT.xianggang) },
      { relation: 'child', guide: guideRef('QD-CA-001', 'community-acceptance', UNIT.taipingjiao) },
      { relation: 'parent', guide: guideRef('QD-CA-001', 'district-approval', UNIT.shinan) },
    ],
  },
  {
    // A community is the lowest level: it has no child unit.
    actor: 'taipingjiao',
    own: { unitCode: UNIT.taipingjiao, departmentCode: '370202001001-COMMITTEE' },
    targets: [
      { relation: 'own', guide: guideRef('QD-MI-001', 'community-registration', UNIT.taipingjiao) },
      { relation: 'sibling', guide: guideRef('QD-MI-001', 'community-registration', UNIT.huiquan) },
      { relation: 'parent', guide: guideRef('QD-HOUSING-001', 'street-review', UNIT.badaguan) },
    ],
  },
];

const inScope = (actor: ActorKey, g: GuideRef) => ACTORS[actor].scope.includes(g.unitCode);
const targetTitle = (relation: Relation, g: GuideRef) => `${relation} ${unitName(g.unitCode)}'s guide ${describeGuide(g)}`;

let t: TestStrapi;
const admins = {} as Record<ActorKey, Signed>;
const cmOf = (actor: ActorKey): ContentManagerClient => contentManagerAs(t, admins[actor]);

beforeAll(async () => {
  t = await startDemoStrapi();
  for (const key of EVERY_ACTOR) {
    const a = ACTORS[key];
    admins[key] = await createAdmin(t, `${key.toLowerCase()}@linkage.test`, a.roles, a.memberships);
  }
});
afterAll(async () => {
  await t?.stop();
});

const EXPECTED_LIST: Record<ActorKey, () => string[]> = {
  cityManager: ALL_DEMO_GUIDES,
  shinan: () => demoGuidesOf([UNIT.shinan]),
  jiaozhou: () => demoGuidesOf(subtreeOf(UNIT.jiaozhou)),
  badaguan: () => demoGuidesOf([UNIT.badaguan]),
  taipingjiao: () => demoGuidesOf([UNIT.taipingjiao]),
  laixi: () => demoGuidesOf([UNIT.laixi]),
  shibei: () => demoGuidesOf([UNIT.shibei]),
  jimo: () => demoGuidesOf([UNIT.jimo]),
  auditor: ALL_DEMO_GUIDES,
  nobody: () => [],
};

describe('the Content Manager list of guides shows exactly the guides in scope', () => {
  test('the demo has the guides these lists are built from (八大关街道 2, 胶州市 and below 14, all 88)', () => {
    expect(EXPECTED_LIST.badaguan()).toEqual(['QD-CA-001/street-review/370202001000', 'QD-HOUSING-001/street-review/370202001000']);
    expect(EXPECTED_LIST.jiaozhou()).toHaveLength(14);
    expect(EXPECTED_LIST.cityManager()).toHaveLength(88);
  });

  const cases = EVERY_ACTOR.flatMap((actor) => ['zh-Hans', 'en'].map((locale) => [actor, locale] as const));
  test.each(cases)('%s, locale %s: total and unitCodes are exactly the guides in scope', async (actor, locale) => {
    const res = await cmOf(actor).list(GUIDE, locale);
    expect(res.status).toBe(200);
    const expected = EXPECTED_LIST[actor]();
    expect(res.body.pagination.total).toBe(expected.length);
    expect(listedGuides(res)).toEqual(expected);
  });
});

describe('reading one guide', () => {
  const cases = EDITORS.flatMap((e) => e.targets.map((target) => ({ ...target, actor: e.actor })));
  test.each(cases.map((c) => [ACTORS[c.actor].label, inScope(c.actor, c.guide) ? 'may' : 'may not', targetTitle(c.relation, c.guide), c] as const))(
    '%s %s read the %s',
    async (_label, _may, _title, c) => {
      const res = await cmOf(c.actor).get(GUIDE, await guideId(t.strapi, c.guide));
      if (inScope(c.actor, c.guide)) {
        expect(res.status).toBe(200);
        expect(res.body.data).toMatchObject(c.guide);
      } else {
        expectDenied(res, c.guide.unitCode, /outside your units.*read/);
      }
    }
  );

  test('the city manager and the auditor may read any guide, in both locales', async () => {
    for (const actor of ['cityManager', 'auditor'] as const) {
      for (const g of [guideRef('QD-SI-001', 'city-approval', UNIT.qingdao), guideRef('QD-MI-001', 'community-registration', UNIT.huiquan)]) {
        for (const locale of ['zh-Hans', 'en']) {
          const res = await cmOf(actor).get(GUIDE, await guideId(t.strapi, g), locale);
          expect({ actor, locale, status: res.status, unitCode: res.body.data?.unitCode }).toEqual({ actor, locale, status: 200, unitCode: g.unitCode });
        }
      }
    }
  });

  test('an editor with no membership may not read any guide: 403 naming the unit', async () => {
    const g = guideRef('QD-SI-001', 'district-approval', UNIT.shinan);
    expectDenied(await cmOf('nobody').get(GUIDE, await guideId(t.strapi, g)), UNIT.shinan, /outside your units/);
  });
});

describe('refused writes: 403 naming the unit and the reason, stored data unchanged', () => {
  let before: string;
  beforeAll(async () => {
    before = await storedData(t.strapi);
  });

  const expectUnchanged = async () => expect(await changesSince(t.strapi, before)).toEqual([]);

  const outOfScope = EDITORS.flatMap((e) =>
    e.targets.filter((target) => !inScope(e.actor, target.guide)).flatMap((target) => GUIDE_WRITES.map((action) => ({ ...target, action, editor: e })))
  );
  test.each(outOfScope.map((c) => [ACTORS[c.editor.actor].label, c.action, targetTitle(c.relation, c.guide), c.guide.unitCode, c] as const))(
    '%s may not %s the %s: 403 naming %s',
    async (_label, action, _title, unitCode, c) => {
      const res = await tryGuideWrite(t, cmOf(c.editor.actor), action, c.guide, c.editor.own);
      expectDenied(res, unitCode, /outside your units/);
      await expectUnchanged();
    }
  );

  // An owner change is refused for every editor, even between two units of their own scope.
  const moves = [
    { actor: 'shinan', guide: guideRef('QD-SI-001', 'district-approval', UNIT.shinan), to: { unitCode: UNIT.shibei, departmentCode: '370203-SI' } },
    { actor: 'jiaozhou', guide: guideRef('QD-CA-001', 'street-review', UNIT.fuan), to: { unitCode: UNIT.zhongyun, departmentCode: '370281002-OFFICE' } },
    { actor: 'jiaozhou', guide: guideRef('QD-SI-001', 'district-review', UNIT.jiaozhou), to: { unitCode: UNIT.fuan, departmentCode: '370281001-OFFICE' } },
    { actor: 'badaguan', guide: guideRef('QD-CA-001', 'street-review', UNIT.badaguan), to: { unitCode: UNIT.xianggang, departmentCode: '370202002-OFFICE' } },
    { actor: 'taipingjiao', guide: guideRef('QD-MI-001', 'community-registration', UNIT.taipingjiao), to: { unitCode: UNIT.huiquan, departmentCode: '370202001002-COMMITTEE' } },
  ] as const;
  test.each(moves.map((m) => [ACTORS[m.actor].label, describeGuide(m.guide), m.to.unitCode, m] as const))(
    '%s may not change the owner of %s to %s: 403, only a city manager may',
    async (_label, _guide, _to, m) => {
      const res = await cmOf(m.actor).update(GUIDE, await guideId(t.strapi, m.guide), m.to);
      expectDenied(res, m.guide.unitCode, /only a city manager/);
      expect(errorMessage(res)).toContain(m.to.unitCode);
      await expectUnchanged();
    }
  );

  test("an editor may not create a guide for another unit: 403 naming that unit (市南区's editor creating 莱西市's)", async () => {
    const res = await cmOf('shinan').create(GUIDE, { itemCode: 'QD-SI-001', stageKey: 'district-review', unitCode: UNIT.laixi, departmentCode: '370285-SI', phone: '0532-12333' });
    expectDenied(res, UNIT.laixi, /outside your units/);
    await expectUnchanged();
  });

  test('an editor may not publish their own guide with a changed owner (save-and-publish): 403, nothing half-written', async () => {
    const own = guideRef('QD-SI-001', 'district-approval', UNIT.shinan);
    const res = await cmOf('shinan').publish(GUIDE, await guideId(t.strapi, own), { unitCode: UNIT.shibei, departmentCode: '370203-SI', phone: '0532-99999999' });
    expectDenied(res, UNIT.shinan, /only a city manager/);
    await expectUnchanged();
  });

  // The auditor and the editor with no membership, on 市南区's guide (create: a guide for 莱西市).
  const NOT_WRITERS = ['auditor', 'nobody'] as const;
  const shinanGuide = guideRef('QD-SI-001', 'district-approval', UNIT.shinan);
  const laixiReview = guideRef('QD-SI-001', 'district-review', UNIT.laixi);
  const responses = new Map<string, Response>();
  const notWriterCases = NOT_WRITERS.flatMap((actor) => GUIDE_WRITES.map((action) => [ACTORS[actor].label, action, actor] as const));

  test.each(notWriterCases)('%s may not %s a guide: 403, stored data unchanged', async (_label, action, actor) => {
    const res =
      action === 'create'
        ? await cmOf(actor).create(GUIDE, { ...laixiReview, departmentCode: '370285-SI', phone: '0532-12333' })
        : await tryGuideWrite(t, cmOf(actor), action, shinanGuide);
    responses.set(`${actor}/${action}`, res);
    expect(res.status).toBe(403);
    await expectUnchanged();
  });

  test.each(NOT_WRITERS.map((actor) => [ACTORS[actor].label, actor] as const))("%s, refused each write above, is told which unit (the guide's code) and why", (_label, actor) => {
    const reason = actor === 'auditor' ? /auditor|role|read|may not/i : /no unit|membership|outside your units/i;
    const unexplained = GUIDE_WRITES.flatMap((action) => {
      const res = responses.get(`${actor}/${action}`);
      const unitCode = action === 'create' ? UNIT.laixi : UNIT.shinan;
      const message = res ? errorMessage(res) : '(not tried)';
      return message.includes(unitCode) && reason.test(message) ? [] : [`${action} (expected ${unitCode}): "${message}"`];
    });
    expect(unexplained).toEqual([]);
  });
});

describe('allowed writes: 2xx and the change is stored', () => {
  const rowsOf = async (g: GuideRef) => guideRows(t.strapi, await guideId(t.strapi, g));

  describe("市南区's editor on its own guide QD-SI-001/district-approval", () => {
    const own = guideRef('QD-SI-001', 'district-approval', UNIT.shinan);

    test('update: 200, the draft of both locales has the new phone', async () => {
      const res = await cmOf('shinan').update(GUIDE, await guideId(t.strapi, own), { phone: '0532-11110001' });
      expect(res.status).toBe(200);
      const drafts = (await rowsOf(own)).filter((r) => r.publishedAt === null);
      expect(drafts.map((r) => [r.locale, r.phone])).toEqual([
        ['en', '0532-11110001'],
        ['zh-Hans', '0532-11110001'],
      ]);
    });

    test('update with the whole edit form, as the admin panel sends it (unitCode unchanged): 200', async () => {
      const cm = cmOf('shinan');
      const documentId = await guideId(t.strapi, own);
      const form = (await cm.get(GUIDE, documentId)).body.data as Record<string, unknown>;
      for (const key of ['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'localizations', 'status', 'locale']) delete form[key];
      const res = await cm.update(GUIDE, documentId, { ...form, address: '市南区社会保险事业中心服务大厅(新址)' });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ unitCode: UNIT.shinan, address: '市南区社会保险事业中心服务大厅(新址)' });
    });

    test('publish with changes: 200, the published zh-Hans version has them', async () => {
      const res = await cmOf('shinan').publish(GUIDE, await guideId(t.strapi, own), { phone: '0532-11110002' });
      expect(res.status).toBe(200);
      const published = (await rowsOf(own)).find((r) => r.locale === 'zh-Hans' && r.publishedAt !== null);
      expect(published).toMatchObject({ phone: '0532-11110002', unitCode: UNIT.shinan });
    });

    test('unpublish: 200, no published zh-Hans version is left', async () => {
      const res = await cmOf('shinan').unpublish(GUIDE, await guideId(t.strapi, own));
      expect(res.status).toBe(200);
      expect((await rowsOf(own)).filter((r) => r.locale === 'zh-Hans').map((r) => r.publishedAt)).toEqual([null]);
    });

    test('clone and create pass the access check and reach validation: 400, one guide per unit and stage', async () => {
      const cm = cmOf('shinan');
      const clone = await cm.clone(GUIDE, await guideId(t.strapi, own), {});
      expect(clone.status).toBe(400);
      expect(errorMessage(clone)).toMatch(/already has a guide/);
      const create = await cm.create(GUIDE, { ...own, departmentCode: '370202-SI', phone: '0532-12333' });
      expect(create.status).toBe(400);
      expect(errorMessage(create)).toMatch(/already has a guide/);
    });

    test('delete (zh-Hans): 200, the zh-Hans version is gone, the en one stays', async () => {
      const res = await cmOf('shinan').remove(GUIDE, await guideId(t.strapi, own));
      expect(res.status).toBe(200);
      expect([...new Set((await rowsOf(own)).map((r) => r.locale))]).toEqual(['en']);
    });
  });

  describe("胶州市's editor (subtree) on guides of 胶州市 and below", () => {
    test("creates 胶州市's missing QD-SI-001/district-approval guide: 201, then listed", async () => {
      const cm = cmOf('jiaozhou');
      const res = await cm.create(GUIDE, { itemCode: 'QD-SI-001', stageKey: 'district-approval', unitCode: UNIT.jiaozhou, departmentCode: '370281-SI', phone: '0532-12333' });
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({ unitCode: UNIT.jiaozhou, stageKey: 'district-approval' });
      const list = await cm.list(GUIDE);
      expect(list.body.pagination.total).toBe(15);
      expect(listedGuides(list)).toContain(`QD-SI-001/district-approval/${UNIT.jiaozhou}`);
    });

    test("updates its child 阜安街道's guide: 200, stored", async () => {
      const child = guideRef('QD-CA-001', 'street-review', UNIT.fuan);
      const res = await cmOf('jiaozhou').update(GUIDE, await guideId(t.strapi, child), { phone: '0532-22220001' });
      expect(res.status).toBe(200);
      expect((await rowsOf(child)).filter((r) => r.publishedAt === null).map((r) => r.phone)).toEqual(['0532-22220001', '0532-22220001']);
    });

    test("publishes its grandchild 常州路社区's guide with a change: 200, published", async () => {
      const grandchild = guideRef('QD-MI-001', 'community-registration', UNIT.changzhou);
      const res = await cmOf('jiaozhou').publish(GUIDE, await guideId(t.strapi, grandchild), { phone: '0532-22220002' });
      expect(res.status).toBe(200);
      expect((await rowsOf(grandchild)).find((r) => r.locale === 'zh-Hans' && r.publishedAt !== null)).toMatchObject({ phone: '0532-22220002' });
    });

    test("unpublishes and deletes its child 中云街道's guide: 200 each, stored", async () => {
      const child = guideRef('QD-HOUSING-001', 'street-review', UNIT.zhongyun);
      const documentId = await guideId(t.strapi, child);
      const cm = cmOf('jiaozhou');
      expect((await cm.unpublish(GUIDE, documentId)).status).toBe(200);
      expect((await guideRows(t.strapi, documentId)).filter((r) => r.locale === 'zh-Hans').map((r) => r.publishedAt)).toEqual([null]);
      expect((await cm.remove(GUIDE, documentId)).status).toBe(200);
      expect((await guideRows(t.strapi, documentId)).map((r) => r.locale)).toEqual(['en', 'en']);
    });
  });

  describe("八大关街道's editor deletes and re-creates its own guide", () => {
    const own = guideRef('QD-HOUSING-001', 'street-review', UNIT.badaguan);

    test('update then discard the draft: 200 each, the draft is back to the published version', async () => {
      const cm = cmOf('badaguan');
      const documentId = await guideId(t.strapi, own);
      const published = (await guideRows(t.strapi, documentId)).find((r) => r.locale === 'zh-Hans' && r.publishedAt !== null);
      expect((await cm.update(GUIDE, documentId, { phone: '0532-33330001' })).status).toBe(200);
      const discard = await t.http.post(`/content-manager/collection-types/${GUIDE}/${documentId}/actions/discard?locale=zh-Hans`).set(admins.badaguan.auth).send({});
      expect(discard.status).toBe(200);
      const draft = (await guideRows(t.strapi, documentId)).find((r) => r.locale === 'zh-Hans' && r.publishedAt === null);
      expect(draft?.phone).toBe(published?.phone);
    });

    test('delete in both locales: 200 each, the guide is gone from the list', async () => {
      const cm = cmOf('badaguan');
      const documentId = await guideId(t.strapi, own);
      expect((await cm.remove(GUIDE, documentId, 'zh-Hans')).status).toBe(200);
      expect((await cm.remove(GUIDE, documentId, 'en')).status).toBe(200);
      expect(await guideRows(t.strapi, documentId)).toEqual([]);
      expect(listedGuides(await cm.list(GUIDE))).toEqual([`QD-CA-001/street-review/${UNIT.badaguan}`]);
    });

    test('create it again and publish it: 201 then 200, listed and published', async () => {
      const cm = cmOf('badaguan');
      const created = await cm.create(GUIDE, { ...own, departmentCode: '370202001-OFFICE', conditions: '住房困难家庭', phone: '0532-33330002' });
      expect(created.status).toBe(201);
      const documentId = created.body.data.documentId as string;
      expect((await cm.publish(GUIDE, documentId, {})).status).toBe(200);
      expect((await guideRows(t.strapi, documentId)).map((r) => [r.locale, r.publishedAt !== null, r.unitCode])).toEqual([
        ['zh-Hans', false, UNIT.badaguan],
        ['zh-Hans', true, UNIT.badaguan],
      ]);
      expect(listedGuides(await cm.list(GUIDE))).toEqual(demoGuidesOf([UNIT.badaguan]));
    });
  });

  describe("太平角社区's editor on its own guides", () => {
    test('update, publish and unpublish its QD-MI-001 guide: 200 each, stored', async () => {
      const own = guideRef('QD-MI-001', 'community-registration', UNIT.taipingjiao);
      const cm = cmOf('taipingjiao');
      const documentId = await guideId(t.strapi, own);
      expect((await cm.update(GUIDE, documentId, { phone: '0532-44440001' })).status).toBe(200);
      expect((await cm.publish(GUIDE, documentId, {})).status).toBe(200);
      expect((await guideRows(t.strapi, documentId)).find((r) => r.locale === 'zh-Hans' && r.publishedAt !== null)?.phone).toBe('0532-44440001');
      expect((await cm.unpublish(GUIDE, documentId)).status).toBe(200);
      expect((await guideRows(t.strapi, documentId)).filter((r) => r.locale === 'zh-Hans' && r.publishedAt !== null)).toEqual([]);
    });

    test('delete its QD-HOUSING-001 guide in both locales and create it again: 200, 200, 201', async () => {
      const own = guideRef('QD-HOUSING-001', 'community-acceptance', UNIT.taipingjiao);
      const cm = cmOf('taipingjiao');
      const documentId = await guideId(t.strapi, own);
      expect((await cm.remove(GUIDE, documentId, 'zh-Hans')).status).toBe(200);
      expect((await cm.remove(GUIDE, documentId, 'en')).status).toBe(200);
      const created = await cm.create(GUIDE, { ...own, departmentCode: '370202001001-COMMITTEE', phone: '0532-44440002' });
      expect(created.status).toBe(201);
      expect(created.body.data).toMatchObject({ unitCode: UNIT.taipingjiao });
      expect(listedGuides(await cm.list(GUIDE))).toEqual(demoGuidesOf([UNIT.taipingjiao]));
    });
  });

  describe("莱西市's editor fills its missing retirement guides", () => {
    test("creates 莱西市's missing district-review guide of QD-SI-001 (department 370285-SI): 201, listed", async () => {
      const cm = cmOf('laixi');
      const res = await cm.create(GUIDE, {
        itemCode: 'QD-SI-001',
        stageKey: 'district-review',
        unitCode: UNIT.laixi,
        departmentCode: '370285-SI',
        conditions: '男年满60周岁。',
        phone: '0532-12333',
      });
      expect(res.status).toBe(201);
      expect(listedGuides(await cm.list(GUIDE))).toContain(`QD-SI-001/district-review/${UNIT.laixi}`);
    });

    test('clones its own QD-CA-001 guide into the missing district-approval guide of QD-SI-001: 200, stored for 莱西市', async () => {
      const cm = cmOf('laixi');
      const source = await guideId(t.strapi, guideRef('QD-CA-001', 'district-approval', UNIT.laixi));
      const res = await cm.clone(GUIDE, source, { itemCode: 'QD-SI-001', stageKey: 'district-approval', departmentCode: '370285-SI' });
      expect(res.status).toBe(200);
      const clone = await guideRows(t.strapi, await guideId(t.strapi, guideRef('QD-SI-001', 'district-approval', UNIT.laixi)));
      expect(clone[0]).toMatchObject({ unitCode: UNIT.laixi, departmentCode: '370285-SI' });
      expect((await cm.list(GUIDE)).body.pagination.total).toBe(5);
    });
  });
});

describe('the city manager may do everything, owner changes included', () => {
  const published = (rows: Awaited<ReturnType<typeof guideRows>>, locale: string) => rows.find((r) => r.locale === locale && r.publishedAt !== null);
  const discard = (actor: ActorKey, documentId: string) =>
    t.http.post(`/content-manager/collection-types/${GUIDE}/${documentId}/actions/discard?locale=zh-Hans`).set(admins[actor].auth).send({});

  // Move A: 市北区 → 平度市. Until the guide is published again, its published versions still name
  // 市北区; its owner is its current (draft) unitCode, whatever order the database returns rows in.
  const shibeiApproval = guideRef('QD-SI-001', 'district-approval', UNIT.shibei);
  let movedAway: string;

  test("moves 市北区's QD-SI-001/district-approval guide to 平度市 (370283-SI): 200, the draft of both locales belongs to 平度市", async () => {
    movedAway = await guideId(t.strapi, shibeiApproval);
    const res = await cmOf('cityManager').update(GUIDE, movedAway, { unitCode: UNIT.pingdu, departmentCode: '370283-SI' });
    expect(res.status).toBe(200);
    expect((await guideRows(t.strapi, movedAway)).filter((r) => r.publishedAt === null).map((r) => [r.locale, r.unitCode, r.departmentCode])).toEqual([
      ['en', UNIT.pingdu, '370283-SI'],
      ['zh-Hans', UNIT.pingdu, '370283-SI'],
    ]);
  });

  test("the former owner, 市北区's editor, may not discard, unpublish, edit or delete the moved guide: 403 naming 平度市, data unchanged", async () => {
    const before = await storedData(t.strapi);
    const cm = cmOf('shibei');
    expectDenied(await discard('shibei', movedAway), UNIT.pingdu, /outside your units/);
    expect(await changesSince(t.strapi, before)).toEqual([]);
    expectDenied(await cm.unpublish(GUIDE, movedAway), UNIT.pingdu, /outside your units/);
    expect(await changesSince(t.strapi, before)).toEqual([]);
    expectDenied(await cm.update(GUIDE, movedAway, { phone: '0532-55550001' }), UNIT.pingdu, /outside your units/);
    expectDenied(await cm.remove(GUIDE, movedAway), UNIT.pingdu, /outside your units/);
    expect(await changesSince(t.strapi, before)).toEqual([]);
    expect(listedGuides(await cm.list(GUIDE))).toEqual(demoGuidesOf([UNIT.shibei]).filter((g) => g !== describeGuide(shibeiApproval)));
  });

  // Move B: 城阳区 → 即墨区, into the slot freed by deleting 即墨区's own guide.
  const jimoApproval = guideRef('QD-CA-001', 'district-approval', UNIT.jimo);
  const chengyangApproval = guideRef('QD-CA-001', 'district-approval', UNIT.chengyang);
  let movedIn: string;

  test("deletes 即墨区's QD-CA-001/district-approval guide in both locales: 200 each, nothing of it is left", async () => {
    const cm = cmOf('cityManager');
    const documentId = await guideId(t.strapi, jimoApproval);
    expect((await cm.remove(GUIDE, documentId, 'zh-Hans')).status).toBe(200);
    expect((await cm.remove(GUIDE, documentId, 'en')).status).toBe(200);
    expect(await guideRows(t.strapi, documentId)).toEqual([]);
  });

  test("moves 城阳区's QD-CA-001/district-approval guide to 即墨区 (370215-CA): 200", async () => {
    movedIn = await guideId(t.strapi, chengyangApproval);
    const res = await cmOf('cityManager').update(GUIDE, movedIn, { unitCode: UNIT.jimo, departmentCode: '370215-CA' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ unitCode: UNIT.jimo, departmentCode: '370215-CA' });
  });

  test("the new owner, 即墨区's editor, lists, edits and publishes the moved guide in both locales: 200 each, published for 即墨区", async () => {
    const cm = cmOf('jimo');
    expect(listedGuides(await cm.list(GUIDE))).toEqual(demoGuidesOf([UNIT.jimo]));
    const update = await cm.update(GUIDE, movedIn, { phone: '0532-55550002' });
    expect({ status: update.status, message: errorMessage(update) }).toEqual({ status: 200, message: '' });
    for (const locale of ['zh-Hans', 'en']) {
      const publish = await cm.publish(GUIDE, movedIn, {}, locale);
      expect({ locale, status: publish.status, message: errorMessage(publish) }).toEqual({ locale, status: 200, message: '' });
    }
    const rows = await guideRows(t.strapi, movedIn);
    expect([published(rows, 'zh-Hans'), published(rows, 'en')].map((r) => [r?.unitCode, r?.phone])).toEqual([
      [UNIT.jimo, '0532-55550002'],
      [UNIT.jimo, '0532-55550002'],
    ]);
  });

  test("deletes 黄岛区's QD-HOUSING-001/district-review guide and creates a new one: 200, 200, 201, stored", async () => {
    const cm = cmOf('cityManager');
    const huangdao = guideRef('QD-HOUSING-001', 'district-review', UNIT.huangdao);
    const old = await guideId(t.strapi, huangdao);
    expect((await cm.remove(GUIDE, old, 'zh-Hans')).status).toBe(200);
    expect((await cm.remove(GUIDE, old, 'en')).status).toBe(200);
    const res = await cm.create(GUIDE, { ...huangdao, departmentCode: '370211-HOUSING', phone: '0532-12333' });
    expect({ status: res.status, message: errorMessage(res) }).toEqual({ status: 201, message: '' });
    expect(await guideRows(t.strapi, res.body.data.documentId)).toEqual([expect.objectContaining({ unitCode: UNIT.huangdao, locale: 'zh-Hans' })]);
  });

  test("updates, publishes and unpublishes any unit's guide (青岛市, 黄岛区, 汇泉社区): 200 each", async () => {
    const cm = cmOf('cityManager');
    for (const g of [
      guideRef('QD-SI-001', 'city-approval', UNIT.qingdao),
      guideRef('QD-SI-001', 'district-review', UNIT.huangdao),
      guideRef('QD-CA-001', 'community-acceptance', UNIT.huiquan),
    ]) {
      const documentId = await guideId(t.strapi, g);
      expect((await cm.update(GUIDE, documentId, { phone: '0532-66660001' })).status).toBe(200);
      expect((await cm.publish(GUIDE, documentId, {})).status).toBe(200);
      expect(published(await guideRows(t.strapi, documentId), 'zh-Hans')?.phone).toBe('0532-66660001');
      expect((await cm.unpublish(GUIDE, documentId)).status).toBe(200);
      expect(published(await guideRows(t.strapi, documentId), 'zh-Hans')).toBeUndefined();
    }
  });

  test("deletes 崂山区's QD-MI-001 guide and clones 李沧区's into its place: 200 each, stored for 崂山区", async () => {
    const cm = cmOf('cityManager');
    const laoshan = await guideId(t.strapi, guideRef('QD-MI-001', 'district-confirmation', UNIT.laoshan));
    expect((await cm.remove(GUIDE, laoshan, 'zh-Hans')).status).toBe(200);
    expect((await cm.remove(GUIDE, laoshan, 'en')).status).toBe(200);
    const licang = await guideId(t.strapi, guideRef('QD-MI-001', 'district-confirmation', UNIT.licang));
    const res = await cm.clone(GUIDE, licang, { unitCode: UNIT.laoshan, departmentCode: '370212-MI' });
    expect(res.status).toBe(200);
    const clone = await guideRows(t.strapi, await guideId(t.strapi, guideRef('QD-MI-001', 'district-confirmation', UNIT.laoshan)));
    expect(clone[0]).toMatchObject({ unitCode: UNIT.laoshan, departmentCode: '370212-MI' });
  });
});

describe('other linkage records: editors read items, units and departments and write nothing; the auditor writes nothing', () => {
  let before: string;
  const refusals: Array<{ what: string; res: Response }> = [];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const first = async (uid: string, where: object) =>
      ((await t.strapi.db.query(uid as 'plugin::linkage.unit').findOne({ where, select: ['documentId'] })) as { documentId: string }).documentId;
    ids.item = await first('plugin::linkage.item', { code: 'QD-SI-001' });
    ids.unit = await first('plugin::linkage.unit', { code: UNIT.shinan });
    ids.department = await first('plugin::linkage.department', { code: '370202-SI' });
    ids.rule = await first('plugin::linkage.responsibility-rule', { key: 'item-basic-info' });
    // The demo has no site template: the city manager makes one.
    const template = await cmOf('cityManager').create('plugin::linkage.site-template', { key: 'street-home', body: '<h1>{{ unit.name }}</h1>' });
    expect(template.status).toBe(201);
    ids.template = template.body.data.documentId;
    before = await storedData(t.strapi);
  });

  const refused = async (what: string, res: Response) => {
    refusals.push({ what, res });
    expect({ what, status: res.status }).toEqual({ what, status: 403 });
  };

  test.each([['shinan'], ['auditor']] as const)('%s may list and read items, units and departments', async (actor) => {
    const cm = cmOf(actor);
    for (const [uid, id, total] of [
      ['plugin::linkage.item', ids.item, 4],
      ['plugin::linkage.unit', ids.unit, 26],
      ['plugin::linkage.department', ids.department, 61],
    ] as const) {
      const list = await cm.list(uid);
      expect({ uid, status: list.status, total: list.body.pagination?.total }).toEqual({ uid, status: 200, total });
      expect({ uid, status: (await cm.get(uid, id)).status }).toEqual({ uid, status: 200 });
    }
  });

  test.each([['shinan'], ['auditor']] as const)('%s may not create, update, publish, unpublish or delete an item: 403 each, data unchanged', async (actor) => {
    const cm = cmOf(actor);
    const uid = 'plugin::linkage.item';
    await refused(`${actor} item create`, await cm.create(uid, { code: 'QD-XX-001', title: '新事项', domain: 'SI', managingUnitCode: UNIT.qingdao }));
    await refused(`${actor} item update`, await cm.update(uid, ids.item, { title: '改名' }));
    await refused(`${actor} item publish`, await cm.publish(uid, ids.item, {}));
    await refused(`${actor} item unpublish`, await cm.unpublish(uid, ids.item));
    await refused(`${actor} item delete`, await cm.remove(uid, ids.item));
    expect(await changesSince(t.strapi, before)).toEqual([]);
  });

  test.each([['shinan'], ['auditor']] as const)('%s may not create, update or delete units, departments or responsibility rules: 403 each, data unchanged', async (actor) => {
    const cm = cmOf(actor);
    await refused(
      `${actor} unit create`,
      await cm.create('plugin::linkage.unit', { code: '370202003000', level: 'street', kind: 'subdistrict', parentCode: UNIT.shinan, name: '新街道' })
    );
    await refused(`${actor} unit update`, await cm.update('plugin::linkage.unit', ids.unit, { name: '改名' }));
    await refused(`${actor} unit delete`, await cm.remove('plugin::linkage.unit', ids.unit));
    await refused(`${actor} department update`, await cm.update('plugin::linkage.department', ids.department, { phone: '0532-0' }));
    await refused(`${actor} department delete`, await cm.remove('plugin::linkage.department', ids.department));
    await refused(`${actor} rule update`, await cm.update('plugin::linkage.responsibility-rule', ids.rule, { reviewEveryDays: 1 }));
    await refused(`${actor} guide spec update`, await cm.updateSingle('plugin::linkage.guide-spec', { required: [] }));
    expect(await changesSince(t.strapi, before)).toEqual([]);
  });

  test('an editor has no permission on site templates or responsibility rules: list, read, create, update and delete are 403, data unchanged', async () => {
    const cm = cmOf('shinan');
    const uid = 'plugin::linkage.site-template';
    await refused('editor template list', await cm.list(uid));
    await refused('editor template read', await cm.get(uid, ids.template));
    await refused('editor template create', await cm.create(uid, { key: 'mine', body: '<p>x</p>' }));
    await refused('editor template update', await cm.update(uid, ids.template, { body: '<p>x</p>' }));
    await refused('editor template delete', await cm.remove(uid, ids.template));
    await refused('editor rule list', await cm.list('plugin::linkage.responsibility-rule'));
    expect(await changesSince(t.strapi, before)).toEqual([]);
  });

  test('the auditor may read site templates and rules but not update or delete a template: 403, data unchanged', async () => {
    const cm = cmOf('auditor');
    expect((await cm.list('plugin::linkage.site-template')).status).toBe(200);
    expect((await cm.get('plugin::linkage.responsibility-rule', ids.rule)).status).toBe(200);
    await refused('auditor template update', await cm.update('plugin::linkage.site-template', ids.template, { body: '<p>x</p>' }));
    await refused('auditor template delete', await cm.remove('plugin::linkage.site-template', ids.template));
    expect(await changesSince(t.strapi, before)).toEqual([]);
  });

  test('every refusal above says why, not a bare "Forbidden" or "Policy Failed"', () => {
    expect(refusals.length).toBeGreaterThan(20);
    const bare = refusals.filter(({ res }) => /^(Forbidden|Policy Failed)?$/.test(errorMessage(res))).map(({ what, res }) => `${what}: "${errorMessage(res)}"`);
    expect(bare).toEqual([]);
  });
});
