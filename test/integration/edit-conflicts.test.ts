// No edit is silently lost (issue 14): two editors open the same guide; the first saves; the
// second's save, built on the version the first replaced, is refused with a 409 naming who saved,
// when and what, and nothing is overwritten. Requests are the Content Manager's own: the edit page's
// GET, then the form's PUT (or publish) with the values it loaded and the editor's change.
import { createAdmin, ROLES, type SignedInAdmin } from '../support/admins';
import { documentIdOf } from '../support/demo';
import { startDemoStrapi, type TestStrapi } from '../support/strapi';

let t: TestStrapi;
let first: SignedInAdmin;
let second: SignedInAdmin;
let cityManager: SignedInAdmin;
let outsider: SignedInAdmin;
let guideId: string;
beforeAll(async () => {
  t = await startDemoStrapi();
  first = await createAdmin(t, 'wang.fang@badaguan.test', [ROLES.unitEditor], [{ unitCode: BADAGUAN }]);
  second = await createAdmin(t, 'li.na@badaguan.test', [ROLES.unitEditor], [{ unitCode: BADAGUAN }]);
  cityManager = await createAdmin(t, 'city@linkage.test', [ROLES.cityManager]);
  outsider = await createAdmin(t, 'jiaozhou@linkage.test', [ROLES.unitEditor], [{ unitCode: '370281000000' }]);
  guideId = await documentIdOf(t.strapi, GUIDE, { itemCode: 'QD-CA-001', unitCode: BADAGUAN });
});
afterAll(async () => {
  await t?.stop();
});

const GUIDE = 'plugin::linkage.guide';
const BADAGUAN = '370202001000';
const CM = `/content-manager/collection-types/${GUIDE}`;

type Form = Record<string, unknown>;

/** The edit page's load: the document as the form gets it (the form drops the meta fields). */
async function open(admin: SignedInAdmin, locale = 'zh-Hans', id = guideId): Promise<Form> {
  const response = await t.http.get(`${CM}/${id}?locale=${locale}`).set(admin.auth);
  expect(response.status).toBe(200);
  const { id: _id, documentId: _documentId, createdAt, updatedAt, publishedAt, createdBy, updatedBy, localizations, status, ...form } = response.body.data as Form;
  void [_id, _documentId, createdAt, updatedAt, publishedAt, createdBy, updatedBy, localizations, status];
  return form;
}

const save = (admin: SignedInAdmin, form: Form, locale = 'zh-Hans', language = 'en') =>
  t.http.put(`${CM}/${guideId}?locale=${locale}`).set(admin.auth).set('Accept-Language', language).send(form);

const stored = async (locale = 'zh-Hans') =>
  (await t.strapi.db.query(GUIDE).findOne({ where: { documentId: guideId, locale, publishedAt: null }, select: ['address', 'hours', 'fee', 'phone', 'updatedAt'] })) as Record<
    string,
    unknown
  >;

const auditCount = async () => t.strapi.db.query('plugin::linkage.audit-entry').count({ where: { subjectDocumentId: guideId } });

