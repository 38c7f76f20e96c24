import { catalogSchemaProblems } from '../../src/plugins/linkage/server/src/domain/catalog-schema';
import { loadDemo } from './demo-fixtures';

/** The demo as a plain JSON value, to break in ways the Catalog type would not allow. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests break the catalog in shapes no type allows
const demoJson = () => loadDemo() as unknown as Record<string, any>;

describe('catalogSchemaProblems', () => {
  it('accepts the demo catalog', () => {
    expect(catalogSchemaProblems(loadDemo())).toEqual([]);
  });

  it('reports a missing required field once, at its path', () => {
    const catalog = demoJson();
    delete catalog.units[3].kind;
    expect(catalogSchemaProblems(catalog)).toEqual([{ path: ['units', 3, 'kind'], message: 'is required' }]);
  });

  it('reports a missing required top-level list', () => {
    const catalog = demoJson();
    delete catalog.guides;
    expect(catalogSchemaProblems(catalog)).toEqual([{ path: ['guides'], message: 'is required' }]);
  });

  it('reports an unknown field once, at its path', () => {
    const catalog = demoJson();
    catalog.departments[4].email = 'housing@qingdao.example';
    expect(catalogSchemaProblems(catalog)).toEqual([{ path: ['departments', 4, 'email'], message: 'is not a field of this record' }]);
  });

  it('reports a unit code that is not 12 digits once, with the pattern', () => {
    const catalog = demoJson();
    catalog.units[5].code = '37021400000';
    expect(catalogSchemaProblems(catalog)).toEqual([{ path: ['units', 5, 'code'], message: 'must match ^\\d{12}$' }]);
  });

  it('reports a bad parent once, folding in why neither a code nor null fits', () => {
    const catalog = demoJson();
    catalog.units[5].parent = '3702';
    expect(catalogSchemaProblems(catalog)).toEqual([{ path: ['units', 5, 'parent'], message: 'fits none of the allowed shapes (it must match ^\\d{12}$; it must be null)' }]);
  });

  it('reports a handler of neither shape once, at the handler, saying why each shape does not fit', () => {
    const catalog = demoJson();
    catalog.items[0].stages[0].handler = { unit: '370200000000' };
    expect(catalogSchemaProblems(catalog)).toEqual([
      {
        path: ['items', 0, 'stages', 0, 'handler'],
        message:
          'fits none of the allowed shapes (department is required; fromAnswer is required; level is required; departmentKind is required; unit is not a field of this record)',
      },
    ]);
  });

  it('reports a handler level outside the four levels at the handler', () => {
    const catalog = demoJson();
    catalog.items[1].stages[0].handler.level = 'province';
    const problems = catalogSchemaProblems(catalog);
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toEqual(['items', 1, 'stages', 0, 'handler']);
    expect(problems[0].message).toContain('level must be one of "city", "district", "street", "community"');
  });

  it('reports an enum and a const with the allowed values', () => {
    const catalog = demoJson();
    catalog.format = 'linkage-catalog/2';
    catalog.items[2].questions[0].kind = 'main';
    expect(catalogSchemaProblems(catalog)).toEqual([
      { path: ['format'], message: 'must be "linkage-catalog/1"' },
      { path: ['items', 2, 'questions', 0, 'kind'], message: 'must be one of "core", "auxiliary"' },
    ]);
  });

  it('reports each broken record separately', () => {
    const catalog = demoJson();
    delete catalog.guides[10].department;
    delete catalog.guides[20].department;
    catalog.guides[30].timeLimit = { statutoryDays: -1 };
    expect(catalogSchemaProblems(catalog)).toEqual([
      { path: ['guides', 10, 'department'], message: 'is required' },
      { path: ['guides', 20, 'department'], message: 'is required' },
      { path: ['guides', 30, 'timeLimit', 'statutoryDays'], message: 'must be >= 0' },
    ]);
  });

  it('refuses something that is not an object at the root', () => {
    expect(catalogSchemaProblems(null)).toEqual([{ path: [], message: 'must be object' }]);
    expect(catalogSchemaProblems([])).toEqual([{ path: [], message: 'must be object' }]);
  });
});
