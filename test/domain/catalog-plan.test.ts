import { changeCounts, planImport, type ImportPlan } from '../../src/plugins/linkage/server/src/domain/catalog-plan';
import { guideKey } from '../../src/plugins/linkage/server/src/domain/catalog-format';
import { clone, emptyStored, loadDemo, storedFrom } from './demo-fixtures';

const NO_REVIEWS = new Map<string, Set<string>>();

const countsOf = (plan: ImportPlan) => ({
  units: changeCounts(plan.units),
  departments: changeCounts(plan.departments),
  items: changeCounts(plan.items),
  guides: changeCounts(plan.guides),
  rules: changeCounts(plan.rules),
  guideSpec: plan.guideSpec?.change,
  reviews: plan.reviews.length,
});
const all = (n: number, change: 'create' | 'update' | 'unchanged') => ({ create: 0, update: 0, unchanged: 0, [change]: n });

describe('planImport into an empty catalog', () => {
  const demo = loadDemo();
  const plan = planImport(demo, emptyStored(demo), NO_REVIEWS);

  it('creates every record of the demo', () => {
    expect(countsOf(plan)).toEqual({
      units: all(26, 'create'),
      departments: all(61, 'create'),
      items: all(4, 'create'),
      guides: all(88, 'create'),
      rules: all(4, 'create'),
      guideSpec: 'create',
      reviews: 92,
    });
  });

  it('plans one review per lastReviewedAt: 4 items and 88 guides', () => {
    expect(plan.reviews.filter((r) => r.subject === 'item')).toHaveLength(4);
    expect(plan.reviews.filter((r) => r.subject === 'guide')).toHaveLength(88);
    expect(plan.reviews).toContainEqual({ subject: 'item', key: 'QD-SI-001', date: '2026-10-15' });
    expect(plan.reviews).toContainEqual({ subject: 'guide', key: 'QD-SI-001/district-approval/370212000000', date: '2025-09-01' });
    expect(plan.reviews).toContainEqual({ subject: 'guide', key: 'QD-CA-001/district-approval/370214000000', date: '2025-09-01' });
  });

  it('plans units top-down, so every parent is written before its children', () => {
    const order = plan.units.map((u) => u.record.code);
    for (const unit of demo.units) {
      if (unit.parent) expect(order.indexOf(unit.parent)).toBeLessThan(order.indexOf(unit.code));
    }
    expect(plan.units.map((u) => u.record.level)).toEqual(['city', ...Array(10).fill('district'), ...Array(7).fill('street'), ...Array(8).fill('community')]);
  });

  it('keys records by code, guides by item/stage/unit', () => {
    expect(plan.items.map((i) => i.key)).toEqual(['QD-SI-001', 'QD-CA-001', 'QD-HOUSING-001', 'QD-MI-001']);
    expect(plan.guides[0].key).toBe('QD-SI-001/district-approval/370202000000');
    expect(plan.guideSpec).toEqual({
      record: { required: ['conditions', 'materials', 'timeLimit', 'fee', 'address', 'phone', 'hours'] },
      key: 'guide-spec',
      change: 'create',
    });
  });

  it('writes the default locale first', () => {
    const file = loadDemo();
    file.locales = ['en', 'zh-Hans'];
    expect(planImport(file, emptyStored(file), NO_REVIEWS).locales).toEqual(['zh-Hans', 'en']);
  });
});

