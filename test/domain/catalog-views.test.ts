import { handlerDescription, itemSummary, itemView, questionView, unitTree, type UnitNode } from '../../src/plugins/linkage/server/src/domain/catalog-views';
import { kindName, levelName, textIn } from '../../src/plugins/linkage/server/src/domain/vocabulary';
import { loadDemo } from './demo-fixtures';
import { ALLOWANCE, ALLOWANCE_SLUG, CITY, HOUSING, MEDICAL, RETIREMENT, RETIREMENT_SLUG, itemOf, linksOf, navigatorOf } from './navigator-fixtures';

const nav = navigatorOf();
const local = linksOf(nav, 'local');
const API = '/api/linkage';
const count = (nodes: UnitNode[]): number => nodes.reduce((n, node) => n + 1 + count(node.children), 0);
const find = (nodes: UnitNode[], code: string): UnitNode | undefined => {
  for (const node of nodes) {
    if (node.code === code) return node;
    const below = find(node.children, code);
    if (below) return below;
  }
  return undefined;
};
/** The tree as nested codes only. */
const shape = (nodes: UnitNode[]): unknown[] => nodes.map((n) => (n.children.length > 0 ? { [n.code]: shape(n.children) } : n.code));

describe('unitTree', () => {
  const tree = unitTree(nav.catalog.units, 'zh-Hans');

  it('has one root, the city, holding all 26 units', () => {
    expect(tree.map((n) => n.code)).toEqual([CITY]);
    expect(count(tree)).toBe(26);
  });

  it('puts the 10 districts and county-level cities under the city, in code order', () => {
    expect(tree[0].children.map((n) => n.name)).toEqual(['市南区', '市北区', '黄岛区', '崂山区', '李沧区', '城阳区', '即墨区', '胶州市', '平度市', '莱西市']);
  });

  it('nests streets under their district and communities under their street', () => {
    expect(find(tree, '370202000000')?.children.map((n) => n.code)).toEqual(['370202001000', '370202002000']);
    expect(find(tree, '370202001000')?.children.map((n) => n.code)).toEqual(['370202001001', '370202001002']);
    expect(find(tree, '370281000000')?.children.map((n) => n.code)).toEqual(['370281001000', '370281002000']);
    expect(find(tree, '370281001000')?.children.map((n) => n.name)).toEqual(['常州路社区居民委员会', '北关村民委员会']);
    expect(find(tree, '370281002000')?.children).toEqual([]);
    expect(find(tree, '370285000000')?.children).toEqual([]);
  });

  it('describes each unit with its level and kind names in the locale, and its site or null', () => {
    const { children, ...city } = tree[0];
    expect(children).toHaveLength(10);
    expect(city).toEqual({
      code: CITY,
      level: 'city',
      levelName: '市级',
      kind: 'prefecture_city',
      kindName: '地级市',
      name: '青岛市',
      siteUrl: 'https://www.qingdao.example',
    });
    expect(find(tree, '370281000000')).toMatchObject({ kindName: '县级市', levelName: '区(市)级' });
    expect(find(tree, '370281001002')).toMatchObject({ kind: 'villagers_committee', kindName: '村民委员会', siteUrl: null, children: [] });
    const en = unitTree(nav.catalog.units, 'en');
    expect(find(en, '370281000000')).toMatchObject({ name: 'Jiaozhou City', kindName: 'county-level city', levelName: 'district level' });
  });

  it('builds the same tree whatever order the units come in', () => {
    const shuffled = [...loadDemo().units].reverse();
    expect(shape(unitTree(shuffled, 'zh-Hans'))).toEqual(shape(tree));
  });

  it('makes a root of a unit whose parent is not given', () => {
    const units = nav.catalog.units.filter((u) => u.code !== CITY);
    const roots = unitTree(units, 'en');
    expect(roots).toHaveLength(10);
    expect(count(roots)).toBe(25);
  });
});

