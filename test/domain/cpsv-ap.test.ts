// The CPSV-AP 3.2.0 mapping of the catalog (domain/cpsv-ap.ts) and the IRIs it mints
// (domain/resource-iris.ts): the IRI scheme, rooted at the base URL with codes percent-encoded;
// every field of a guide and an item where the mapping puts it, in both locales; working days said
// in the data; and the demo catalog, and records stripped to their required fields, conforming to
// the release's SHACL shapes (validated by rdf-validate-shacl, test/support/shacl.ts).
import type { Catalog, CatalogGuide, CatalogItem } from '../../src/plugins/linkage/server/src/domain/catalog-format';
import {
  areaNode,
  areasWithAncestors,
  cpsvApDocument,
  cpsvApEtag,
  departmentNode,
  guideNode,
  itemNodes,
  type CpsvApFacts,
  type JsonLdNode,
} from '../../src/plugins/linkage/server/src/domain/cpsv-ap';
import { resourceIris } from '../../src/plugins/linkage/server/src/domain/resource-iris';
import { validateCpsvAp, violations } from '../support/shacl';
import { clone, loadDemo } from './demo-fixtures';

const BASE = 'https://portal.qingdao.example/linkage';
const RETIREMENT = 'QD-SI-001';
const JIAOZHOU = '370281000000';

const factsOf = (catalog: Catalog, base = BASE): CpsvApFacts => ({
  iris: resourceIris(base),
  locales: catalog.locales,
  units: new Map(catalog.units.map((u) => [u.code, u])),
  departments: new Map(catalog.departments.map((d) => [d.code, d])),
});

/** Every node of the catalog's export, as the service writes them (areas, departments, then each item's guides and own nodes). */
function exportNodes(catalog: Catalog, base = BASE): JsonLdNode[] {
  const facts = factsOf(catalog, base);
  const nodes: JsonLdNode[] = [...catalog.units.map((u) => areaNode(u, facts)), ...catalog.departments.map((d) => departmentNode(d, facts))];
  for (const item of catalog.items.filter((i) => i.status !== 'draft')) {
    const guides = catalog.guides.filter((g) => g.item === item.code && g.status !== 'draft').map((g) => guideNode(g, item, facts));
    nodes.push(
      ...guides,
      ...itemNodes(
        item,
        guides.map((g) => g['@id']),
        facts
      )
    );
  }
  return nodes;
}

const itemOf = (catalog: Catalog, code: string): CatalogItem => catalog.items.find((i) => i.code === code) as CatalogItem;
const guideOf = (catalog: Catalog, stage: string, unit: string, item = RETIREMENT): CatalogGuide =>
  catalog.guides.find((g) => g.item === item && g.stage === stage && g.unit === unit) as CatalogGuide;
const valuesIn = (literals: unknown, language: string): string[] =>
  (literals as Array<{ '@value': string; '@language': string }>).filter((l) => l['@language'] === language).map((l) => l['@value']);

describe('resource IRIs', () => {
  const iris = resourceIris(BASE);

  test('each record has an IRI under the base URL, from its codes', () => {
    expect(iris.item(RETIREMENT)).toEqual({ iri: `${BASE}/id/items/QD-SI-001`, identifier: 'QD-SI-001' });
    expect(iris.guide({ item: RETIREMENT, stage: 'district-review', unit: JIAOZHOU })).toEqual({
      iri: `${BASE}/id/items/QD-SI-001/stages/district-review/units/370281000000`,
      identifier: 'QD-SI-001/district-review/370281000000',
    });
    expect(iris.department('370281-SI')).toEqual({ iri: `${BASE}/id/departments/370281-SI`, identifier: '370281-SI' });
    expect(iris.area(JIAOZHOU)).toEqual({ iri: `${BASE}/id/areas/370281000000`, identifier: '370281000000' });
    expect(iris.stageRule(RETIREMENT, 'city-approval').iri).toBe(`${BASE}/id/items/QD-SI-001/stages/city-approval#applies-when`);
  });

  test("a record's parts take fragments of its IRI", () => {
    const guide = { item: RETIREMENT, stage: 'district-review', unit: JIAOZHOU };
    expect(iris.material(guide, 2)).toEqual({ iri: `${iris.guide(guide).iri}#material-2`, identifier: 'QD-SI-001/district-review/370281000000#material-2' });
    expect(iris.guidePart(guide, 'fee').iri).toBe(`${iris.guide(guide).iri}#fee`);
    expect(iris.policy(RETIREMENT, 1).iri).toBe(`${BASE}/id/items/QD-SI-001#policy-1`);
  });

  test('a trailing slash of the base URL is not doubled; a base URL with a path keeps it', () => {
    expect(resourceIris(`${BASE}/`).item('X').iri).toBe(`${BASE}/id/items/X`);
    expect(resourceIris('http://localhost:1337').area('370200000000').iri).toBe('http://localhost:1337/id/areas/370200000000');
  });

  test('codes are percent-encoded, one path segment each', () => {
    const odd = { item: 'A B/C', stage: '审核?#', unit: '1%2' };
    expect(iris.guide(odd).iri).toBe(`${BASE}/id/items/A%20B%2FC/stages/%E5%AE%A1%E6%A0%B8%3F%23/units/1%252`);
    expect(iris.guide(odd).identifier).toBe('A B/C/审核?#/1%2');
    expect(new URL(iris.guide(odd).iri).pathname.split('/')).toHaveLength(9);
  });
});