describe('planImport into the demo as stored', () => {
  it('changes nothing and plans no review when the same demo is imported again', () => {
    const demo = loadDemo();
    const stored = storedFrom(demo);
    expect(countsOf(planImport(demo, stored.catalog, stored.reviewDates))).toEqual({
      units: all(26, 'unchanged'),
      departments: all(61, 'unchanged'),
      items: all(4, 'unchanged'),
      guides: all(88, 'unchanged'),
      rules: all(4, 'unchanged'),
      guideSpec: 'unchanged',
      reviews: 0,
    });
  });

  it('also changes nothing against the demo file itself, notes and all', () => {
    const demo = loadDemo();
    const stored = storedFrom(demo);
    const plan = planImport(demo, loadDemo(), stored.reviewDates);
    expect([...plan.units, ...plan.departments, ...plan.items, ...plan.guides, ...plan.rules].filter((r) => r.change !== 'unchanged')).toEqual([]);
  });

  it("marks exactly the guide whose fee changed as 'update'", () => {
    const demo = loadDemo();
    const stored = storedFrom(demo);
    const file = loadDemo();
    file.guides[40].fee = { 'zh-Hans': '工本费10元', en: '10 yuan for the card' };
    const plan = planImport(file, stored.catalog, stored.reviewDates);
    expect(plan.guides.filter((g) => g.change !== 'unchanged').map((g) => [g.key, g.change])).toEqual([[guideKey(file.guides[40]), 'update']]);
    expect(plan.guides.find((g) => g.change === 'update')?.record.fee).toEqual({ 'zh-Hans': '工本费10元', en: '10 yuan for the card' });
    expect(countsOf(plan)).toMatchObject({ units: all(26, 'unchanged'), items: all(4, 'unchanged'), reviews: 0 });
  });

  it("marks a guide 'update' when only one locale's text changed", () => {
    const demo = loadDemo();
    const stored = storedFrom(demo);
    const file = loadDemo();
    file.guides[0].hours = { ...file.guides[0].hours, en: 'Weekdays 9:00-17:00' };
    expect(changeCounts(planImport(file, stored.catalog, stored.reviewDates).guides)).toEqual({ create: 0, update: 1, unchanged: 87 });
  });

  it('ignores a changed note', () => {
    const demo = loadDemo();
    const stored = storedFrom(demo);
    const file = loadDemo();
    file.units[20].note = 'Another explanation';
    file.guides[2].note = 'Another explanation';
    const plan = planImport(file, stored.catalog, stored.reviewDates);
    expect(changeCounts(plan.units).update + changeCounts(plan.guides).update).toBe(0);
  });

  it('keeps the stored slug of a file item that has none', () => {
    const demo = loadDemo();
    const stored = storedFrom(demo);
    const file = loadDemo();
    delete file.items[2].slug;
    const planned = planImport(file, stored.catalog, stored.reviewDates).items[2];
    expect(planned).toMatchObject({ key: 'QD-HOUSING-001', change: 'unchanged' });
    expect(planned.record.slug).toBe('public-rental-housing');
  });

  it('leaves a new item without a slug to be given one when it is written', () => {
    const file = loadDemo();
    delete file.items[2].slug;
    const planned = planImport(file, emptyStored(file), NO_REVIEWS).items[2];
    expect(planned.change).toBe('create');
    expect(planned.record.slug).toBeUndefined();
  });

  it("marks an item with a new slug, a new stage order or a draft status 'update'", () => {
    const demo = loadDemo();
    const stored = storedFrom(demo);
    const file = loadDemo();
    file.items[0].slug = 'retirement';
    file.items[1].stages[3].order = 50;
    file.items[2].status = 'draft';
    const plan = planImport(file, stored.catalog, stored.reviewDates);
    expect(plan.items.map((i) => i.change)).toEqual(['update', 'update', 'update', 'unchanged']);
  });

  it('plans a review only for a date not yet stored', () => {
    const demo = loadDemo();
    const stored = storedFrom(demo);
    const file = loadDemo();
    file.items[1].lastReviewedAt = '2026-11-20';
    file.guides[6].lastReviewedAt = '2026-11-21';
    const plan = planImport(file, stored.catalog, stored.reviewDates);
    expect(plan.reviews).toEqual([
      { subject: 'item', key: 'QD-CA-001', date: '2026-11-20' },
      { subject: 'guide', key: 'QD-SI-001/district-approval/370212000000', date: '2026-11-21' },
    ]);
    // A review date is a fact of its own: the records themselves are unchanged.
    expect(changeCounts(plan.items).update + changeCounts(plan.guides).update).toBe(0);
  });

  it("marks a changed guide spec 'update' and a changed rule 'update'", () => {
    const demo = loadDemo();
    const stored = storedFrom(demo);
    const file = loadDemo();
    file.guideSpec!.required = file.guideSpec!.required.filter((f) => f !== 'hours');
    file.responsibilityRules![1].reviewEveryDays = 60;
    const plan = planImport(file, stored.catalog, stored.reviewDates);
    expect(plan.guideSpec?.change).toBe('update');
    expect(plan.rules.map((r) => r.change)).toEqual(['unchanged', 'update', 'unchanged', 'unchanged']);
  });

  it("marks a record the stored catalog lacks 'create' beside unchanged ones", () => {
    const demo = loadDemo();
    const stored = storedFrom(demo);
    stored.catalog.units = stored.catalog.units.filter((u) => u.code !== '370285000000');
    stored.catalog.departments = stored.catalog.departments.filter((d) => d.unit !== '370285000000');
    const plan = planImport(loadDemo(), stored.catalog, stored.reviewDates);
    expect(plan.units.filter((u) => u.change === 'create').map((u) => u.key)).toEqual(['370285000000']);
    expect(changeCounts(plan.departments)).toEqual({
      create: demo.departments.filter((d) => d.unit === '370285000000').length,
      update: 0,
      unchanged: 61 - demo.departments.filter((d) => d.unit === '370285000000').length,
    });
  });

  it('does not modify the file or the stored catalog', () => {
    const file = loadDemo();
    const stored = storedFrom(loadDemo());
    const before = JSON.stringify([file, stored.catalog]);
    planImport(file, stored.catalog, stored.reviewDates);
    expect(JSON.stringify([file, stored.catalog])).toBe(before);
    expect(clone(file)).toEqual(loadDemo());
  });
});
