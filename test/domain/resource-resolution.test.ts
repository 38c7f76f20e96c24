import { namedResource, resourceIris } from '../../src/plugins/linkage/server/src/domain/resource-iris';
import { itemExportPath, resolveResource, type ResolutionFacts } from '../../src/plugins/linkage/server/src/domain/resource-resolution';
import { ownsStage } from '../../src/plugins/linkage/server/src/domain/participation';
import { ALLOWANCE, ALLOWANCE_SLUG, RETIREMENT, RETIREMENT_SLUG, TAIPINGJIAO, itemOf, linksOf, navigatorOf, spaceOf } from './navigator-fixtures';

const BASE = 'https://zwfw.qingdao.example/portal';
const iris = resourceIris(BASE);
const pathOf = (iri: string) => iri.replace(`${BASE}/id/`, '').replace(/#.*$/, '');

describe('namedResource: the inverse of the IRIs resourceIris mints', () => {
  test.each([
    ['an item', iris.item('QD-SI-001').iri, { type: 'item', item: 'QD-SI-001' }],
    ['a stage (its rule)', iris.stageRule('QD-SI-001', 'city-approval').iri, { type: 'stage', item: 'QD-SI-001', stage: 'city-approval' }],
    [
      'a guide',
      iris.guide({ item: 'QD-SI-001', stage: 'district-review', unit: '370281000000' }).iri,
      { type: 'guide', item: 'QD-SI-001', stage: 'district-review', unit: '370281000000' },
    ],
    ['a guide’s part (the fragment is not sent)', iris.guidePart({ item: 'A', stage: 'b', unit: 'c' }, 'fee').iri, { type: 'guide', item: 'A', stage: 'b', unit: 'c' }],
    ['a department', iris.department('QD-SI').iri, { type: 'department', department: 'QD-SI' }],
    ['an area', iris.area('370202001001').iri, { type: 'area', unit: '370202001001' }],
    ['a unit', iris.unit('370202001001').iri, { type: 'unit', unit: '370202001001' }],
    ['codes that need encoding', iris.guide({ item: 'A/B 甲', stage: 'x?y', unit: '1#2' }).iri, { type: 'guide', item: 'A/B 甲', stage: 'x?y', unit: '1#2' }],
  ])('reads %s back', (_, iri, expected) => {
    expect(namedResource(pathOf(iri))).toEqual(expected);
  });

  test.each(['', 'items', 'items/', 'items/A/stages', 'items/A/units/B', 'items/A/stages/b/units', 'departments', 'departments/a/b', 'areas/', 'people/1', 'items/%E0%A4%A'])(
    '%j names nothing',
    (path) => {
      expect(namedResource(path)).toBeNull();
    }
  );
});

describe('resolveResource: where a reader of an IRI is sent', () => {
  const nav = navigatorOf();
  const links = linksOf(nav, 'local');
  const participation = { unitIndex: nav.units, space: (item: Parameters<typeof spaceOf>[1]) => spaceOf(nav, item) };
  const facts: ResolutionFacts = {
    items: new Map(nav.catalog.items.map((i) => [i.code, i])),
    departments: new Map(nav.catalog.departments.map((d) => [d.code, d])),
    links,
    ownsStage: (item, stageKey, unitCode) => ownsStage(item, stageKey, unitCode, participation),
  };

  test('an item: its managing unit’s page, and its CPSV-AP export', () => {
    expect(resolveResource({ type: 'item', item: RETIREMENT }, facts)).toEqual({
      page: `/sites/${itemOf(nav, RETIREMENT).managingUnit}/items/${RETIREMENT_SLUG}`,
      data: itemExportPath(RETIREMENT),
    });
    expect(itemExportPath('A/B')).toBe('/api/linkage/exports/cpsv-ap.jsonld?item=A%2FB');
  });

  test('a guide: the handling unit’s page at the stage’s guide; a published one no page shows, its unit’s site; else not found', () => {
    expect(resolveResource({ type: 'guide', item: ALLOWANCE, stage: 'community-acceptance', unit: TAIPINGJIAO }, facts)).toEqual({
      page: `/sites/${TAIPINGJIAO}/items/${ALLOWANCE_SLUG}#stage-community-acceptance`,
      data: itemExportPath(ALLOWANCE),
    });
    // A published guide whose unit the rules give the stage no more: the unit's site, which is there.
    expect(resolveResource({ type: 'guide', item: ALLOWANCE, stage: 'community-acceptance', unit: '370200000000' }, { ...facts, guidePublished: true })).toEqual({
      page: '/sites/370200000000',
      data: itemExportPath(ALLOWANCE),
    });
    expect(resolveResource({ type: 'guide', item: ALLOWANCE, stage: 'community-acceptance', unit: '370200000000' }, facts)).toEqual({
      missing: `the unit 370200000000 handles no community-acceptance of ${ALLOWANCE}`,
      parameter: 'unit',
    });
  });

  test('a stage: the item’s page; an unknown stage is not found', () => {
    expect(resolveResource({ type: 'stage', item: ALLOWANCE, stage: 'community-acceptance' }, facts)).toMatchObject({
      page: `/sites/${itemOf(nav, ALLOWANCE).managingUnit}/items/${ALLOWANCE_SLUG}`,
    });
    expect(resolveResource({ type: 'stage', item: ALLOWANCE, stage: 'nope' }, facts)).toEqual({ missing: `${ALLOWANCE} has no stage nope`, parameter: 'stage' });
  });

  test('a department: its unit’s site; an area and a unit: the unit’s site; none has an export of its own', () => {
    const department = nav.catalog.departments[0];
    expect(resolveResource({ type: 'department', department: department.code }, facts)).toEqual({ page: `/sites/${department.unit}`, data: null });
    expect(resolveResource({ type: 'area', unit: TAIPINGJIAO }, facts)).toEqual({ page: `/sites/${TAIPINGJIAO}`, data: null });
    expect(resolveResource({ type: 'unit', unit: TAIPINGJIAO }, facts)).toEqual({ page: `/sites/${TAIPINGJIAO}`, data: null });
  });

  test('what the catalog does not hold is not found, naming what', () => {
    expect(resolveResource({ type: 'item', item: 'NOPE' }, facts)).toEqual({ missing: 'no published item has the code NOPE', parameter: 'item' });
    expect(resolveResource({ type: 'department', department: 'NOPE' }, facts)).toEqual({ missing: 'no department has the code NOPE', parameter: 'department' });
    expect(resolveResource({ type: 'area', unit: '999' }, facts)).toEqual({ missing: 'no unit has the code 999', parameter: 'unit' });
  });
});