describe('a guide', () => {
  const catalog = loadDemo();
  const facts = factsOf(catalog);
  const item = itemOf(catalog, RETIREMENT);
  const node = guideNode(guideOf(catalog, 'district-review', JIAOZHOU), item, facts);
  const guideIri = `${BASE}/id/items/QD-SI-001/stages/district-review/units/370281000000`;

  test('is a public service with its identifier and its title and description in both locales', () => {
    expect(node).toMatchObject({ '@id': guideIri, '@type': 'cpsv:PublicService', 'dct:identifier': 'QD-SI-001/district-review/370281000000' });
    expect(valuesIn(node['dct:title'], 'zh-Hans')).toEqual(['企业职工退休认证 · 区(市)社会保险经办机构审核 · 胶州市']);
    expect(valuesIn(node['dct:title'], 'en')).toEqual([
      'Retirement certification for enterprise employees · Review by the district or county-level city social insurance agency · Jiaozhou City',
    ]);
    expect(valuesIn(node['dct:description'], 'zh-Hans')[0]).toContain('由胶州市社会保险事业中心办理');
    expect(valuesIn(node['dct:description'], 'en')[0]).toContain('handled by Jiaozhou City Social Insurance Center');
  });

  test('its department is its competent authority; its unit is its area; its stage its position', () => {
    expect(node['cv:hasCompetentAuthority']).toEqual({ '@id': `${BASE}/id/departments/370281-SI` });
    expect(node['dct:spatial']).toEqual({ '@id': `${BASE}/id/areas/370281000000` });
    expect(node['schema:position']).toBe(3);
  });

  test('its promised working days are its processing time; both time limits, as working days, its time-limits rule', () => {
    expect(node['cv:processingTime']).toEqual({ '@value': 'P15D', '@type': 'xsd:duration' });
    const [stageRule, limits] = node['cpsv:follows'] as [{ '@id': string }, JsonLdNode];
    expect(stageRule).toEqual({ '@id': `${BASE}/id/items/QD-SI-001/stages/district-review#applies-when` });
    expect(limits).toMatchObject({ '@id': `${guideIri}#time-limits`, '@type': 'cpsv:Rule', 'dct:identifier': 'QD-SI-001/district-review/370281000000#time-limits' });
    expect(valuesIn(limits['dct:description'], 'zh-Hans')).toEqual(['法定办结时限 20 个工作日；承诺办结时限 15 个工作日。工作日不含周六、周日和法定节假日。']);
    expect(valuesIn(limits['dct:description'], 'en')).toEqual([
      'Statutory time limit 20 working days; promised time limit 15 working days. Working days exclude Saturdays, Sundays and public holidays.',
    ]);
  });

  test('only statutory days: they are the processing time; no time limit: none', () => {
    const allowance = itemOf(catalog, 'QD-CA-001');
    const statutory = guideNode(guideOf(catalog, 'district-approval', '370202000000', 'QD-CA-001'), allowance, facts);
    expect(statutory['cv:processingTime']).toEqual({ '@value': 'P10D', '@type': 'xsd:duration' });
    const none = guideNode(guideOf(catalog, 'district-review', '370283000000'), item, facts);
    expect(none['cv:processingTime']).toBeUndefined();
    expect((none['cpsv:follows'] as unknown[]).length).toBe(1);
  });

  test('its conditions are a requirement, its materials evidence supporting it, in order, with their conditions as sentences', () => {
    expect(node['cv:holdsRequirement']).toMatchObject({ '@id': `${guideIri}#conditions`, '@type': 'cv:Requirement' });
    const requirement = node['cv:holdsRequirement'] as JsonLdNode;
    expect(valuesIn(requirement['dct:description'], 'en')[0]).toMatch(/^Men aged 60/);
    const evidence = node['cpsv:hasInput'] as JsonLdNode[];
    expect(evidence.map((e) => valuesIn(e['dct:title'], 'zh-Hans')[0])).toEqual(['职工退休审批表', '居民身份证', '职工人事档案', '退伍证或军官转业证']);
    expect(evidence.map((e) => e['@id'])).toEqual([1, 2, 3, 4].map((n) => `${guideIri}#material-${n}`));
    expect(requirement['cv:hasSupportingEvidence']).toEqual(evidence.map((e) => ({ '@id': e['@id'] })));
    expect(evidence[0]['cv:supportsRequirement']).toEqual({ '@id': requirement['@id'] });
    expect(valuesIn(evidence[0]['dct:description'], 'zh-Hans')).toEqual(['原件 2 份；复印件 0 份；必需；空白表格：retirement-approval-form.pdf。']);
    expect(valuesIn(evidence[3]['dct:description'], 'en')[0]).toContain('when: the answer to "Has years of military service counted as contribution years" is yes');
  });

  test('its fee is a cost; its address and hours, and its online link, channels; its phone a contact point', () => {
    expect(node['cv:hasCost']).toEqual({
      '@id': `${guideIri}#fee`,
      '@type': 'cv:Cost',
      'dct:identifier': 'QD-SI-001/district-review/370281000000#fee',
      'dct:description': [
        { '@value': '不收费', '@language': 'zh-Hans' },
        { '@value': 'Free of charge', '@language': 'en' },
      ],
    });
    const [inPerson] = node['cv:hasChannel'] as JsonLdNode[];
    expect(inPerson).toMatchObject({ '@id': `${guideIri}#in-person`, '@type': 'cv:Channel', 'locn:address': { '@type': 'locn:Address' } });
    expect(valuesIn((inPerson['locn:address'] as JsonLdNode)['locn:fullAddress'], 'zh-Hans')).toEqual(['胶州市社会保险事业中心服务大厅']);
    expect(inPerson['cv:openingHours']).toMatchObject({ '@id': `${guideIri}#hours`, '@type': 'time:TemporalEntity' });
    expect(node['cv:contactPoint']).toEqual({
      '@id': `${guideIri}#contact`,
      '@type': 'cv:ContactPoint',
      'cv:telephone': '0532-12333',
      'cv:openingHours': { '@id': `${guideIri}#hours` },
    });
    const shinan = guideNode(guideOf(catalog, 'district-approval', '370202000000'), item, facts);
    const online = (shinan['cv:hasChannel'] as JsonLdNode[]).find((c) => c['@id'].endsWith('#online'));
    expect(online).toMatchObject({ '@type': 'cv:Channel', 'foaf:page': { '@id': 'https://shinan.qingdao.example/online/retirement' } });
    expect(valuesIn(online?.['dct:description'], 'en')).toEqual(['Online: https://shinan.qingdao.example/online/retirement']);
  });

  test("its item's policies are its legal resources", () => {
    expect(node['cv:hasLegalResource']).toEqual([{ '@id': `${BASE}/id/items/QD-SI-001#policy-1` }]);
  });
});

