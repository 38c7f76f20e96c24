import type { CatalogGuide } from '../../src/plugins/linkage/server/src/domain/catalog-format';
import { guideKey } from '../../src/plugins/linkage/server/src/domain/catalog-format';
import { guideStatus, missingFields } from '../../src/plugins/linkage/server/src/domain/completeness';
import { clone, loadDemo } from './demo-fixtures';
import { navigatorOf } from './navigator-fixtures';

const nav = navigatorOf();
const SPEC = ['conditions', 'materials', 'timeLimit', 'fee', 'address', 'phone', 'hours'];
const LOCALES = ['zh-Hans', 'en'];
const guide = (key: string): CatalogGuide => {
  const found = nav.guides.get(key);
  if (!found) throw new Error(`no guide ${key}`);
  return clone(found);
};
const JIAOZHOU_REVIEW = 'QD-SI-001/district-review/370281000000';

describe('the demo guide spec', () => {
  it('requires conditions, materials, time limit, fee, address, phone and hours', () => {
    expect(nav.spec).toEqual(SPEC);
  });
});

describe('guideStatus on the demo guides', () => {
  it('flags exactly the three deliberately incomplete guides: 市北区 and 平度市 retirement, 北关村 allowance', () => {
    const incomplete = loadDemo()
      .guides.filter((g) => guideStatus(g, SPEC, LOCALES).status === 'incomplete')
      .map(guideKey);
    expect(incomplete).toEqual(['QD-SI-001/district-approval/370203000000', 'QD-SI-001/district-review/370283000000', 'QD-CA-001/community-acceptance/370281001002']);
  });

  it('lists what each incomplete guide lacks (address and phone are there)', () => {
    for (const key of ['QD-SI-001/district-approval/370203000000', 'QD-SI-001/district-review/370283000000', 'QD-CA-001/community-acceptance/370281001002']) {
      expect(guideStatus(guide(key), SPEC, LOCALES)).toEqual({ status: 'incomplete', missing: ['conditions', 'materials', 'timeLimit', 'fee', 'hours'] });
    }
  });

  it('reports 莱西市 retirement review (no guide) as missing', () => {
    expect(nav.guides.get('QD-SI-001/district-review/370285000000')).toBeUndefined();
    expect(guideStatus(undefined, SPEC, LOCALES)).toEqual({ status: 'missing', missing: [] });
  });

  it('reports a complete guide as published', () => {
    expect(guideStatus(guide(JIAOZHOU_REVIEW), SPEC, LOCALES)).toEqual({ status: 'published', missing: [] });
  });

  it('counts an empty list of materials as filled (medical insurance district confirmation needs none)', () => {
    const g = guide('QD-MI-001/district-confirmation/370202000000');
    expect(g.materials).toEqual([]);
    expect(guideStatus(g, SPEC, LOCALES)).toEqual({ status: 'published', missing: [] });
  });
});

describe('missingFields', () => {
  it('finds a field that is absent, null or blank', () => {
    const g = guide(JIAOZHOU_REVIEW) as unknown as Record<string, unknown>;
    delete g.materials;
    g.phone = '   ';
    g.timeLimit = null;
    expect(missingFields(g as unknown as CatalogGuide, SPEC, LOCALES)).toEqual(['materials', 'timeLimit', 'phone']);
  });

  it('finds a text filled in one locale only, or blank in one', () => {
    const g = guide(JIAOZHOU_REVIEW);
    g.fee = { 'zh-Hans': '不收费' };
    g.hours = { 'zh-Hans': '工作日 9:00-17:00', en: '' };
    expect(missingFields(g, SPEC, LOCALES)).toEqual(['fee', 'hours']);
    expect(missingFields(g, SPEC, ['zh-Hans'])).toEqual([]);
  });

  it('finds an empty time limit, accepts one with only a promised time', () => {
    const g = guide(JIAOZHOU_REVIEW);
    g.timeLimit = {};
    expect(missingFields(g, SPEC, LOCALES)).toEqual(['timeLimit']);
    g.timeLimit = { promisedDays: 3 };
    expect(missingFields(g, SPEC, LOCALES)).toEqual([]);
  });

  it('finds an empty text object', () => {
    const g = guide(JIAOZHOU_REVIEW);
    g.conditions = {};
    expect(missingFields(g, SPEC, LOCALES)).toEqual(['conditions']);
  });

  it('finds a text that holds none of the locales asked for (only another language)', () => {
    const g = guide(JIAOZHOU_REVIEW);
    g.fee = { fr: 'gratuit' };
    expect(missingFields(g, SPEC, LOCALES)).toEqual(['fee']);
  });

  it('checks only the fields the spec requires', () => {
    const g = guide('QD-SI-001/district-approval/370203000000');
    expect(missingFields(g, ['address', 'phone'], LOCALES)).toEqual([]);
    expect(missingFields(g, [], LOCALES)).toEqual([]);
    expect(guideStatus(g, [], LOCALES).status).toBe('published');
  });
});