describe('itemSummary', () => {
  it('summarises the retirement item with the levels its stages involve and its page on the city site', () => {
    const summary = itemSummary(itemOf(nav, RETIREMENT), 'zh-Hans', local);
    expect(summary).toMatchObject({
      code: RETIREMENT,
      slug: RETIREMENT_SLUG,
      title: '企业职工退休认证',
      domain: 'social-security',
      url: `/sites/${CITY}/items/${RETIREMENT_SLUG}`,
    });
    expect([...summary.levels].sort()).toEqual(['city', 'district']);
    expect(summary.summary).toMatch(/^职工退休认证包括正常退休/);
  });

  it('lists each level once, in stage order, for the four-level allowance', () => {
    expect(itemSummary(itemOf(nav, ALLOWANCE), 'en', local).levels).toEqual(['community', 'street', 'district', 'city']);
    expect(itemSummary(itemOf(nav, HOUSING), 'en', local).levels).toEqual(['community', 'street', 'district', 'city']);
    expect(itemSummary(itemOf(nav, MEDICAL), 'en', local).levels).toEqual(['community', 'district']);
  });

  it('falls back to the code as slug, and links to the city site in site mode', () => {
    const item = { ...itemOf(nav, ALLOWANCE) };
    delete item.slug;
    expect(itemSummary(item, 'en', linksOf(nav, 'site'))).toMatchObject({ slug: ALLOWANCE, url: `https://www.qingdao.example/items/${ALLOWANCE}` });
    expect(itemSummary(itemOf(nav, ALLOWANCE), 'en', linksOf(nav, 'site')).url).toBe(`https://www.qingdao.example/items/${ALLOWANCE_SLUG}`);
  });
});

describe('handlerDescription', () => {
  const item = itemOf(nav, RETIREMENT);
  const stage = (key: string) => item.stages.find((s) => s.key === key) as (typeof item.stages)[number];

  it('names a fixed handler unit and department', () => {
    expect(handlerDescription(stage('city-approval'), item, nav.lookup, 'zh-Hans')).toBe('青岛市 · 青岛市社会保险事业中心');
    expect(handlerDescription(stage('work-ability-appraisal'), item, nav.lookup, 'en')).toBe('Qingdao · Qingdao Work Ability Appraisal Committee Office');
  });

  it('says how an answer-based handler is found, naming the question, as a noun phrase that follows "handled by"', () => {
    expect(handlerDescription(stage('district-review'), item, nav.lookup, 'zh-Hans')).toBe('「原企业所在区(市)」的社会保险经办机构');
    expect(handlerDescription(stage('district-review'), item, nav.lookup, 'en')).toBe(
      'the social insurance agency of your "District or county-level city where the enterprise is registered"'
    );
  });

  it('falls back to codes for unknown units and departments', () => {
    const orphan = { ...stage('city-approval'), handler: { unit: '370299000000', department: 'XX' } };
    expect(handlerDescription(orphan, item, nav.lookup, 'en')).toBe('370299000000 · XX');
  });
});

describe('questionView', () => {
  it('shows a choice question with its options in the locale', () => {
    expect(questionView(itemOf(nav, RETIREMENT).questions[1], 'en')).toEqual({
      key: 'enterprise_type',
      kind: 'core',
      type: 'choice',
      label: 'Type of the employing enterprise',
      options: [
        { value: 'domestic', label: 'Domestic enterprise (not foreign-invested)' },
        { value: 'foreign', label: 'Foreign-invested enterprise' },
      ],
    });
  });

  it('shows a unit question with its answer level and area, and no options', () => {
    expect(questionView(itemOf(nav, ALLOWANCE).questions[0], 'zh-Hans')).toEqual({
      key: 'household_location',
      kind: 'core',
      type: 'unit',
      label: '户籍所在社区(村)',
      answerLevel: 'community',
      within: CITY,
    });
  });
});