describe('two editors save the same guide', () => {
  test('the second save, built on the replaced version, is refused with who, when and which fields; nothing is overwritten', async () => {
    const mine = await open(first);
    const theirs = await open(second);
    const saved = await save(first, { ...mine, address: '青岛市市南区八大关街道办事处一楼 3 号窗口' });
    expect(saved.status).toBe(200);
    const after = await stored();
    const entries = await auditCount();

    const refused = await save(second, { ...theirs, hours: '工作日 9:00–17:00' }, 'zh-Hans', 'zh-CN,zh;q=0.9');
    expect(refused.status).toBe(409);
    expect(refused.body.error.name).toBe('ConflictError');
    const { conflict, messages } = refused.body.error.details;
    expect(conflict).toMatchObject({ uid: GUIDE, documentId: guideId, locale: 'zh-Hans', fields: ['address'] });
    expect(conflict.savedBy).toEqual({ name: 'wang.fang Test', email: 'wang.fang@badaguan.test' });
    expect(Date.parse(conflict.savedAt)).toBe(new Date(after.updatedAt as string).getTime());
    // In the language of who asked, naming the field as the form does; both texts for API clients.
    expect(refused.body.error.message).toContain('wang.fang Test (wang.fang@badaguan.test)');
    expect(refused.body.error.message).toContain('办理地点');
    expect(refused.body.error.message).toContain('什么都没有保存');
    expect(messages.en).toMatch(/^wang\.fang Test \(wang\.fang@badaguan\.test\) saved this guide at .+, changing Address, after you opened it\. .*nothing was saved/);
    // Nothing written: the first editor's version stands, and no entry was appended.
    expect(await stored()).toEqual(after);
    expect(await auditCount()).toBe(entries);
  });

  test('two saves sent at the same moment from the same load: one is stored, the other refused', async () => {
    const mine = await open(first);
    const theirs = await open(second);
    const [a, b] = await Promise.all([save(first, { ...mine, fee: '同时 A' }), save(second, { ...theirs, fee: '同时 B' })]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? '同时 A' : '同时 B';
    expect((await stored()).fee).toBe(winner);
  });

  test('after reloading, the second editor saves their change on top of the first one', async () => {
    const reloaded = await open(second);
    expect(reloaded.address).toBe('青岛市市南区八大关街道办事处一楼 3 号窗口');
    const saved = await save(second, { ...reloaded, hours: '工作日 9:00–17:00' });
    expect(saved.status).toBe(200);
    expect(await stored()).toMatchObject({ address: '青岛市市南区八大关街道办事处一楼 3 号窗口', hours: '工作日 9:00–17:00' });
  });

  test('saving the same form twice in a row is no conflict (the form keeps its values after a save)', async () => {
    const form = await open(first);
    expect((await save(first, { ...form, fee: '不收费' })).status).toBe(200);
    expect((await save(first, { ...form, fee: '不收费。', phone: '0532-88880001' })).status).toBe(200);
    expect(await stored()).toMatchObject({ fee: '不收费。', phone: '0532-88880001' });
  });

  test('publishing with changes from a replaced version is refused and publishes nothing', async () => {
    const theirs = await open(second);
    const mine = await open(first);
    expect((await save(first, { ...mine, hours: '工作日 8:30–17:30' })).status).toBe(200);
    const published = async () =>
      t.strapi.db.query(GUIDE).findOne({ where: { documentId: guideId, locale: 'zh-Hans', publishedAt: { $notNull: true } }, select: ['hours', 'publishedAt'] });
    const before = await published();
    const refused = await t.http
      .post(`${CM}/${guideId}/actions/publish?locale=zh-Hans`)
      .set(second.auth)
      .send({ ...theirs, fee: '免费' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.conflict.fields).toEqual(['hours']);
    expect(await published()).toEqual(before);
    expect((await stored()).fee).toBe('不收费。');
  });

  test('a save in one locale is not refused because another locale changed', async () => {
    const english = await open(second, 'en');
    const chinese = await open(first, 'zh-Hans');
    expect((await save(first, { ...chinese, address: '八大关街道办事处二楼' })).status).toBe(200);
    const saved = await save(second, { ...english, address: 'Floor 2, Badaguan Street Office' }, 'en');
    expect([saved.status, saved.body.error?.message]).toEqual([200, undefined]);
    expect((await stored('en')).address).toBe('Floor 2, Badaguan Street Office');
    expect((await stored('zh-Hans')).address).toBe('八大关街道办事处二楼');
  });

  test('a field shared by every locale, changed in one, makes a form of the other locale stale', async () => {
    const english = await open(second, 'en');
    const chinese = await open(first, 'zh-Hans');
    expect((await save(first, { ...chinese, phone: '0532-88880002' })).status).toBe(200);
    expect((await stored('en')).phone).toBe('0532-88880002');
    const refused = await save(second, { ...english, address: 'Floor 3, Badaguan Street Office' }, 'en');
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.conflict.fields).toContain('phone');
    expect((await stored('en')).phone).toBe('0532-88880002');
  });

  test('two sign-ins of one editor are two sessions: the older form is refused too', async () => {
    const again = { ...first, ...(await signInAgain(first.email)) };
    const tabA = await open(first);
    const tabB = await open(again);
    expect((await save(first, { ...tabA, hours: '工作日 9:00–16:00' })).status).toBe(200);
    expect((await save(again, { ...tabB, fee: '免费办理' })).status).toBe(409);
  });

  test('a save that changed nothing (as before a publish) replaces nothing: an older form still saves', async () => {
    const theirs = await open(first);
    const manager = await open(cityManager);
    expect((await save(cityManager, manager)).status).toBe(200);
    expect((await save(first, { ...theirs, hours: '工作日 9:00–16:30' })).status).toBe(200);
  });

  test('a city manager’s change is named, and the editor’s older form is refused', async () => {
    const theirs = await open(first);
    const manager = await open(cityManager);
    expect((await save(cityManager, { ...manager, onlineUrl: 'https://zwfw.qingdao.gov.cn/dibao' })).status).toBe(200);
    const refused = await save(first, { ...theirs, hours: '工作日 9:00–16:00' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.conflict).toMatchObject({ fields: ['onlineUrl'], savedBy: { name: 'city Test', email: cityManager.email } });
    expect(refused.body.error.message).toContain('Apply online');
  });
});

describe('every linkage record edited in the admin', () => {
  const CT = '/content-manager/collection-types';
  const cases: Array<{ uid: string; where: Record<string, unknown>; locale: string | null; mine: Record<string, unknown>; theirs: Record<string, unknown> }> = [
    { uid: 'plugin::linkage.item', where: { code: 'QD-CA-001' }, locale: 'zh-Hans', mine: { summary: '城乡低保申请。' }, theirs: { managingDepartmentCode: undefined } },
    { uid: 'plugin::linkage.unit', where: { code: BADAGUAN }, locale: 'zh-Hans', mine: { name: '八大关街道办事处' }, theirs: { siteUrl: 'https://badaguan.example.gov.cn' } },
    { uid: 'plugin::linkage.department', where: { unitCode: BADAGUAN }, locale: 'en', mine: { address: 'No. 1 Badaguan Road' }, theirs: { hours: 'Weekdays' } },
    { uid: 'plugin::linkage.responsibility-rule', where: {}, locale: 'zh-Hans', mine: { description: '由办理单位负责。' }, theirs: { reviewEveryDays: 90 } },
  ];

  test.each(cases)('$uid: the later save from the same load is refused', async ({ uid, where, locale, mine, theirs }) => {
    const documentId = await documentIdOf(t.strapi, uid, where);
    const query = locale ? `?locale=${locale}` : '';
    const load = async (admin: SignedInAdmin) => {
      const response = await t.http.get(`${CT}/${uid}/${documentId}${query}`).set(admin.auth);
      expect(response.status).toBe(200);
      const {
        id: _id,
        documentId: _d,
        createdAt: _c,
        updatedAt: _u,
        publishedAt: _p,
        createdBy: _cb,
        updatedBy: _ub,
        localizations: _l,
        status: _s,
        ...form
      } = response.body.data;
      return form as Form;
    };
    const otherManager = await createAdmin(t, `manager-${uid.split('.').pop()}@linkage.test`, [ROLES.cityManager]);
    const a = await load(cityManager);
    const b = await load(otherManager);
    const first = await t.http
      .put(`${CT}/${uid}/${documentId}${query}`)
      .set(cityManager.auth)
      .send({ ...a, ...mine });
    expect(first.status).toBe(200);
    const second = await t.http
      .put(`${CT}/${uid}/${documentId}${query}`)
      .set(otherManager.auth)
      .send({ ...b, ...Object.fromEntries(Object.entries(theirs).filter(([, v]) => v !== undefined)) });
    expect(second.status).toBe(409);
    expect(second.body.error.details.conflict.fields).toEqual(Object.keys(mine));
  });

  test('the guide spec (a single type) too', async () => {
    const SPEC = '/content-manager/single-types/plugin::linkage.guide-spec';
    const otherManager = await createAdmin(t, 'manager-spec@linkage.test', [ROLES.cityManager]);
    const a = (await t.http.get(SPEC).set(cityManager.auth)).body.data;
    const b = (await t.http.get(SPEC).set(otherManager.auth)).body.data;
    expect(
      (
        await t.http
          .put(SPEC)
          .set(cityManager.auth)
          .send({ required: [...a.required].slice(0, -1) })
      ).status
    ).toBe(200);
    const refused = await t.http.put(SPEC).set(otherManager.auth).send({ required: b.required });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.conflict.fields).toEqual(['required']);
  });
});

describe('the edit page asks whether what it shows was replaced', () => {
  test('the session whose load was replaced is told who, when and what; the one that saved is not', async () => {
    const theirs = await open(second);
    const mine = await open(first);
    expect((await save(first, { ...mine, address: '八大关街道办事处三楼' })).status).toBe(200);
    const ask = (admin: SignedInAdmin) => t.http.get(`/linkage/edit-conflict?model=${GUIDE}&documentId=${guideId}&locale=zh-Hans`).set(admin.auth);
    const forSecond = await ask(second);
    expect(forSecond.status).toBe(200);
    expect(forSecond.body.conflict).toMatchObject({ fields: [{ field: 'address', label: { en: 'Address', 'zh-Hans': '办理地点' } }], savedBy: { email: first.email } });
    expect(forSecond.body.conflict.message['zh-Hans']).toContain('办理地点');
    expect(forSecond.body.conflict.message.en).toContain('Saving this page now would overwrite their work');
    expect((await ask(first)).body.conflict).toBeNull();
    void theirs;
  });

  test('a refused save is told once to the page that made it, which then reloads the record', async () => {
    const theirs = await open(second);
    const mine = await open(first);
    expect((await save(first, { ...mine, hours: '工作日 8:00–12:00' })).status).toBe(200);
    expect((await save(second, { ...theirs, fee: '免费' })).status).toBe(409);
    const ask = () => t.http.get(`/linkage/edit-conflict?model=${GUIDE}&documentId=${guideId}&locale=zh-Hans`).set(second.auth);
    const told = (await ask()).body;
    expect(told.refused).toMatchObject({ fields: [{ field: 'hours' }], savedBy: { email: first.email } });
    expect(told.refused.message.en).toContain('Your save was refused');
    // The Content Manager reloads the record after the refusal: the page now holds the latest.
    await open(second);
    expect((await ask()).body).toEqual({ conflict: null, refused: null });
  });

  test('an editor of another unit, who cannot open the guide, learns nothing about it', async () => {
    expect((await t.http.get(`${CM}/${guideId}?locale=zh-Hans`).set(outsider.auth)).status).toBe(403);
    const response = await t.http.get(`/linkage/edit-conflict?model=${GUIDE}&documentId=${guideId}&locale=zh-Hans`).set(outsider.auth);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ conflict: null, refused: null });
  });

  test('without a signed-in admin the route answers 401', async () => {
    expect((await t.http.get(`/linkage/edit-conflict?model=${GUIDE}&documentId=${guideId}`)).status).toBe(401);
  });

  test('a model that is not a linkage record is a 400 naming it', async () => {
    const response = await t.http.get(`/linkage/edit-conflict?model=admin::user&documentId=x`).set(first.auth);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('model');
  });
});

async function signInAgain(email: string): Promise<Pick<SignedInAdmin, 'token' | 'auth'>> {
  const login = await t.http.post('/admin/login').send({ email, password: 'Linkage-Editor-Pass-1' });
  expect(login.status).toBe(200);
  return { token: login.body.data.token, auth: { Authorization: `Bearer ${login.body.data.token}` } };
}
