// What linked data calls things: absolute addresses under the public base URL for what the link mode
// gives as a path, pages' fragments for services and items, `<base>/id/...` for what has no page.
import { areaIri, departmentIri, itemIri, publicUrl, serviceIri, unitIri } from '../../src/plugins/linkage/server/src/domain/linked-data-ids';

const BASE = 'https://zwfw.qingdao.example';

describe('publicUrl', () => {
  test.each([
    ['a path goes under the base', '/sites/370281000000', BASE, 'https://zwfw.qingdao.example/sites/370281000000'],
    ['under a base with a path of its own (a portal mounted there)', '/sites/370281000000', `${BASE}/portal`, 'https://zwfw.qingdao.example/portal/sites/370281000000'],
    ['a trailing slash on the base is not doubled', '/sites/370281000000', `${BASE}/portal/`, 'https://zwfw.qingdao.example/portal/sites/370281000000'],
    ['a path without its leading slash', 'sites/370281000000', BASE, 'https://zwfw.qingdao.example/sites/370281000000'],
    [
      'the query and fragment are kept as written',
      '/sites/1/items/x/route?answers%5Ba%5D=b&locale=en#stage-x',
      BASE,
      'https://zwfw.qingdao.example/sites/1/items/x/route?answers%5Ba%5D=b&locale=en#stage-x',
    ],
    ['a unit site’s absolute address stays on that site (LINKAGE_LINKS=site)', 'https://jiaozhou.qingdao.example/items/x', BASE, 'https://jiaozhou.qingdao.example/items/x'],
    ['an absolute address is normalised (a site root gets its slash)', 'https://Jiaozhou.Qingdao.example?locale=en', BASE, 'https://jiaozhou.qingdao.example/?locale=en'],
    ['the base is local by default (http://localhost:1337)', '/sites/1', 'http://localhost:1337', 'http://localhost:1337/sites/1'],
  ])('%s', (_why, link, base, expected) => {
    expect(publicUrl(link, base)).toBe(expected);
  });
});

describe('IRIs of what has no page', () => {
  it('names an area by its unit code, a department by its code, a unit as an organisation by its code, under <base>/id/', () => {
    expect(areaIri(BASE, '370202001001')).toBe(`${BASE}/id/areas/370202001001`);
    expect(departmentIri(BASE, '370281-SI')).toBe(`${BASE}/id/departments/370281-SI`);
    expect(unitIri(BASE, '370281000000')).toBe(`${BASE}/id/units/370281000000`);
  });

  it('keeps the base’s path and drops its trailing slash', () => {
    expect(areaIri(`${BASE}/portal/`, '370281000000')).toBe(`${BASE}/portal/id/areas/370281000000`);
  });

  it('percent-encodes a code that is not a plain path segment', () => {
    expect(departmentIri(BASE, 'A B/C#D')).toBe(`${BASE}/id/departments/A%20B%2FC%23D`);
  });
});

describe('IRIs of what a page shows', () => {
  const page = `${BASE}/sites/370281000000/items/enterprise-employee-retirement-certification`;

  it('names a stage a unit handles on that unit’s page of the item, apart from the guide’s anchor', () => {
    expect(serviceIri(page, 'district-review')).toBe(`${page}#service-district-review`);
    expect(serviceIri(`${page}#stage-district-review`, 'district-review')).toBe(`${page}#service-district-review`);
  });

  it('names an item on its managing unit’s page of it', () => {
    expect(itemIri(page)).toBe(`${page}#item`);
  });
});