describe('itemView', () => {
  const view = itemView(itemOf(nav, RETIREMENT), nav.lookup, 'zh-Hans', local, API);

  it('gives the managing unit and department with contacts, and the policies', () => {
    expect(view.managingUnit).toEqual({ code: CITY, name: '青岛市' });
    expect(view.managingDepartment).toEqual({ code: 'QD-EGOV', name: '青岛市政务服务管理办公室', phone: '0532-12345', address: '青岛市市南区香港中路11号' });
    expect(view.policies).toEqual([{ title: '国务院关于工人退休、退职的暂行办法', url: 'https://www.gov.example/policy/retirement-interim-measures' }]);
  });

  it('lists the four questions, core then auxiliary as the item orders them', () => {
    expect(view.questions.map((q) => [q.key, q.kind, q.type])).toEqual([
      ['retirement_type', 'core', 'choice'],
      ['enterprise_type', 'core', 'choice'],
      ['enterprise_location', 'core', 'unit'],
      ['has_military_service', 'auxiliary', 'boolean'],
    ]);
  });

  it('lists the stages in order with level name, readable condition and handler description', () => {
    expect(view.stages.map((s) => [s.key, s.order, s.levelName, s.handler])).toEqual([
      ['work-ability-appraisal', 10, '市级', '青岛市 · 青岛市劳动能力鉴定委员会办公室'],
      ['district-approval', 20, '区(市)级', '「原企业所在区(市)」的社会保险经办机构'],
      ['district-review', 30, '区(市)级', '「原企业所在区(市)」的社会保险经办机构'],
      ['city-approval', 40, '市级', '青岛市 · 青岛市社会保险事业中心'],
    ]);
    expect(view.stages[0].condition).toBe('退休类型为「因病退休」');
    expect(view.stages[0].appliesWhen).toEqual({ '==': [{ var: 'retirement_type' }, 'illness'] });
    expect(view.stages[3].condition).toMatch(/^并非\(/);
  });

  it('links to the route and the flow chart in each format, in the locale', () => {
    expect(view.links).toEqual({
      route: `${API}/items/${RETIREMENT_SLUG}/route`,
      flowchart: {
        svg: `${API}/items/${RETIREMENT_SLUG}/flowchart?format=svg&locale=zh-Hans`,
        mermaid: `${API}/items/${RETIREMENT_SLUG}/flowchart?format=mermaid&locale=zh-Hans`,
        json: `${API}/items/${RETIREMENT_SLUG}/flowchart?format=json&locale=zh-Hans`,
      },
    });
  });

  it('is written in English for en', () => {
    const en = itemView(itemOf(nav, ALLOWANCE), nav.lookup, 'en', local, API);
    expect(en.title).toBe('Application for the minimum living allowance');
    expect(en.stages.map((s) => s.handler)).toEqual([
      // Department types by name, and the level only where it is not the answer's own.
      'the residents\' or villagers\' committee of your "Community or village of household registration"',
      'the subdistrict or town office of the subdistrict or town where your "Community or village of household registration" lies',
      'the civil affairs office of the district or county-level city where your "Community or village of household registration" lies',
      'Qingdao · Qingdao Civil Affairs Bureau',
    ]);
    expect(en.stages.every((s) => s.condition === 'always')).toBe(true);
  });
});

describe('vocabulary', () => {
  it('names levels and kinds in zh-Hans and en, falling back to English, then to the kind itself', () => {
    expect(levelName('street', 'zh-Hans')).toBe('街道(镇)级');
    expect(levelName('community', 'en')).toBe('community level');
    expect(levelName('district', 'fr')).toBe('district level');
    expect(kindName('county_city', 'zh-Hans')).toBe('县级市');
    expect(kindName('district', 'zh-Hans')).toBe('区');
    expect(kindName('villagers_committee', 'en')).toBe("villagers' committee");
    expect(kindName('unknown_kind', 'en')).toBe('unknown_kind');
  });

  it('reads a text in the locale, else the first locale that has it, else empty', () => {
    expect(textIn({ 'zh-Hans': '青岛市', en: 'Qingdao' }, 'en')).toBe('Qingdao');
    expect(textIn({ 'zh-Hans': '青岛市' }, 'en')).toBe('青岛市');
    expect(textIn(undefined, 'en')).toBe('');
    expect(textIn({}, 'en')).toBe('');
  });
});