describe('an item, its departments and areas', () => {
  const catalog = loadDemo();
  const facts = factsOf(catalog);
  const item = itemOf(catalog, RETIREMENT);
  const [service, policy, ...rules] = itemNodes(item, ['g1', 'g2'], facts);

  test('is a public service made of its guides, managed by its department, following its stages in order', () => {
    expect(service).toMatchObject({
      '@id': `${BASE}/id/items/QD-SI-001`,
      '@type': 'cpsv:PublicService',
      'dct:identifier': 'QD-SI-001',
      'cv:hasCompetentAuthority': { '@id': `${BASE}/id/departments/QD-EGOV` },
      'dct:spatial': { '@id': `${BASE}/id/areas/370200000000` },
      'dct:hasPart': [{ '@id': 'g1' }, { '@id': 'g2' }],
    });
    expect(valuesIn(service['dct:title'], 'zh-Hans')).toEqual(['企业职工退休认证']);
    expect(valuesIn(service['dct:description'], 'en')[0]).toMatch(/^Retirement certification comes in four types/);
    expect(rules.map((r) => [r['dct:identifier'], r['schema:position']])).toEqual([
      ['QD-SI-001/work-ability-appraisal#applies-when', 1],
      ['QD-SI-001/district-approval#applies-when', 2],
      ['QD-SI-001/district-review#applies-when', 3],
      ['QD-SI-001/city-approval#applies-when', 4],
    ]);
    expect(service['cpsv:follows']).toEqual(rules.map((r) => ({ '@id': r['@id'] })));
  });

  test("a stage's condition is a rule read as a sentence, in both locales; a stage for everyone says so", () => {
    expect(valuesIn(rules[0]['dct:title'], 'zh-Hans')).toEqual(['第 1 步：劳动能力鉴定']);
    expect(valuesIn(rules[0]['dct:description'], 'zh-Hans')).toEqual(['「企业职工退休认证」共 4 个环节，此为第 1 个；适用条件：退休类型为「因病退休」。']);
    expect(valuesIn(rules[0]['dct:description'], 'en')).toEqual([
      'Stage 1 of the 4 of "Retirement certification for enterprise employees"; it applies when: Type of retirement is "Retirement on illness".',
    ]);
    const [, , ...allowanceRules] = itemNodes(itemOf(catalog, 'QD-CA-001'), [], facts);
    expect(valuesIn(allowanceRules[0]['dct:description'], 'en')[0]).toMatch(/every application goes through it\.$/);
  });

  test('its policies are legal resources with their page', () => {
    expect(policy).toMatchObject({
      '@id': `${BASE}/id/items/QD-SI-001#policy-1`,
      '@type': 'eli:LegalResource',
      'foaf:page': { '@id': 'https://www.gov.example/policy/retirement-interim-measures' },
    });
    expect(valuesIn(policy['dct:title'], 'en')).toEqual(['Interim Measures of the State Council on the Retirement of Workers']);
  });

  test('a department is a public organisation named in both locales, in its area; an area is part of the one above', () => {
    const department = departmentNode(facts.departments.get('370281-SI') as never, facts);
    expect(department).toMatchObject({ '@type': 'cv:PublicOrganisation', 'dct:identifier': '370281-SI', 'dct:spatial': { '@id': `${BASE}/id/areas/370281000000` } });
    expect(valuesIn(department['skos:prefLabel'], 'zh-Hans')).toEqual(['胶州市社会保险事业中心']);
    expect(valuesIn(department['skos:prefLabel'], 'en')).toEqual(['Jiaozhou City Social Insurance Center']);
    const street = areaNode(facts.units.get('370281001000') as never, facts);
    expect(street).toMatchObject({ '@type': 'dct:Location', 'dct:isPartOf': { '@id': `${BASE}/id/areas/370281000000` } });
    expect(areasWithAncestors(['370281001002', '370202000000'], facts.units)).toEqual(['370200000000', '370202000000', '370281000000', '370281001000', '370281001002']);
  });

  test('no text is ever an untagged string, and every locale of the catalog is present', () => {
    const nodes = exportNodes(catalog);
    const untagged: string[] = [];
    const languages = new Set<string>();
    const walk = (value: unknown, at: string): void => {
      if (Array.isArray(value)) return value.forEach((v, i) => walk(v, `${at}[${i}]`));
      if (typeof value !== 'object' || value === null) return;
      for (const [key, v] of Object.entries(value)) {
        if (key === '@language') languages.add(String(v));
        if (
          /^(dct:(title|description)|skos:prefLabel|locn:fullAddress|dcat:keyword)$/.test(key) &&
          (typeof v === 'string' || (Array.isArray(v) && v.some((x) => typeof x === 'string')))
        )
          untagged.push(`${at}.${key}`);
        walk(v, `${at}.${key}`);
      }
    };
    walk(nodes, 'nodes');
    expect(untagged).toEqual([]);
    expect([...languages].sort()).toEqual(['en', 'zh-Hans']);
  });
});

