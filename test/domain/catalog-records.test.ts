import {
  departmentFromRows,
  departmentRow,
  guideFromRows,
  guideRow,
  itemFromRows,
  itemRow,
  itemVersion,
  ruleFromRows,
  ruleRow,
  unitFromRows,
  unitRow,
} from '../../src/plugins/linkage/server/src/domain/catalog-records';
import type { CatalogGuide } from '../../src/plugins/linkage/server/src/domain/catalog-format';
import { DEMO_LOCALES, clone, loadDemo, without, withoutNotes } from './demo-fixtures';

const rows = <T, Row>(record: T, toRow: (r: T, l: string) => Row, locales: readonly string[] = DEMO_LOCALES) => locales.map((locale) => ({ ...toRow(record, locale), locale }));

describe('row conversion of every demo record', () => {
  const demo = loadDemo();

  it('keeps every unit apart from its note', () => {
    const back = demo.units.map((u) => unitFromRows(rows(u, unitRow)));
    expect(back).toEqual(demo.units.map((u) => without(u, 'note')));
  });

  it('keeps every department apart from its note', () => {
    const back = demo.departments.map((d) => departmentFromRows(rows(d, departmentRow)));
    expect(back).toEqual(demo.departments.map((d) => without(d, 'note')));
  });

  it('keeps every item apart from its note and lastReviewedAt (which becomes a review record)', () => {
    const back = demo.items.map((i) => itemFromRows(rows(i, itemRow), 'published'));
    expect(back).toEqual(demo.items.map((i) => without(withoutNotes(i), 'lastReviewedAt')));
  });

  it('keeps every guide apart from its note and lastReviewedAt (which becomes a review record)', () => {
    const back = demo.guides.map((g) => guideFromRows(rows(g, guideRow), 'published'));
    expect(back).toEqual(demo.guides.map((g) => without(withoutNotes(g), 'lastReviewedAt')));
  });

  it('keeps every responsibility rule', () => {
    const rules = demo.responsibilityRules ?? [];
    expect(rules.map((r) => ruleFromRows(rows(r, ruleRow)))).toEqual(rules);
  });

  it('keeps nothing but note and lastReviewedAt out of the rows', () => {
    // Guard: the demo has notes and review dates, so the comparisons above are not vacuous.
    expect(demo.units.filter((u) => u.note).length).toBeGreaterThan(0);
    expect(demo.guides.filter((g) => g.note).length).toBe(3);
    expect(demo.guides.every((g) => g.lastReviewedAt)).toBe(true);
    expect(Object.keys(guideRow(demo.guides[0], 'zh-Hans'))).not.toContain('lastReviewedAt');
    expect(Object.keys(itemRow(demo.items[0], 'zh-Hans'))).not.toContain('note');
  });
});

describe('rows', () => {
  const demo = loadDemo();

  it('hold one locale of each text and the codes in every locale', () => {
    const zh = unitRow(demo.units[8], 'zh-Hans');
    const en = unitRow(demo.units[8], 'en');
    expect(zh).toEqual({ code: '370281000000', level: 'district', kind: 'county_city', parentCode: '370200000000', name: '胶州市', siteUrl: 'https://jiaozhou.qingdao.example' });
    expect(en.name).toBe('Jiaozhou City');
    expect(without(en, 'name')).toEqual(without(zh, 'name'));
  });

  it('hold null for a text missing or empty in the locale', () => {
    const department = { ...clone(demo.departments[0]), hours: { 'zh-Hans': '工作日', en: '' } };
    expect(departmentRow(department, 'en').hours).toBeNull();
    expect(departmentRow(department, 'fr').name).toBeNull();
    expect(departmentRow(demo.departments[6], 'zh-Hans')).toMatchObject({ phone: null, address: null, hours: null });
  });

  it('record "no materials needed" for an empty materials list, and not for an absent one', () => {
    const none = demo.guides[58];
    const absent = demo.guides[2];
    expect(none.materials).toEqual([]);
    expect(absent.materials).toBeUndefined();
    expect(guideRow(none, 'zh-Hans')).toMatchObject({ materials: [], noMaterialsNeeded: true });
    expect(guideRow(absent, 'zh-Hans')).toMatchObject({ materials: [], noMaterialsNeeded: false });
    expect(guideFromRows(rows(none, guideRow), 'published').materials).toEqual([]);
    expect(guideFromRows(rows(absent, guideRow), 'published')).not.toHaveProperty('materials');
  });

  it('keep a material count of zero and required: false', () => {
    const guide: CatalogGuide = {
      item: 'QD-SI-001',
      stage: 'city-approval',
      unit: '370200000000',
      department: 'QD-SI',
      materials: [{ name: { 'zh-Hans': '表', en: 'Form' }, original: 0, copies: 0, required: false }],
    };
    expect(guideFromRows(rows(guide, guideRow), 'published')).toEqual(guide);
  });

  it('mark a draft and leave a published record unmarked', () => {
    expect(itemFromRows(rows(demo.items[0], itemRow), 'draft').status).toBe('draft');
    expect(itemFromRows(rows(demo.items[0], itemRow), 'published')).not.toHaveProperty('status');
    expect(guideFromRows(rows(demo.guides[0], guideRow), 'draft').status).toBe('draft');
  });

  it('take the structure from the first row and texts from every row', () => {
    const [zh, en] = rows(demo.items[3], itemRow);
    const changed = { ...en, domain: 'other', stages: en.stages.map((s) => ({ ...s, key: `${s.key}-en` })) };
    const back = itemFromRows([zh, changed], 'published');
    expect(back.domain).toBe('healthcare');
    expect(back.stages.map((s) => s.key)).toEqual(['community-registration', 'district-confirmation']);
    expect(back.stages[0].name).toEqual({ 'zh-Hans': '社区(村)登记', en: 'Registration at the community or village' });
  });

  it('leave out a locale whose text is blank', () => {
    const [zh, en] = rows(demo.items[3], itemRow);
    expect(itemFromRows([zh, { ...en, summary: '' }], 'published').summary).toEqual({ 'zh-Hans': demo.items[3].summary?.['zh-Hans'] });
  });

  it('give a responsibility rule with a responsible department the department as responsible party', () => {
    const rule = demo.responsibilityRules![0];
    expect(rule.responsibleDepartment).toBe('QD-EGOV');
    expect(ruleRow(rule, 'zh-Hans')).toMatchObject({ responsible: 'department', responsibleDepartmentCode: 'QD-EGOV' });
    expect(ruleRow(demo.responsibilityRules![2], 'en')).toMatchObject({ responsible: 'owner', responsibleDepartmentCode: null, level: null });
  });

  it('convert to an item version with nulls for what is missing', () => {
    const version = itemVersion({ ...itemRow(demo.items[3], 'en'), locale: 'en' });
    expect(version.locale).toBe('en');
    expect(version.title).toBe('Enrolment in basic medical insurance for urban and rural residents');
    expect(version.questions[1]).toEqual({
      key: 'is_newborn',
      kind: 'auxiliary',
      type: 'boolean',
      label: 'The applicant is a newborn',
      options: [],
      answerLevel: null,
      within: null,
    });
    const bare = itemVersion({ locale: 'zh-Hans' } as Parameters<typeof itemVersion>[0]);
    expect(bare).toEqual({
      locale: 'zh-Hans',
      code: null,
      domain: null,
      managingUnitCode: null,
      managingDepartmentCode: null,
      title: null,
      policies: [],
      questions: [],
      stages: [],
    });
  });
});