describe('conformance to the CPSV-AP 3.2.0 SHACL shapes', () => {
  test('the whole demo catalog, and records holding only what they must, conform: 0 violations', async () => {
    const bare = clone(loadDemo());
    // An item with no summary, policies or anything optional; a guide with nothing but its codes.
    const item = itemOf(bare, 'QD-MI-001');
    delete item.summary;
    delete item.policies;
    const guide = bare.guides.find((g) => g.item === 'QD-MI-001') as CatalogGuide;
    for (const field of ['conditions', 'materials', 'timeLimit', 'fee', 'onlineUrl', 'address', 'phone', 'hours'] as const) delete guide[field];
    const [demo, stripped] = await validateCpsvAp([cpsvApDocument(exportNodes(loadDemo())), cpsvApDocument(exportNodes(bare, 'http://localhost:1337'))]);
    expect(violations(demo)).toEqual([]);
    expect(demo).toMatchObject({ conforms: true });
    expect(demo.triples).toBeGreaterThan(5000);
    expect(violations(stripped)).toEqual([]);
  });
});

describe('the ETag of an export', () => {
  const version = { baseUrl: BASE, locales: ['zh-Hans', 'en'], changeHead: 42, itemCode: null };
  test('is weak, the same for the same version, another for another change, base URL or item', () => {
    expect(cpsvApEtag(version)).toMatch(/^W\/"cpsv-ap-[\w-]+"$/);
    expect(cpsvApEtag({ ...version })).toBe(cpsvApEtag(version));
    for (const other of [{ changeHead: 43 }, { baseUrl: 'https://other.example' }, { itemCode: RETIREMENT }, { locales: ['zh-Hans'] }]) {
      expect(cpsvApEtag({ ...version, ...other })).not.toBe(cpsvApEtag(version));
    }
  });
});
