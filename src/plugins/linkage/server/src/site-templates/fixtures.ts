// View models every template must render without error before it is published: a small city with
// one linked item, built by the same functions as real pages.
import { answerSpace } from '../domain/answer-space';
import type { Catalog, CatalogGuide } from '../domain/catalog-format';
import { guideKey } from '../domain/catalog-format';
import { departmentsByUnitKind } from '../domain/handlers';
import { pageData } from '../domain/page-data';
import { routeItem } from '../domain/routing';
import { routeView } from '../domain/route-view';
import { siteIndexView, siteItemView, type SiteContext } from '../domain/site-views';
import { indexUnits } from '../domain/unit-tree';

const text = (zh: string, en: string) => ({ 'zh-Hans': zh, en });

const FIXTURE: Catalog = {
  format: 'linkage-catalog/1',
  defaultLocale: 'zh-Hans',
  locales: ['zh-Hans', 'en'],
  units: [
    { code: '110000000000', level: 'city', kind: 'municipality', parent: null, name: text('示例市', 'Example City'), siteUrl: 'https://city.example' },
    { code: '110101000000', level: 'district', kind: 'district', parent: '110000000000', name: text('示例区', 'Example District'), siteUrl: 'https://district.example' },
  ],
  departments: [
    { code: 'EX-CA', kind: 'CA', unit: '110000000000', name: text('市民政局', 'City Civil Affairs'), phone: '010-1', address: text('市府路1号', '1 City Road') },
    { code: 'EX-D-CA', kind: 'CA', unit: '110101000000', name: text('区民政局', 'District Civil Affairs') },
  ],
  items: [
    {
      code: 'EX-1',
      slug: 'example-service',
      domain: 'civil-affairs',
      managingUnit: '110000000000',
      managingDepartment: 'EX-CA',
      title: text('示例事项 <b>&"', 'Example service <b>&"'),
      summary: text('说明', 'About it'),
      policies: [{ title: text('办法', 'Measures'), url: 'https://policy.example' }],
      questions: [
        {
          key: 'kind',
          kind: 'core',
          type: 'choice',
          label: text('类型', 'Kind'),
          options: [
            { value: 'a', label: text('甲', 'A') },
            { value: 'b', label: text('乙', 'B') },
          ],
        },
        { key: 'place', kind: 'core', type: 'unit', answerLevel: 'district', label: text('所在区', 'District') },
        { key: 'flag', kind: 'auxiliary', type: 'boolean', label: text('是否', 'Flag') },
      ],
      stages: [
        {
          key: 'district-check',
          order: 10,
          level: 'district',
          name: text('区审核', 'District check'),
          handler: { fromAnswer: 'place', level: 'district', departmentKind: 'CA' },
          appliesWhen: { '==': [{ var: 'kind' }, 'a'] },
        },
        { key: 'city-file', order: 20, level: 'city', name: text('市备案', 'City filing'), handler: { unit: '110000000000', department: 'EX-CA' }, appliesWhen: true },
      ],
    },
  ],
  guides: [
    {
      item: 'EX-1',
      stage: 'district-check',
      unit: '110101000000',
      department: 'EX-D-CA',
      conditions: text('条件 </script><script>alert(1)</script>', 'Conditions'),
      materials: [{ name: text('身份证', 'ID card'), original: 1, copies: 1, required: true, when: { '==': [{ var: 'flag' }, true] }, blankForm: 'form.pdf' }],
      timeLimit: { statutoryDays: 10, promisedDays: 5 },
      fee: text('免费', 'Free'),
      address: text('区府路', 'District Road'),
      phone: '010-2',
      hours: text('工作日', 'Weekdays'),
      onlineUrl: 'https://apply.example',
    },
  ],
};

/** Page data by page template, in `locale`. */
export function fixturePages(locale = 'zh-Hans'): Record<string, object> {
  const units = new Map(FIXTURE.units.map((u) => [u.code, u]));
  const unitIndex = indexUnits(FIXTURE.units.map((u) => ({ code: u.code, level: u.level, kind: u.kind, parentCode: u.parent })));
  const departments = new Map(FIXTURE.departments.map((d) => [d.code, d]));
  const links = { mode: 'local' as const, units, localBase: '' };
  const ctx: SiteContext = {
    units,
    unitIndex,
    lookup: { units, departments },
    items: FIXTURE.items,
    spec: ['conditions', 'materials'],
    locales: FIXTURE.locales,
    locale,
    links,
    space: (item) => answerSpace(item, unitIndex),
  };
  const [item] = FIXTURE.items;
  const guides = new Map<string, CatalogGuide>(FIXTURE.guides.map((g) => [guideKey(g), g]));
  const frame = (title: string, url: string) => ({ title, locale, locales: FIXTURE.locales, url, stylesheet: '/sites/assets/site.css' });
  const itemView = siteItemView('110101000000', item, ctx, guides);
  const space = answerSpace(item, unitIndex);
  const answers = { kind: 'a', place: '110101000000' };
  const route = routeView({
    space,
    answers,
    route: routeItem(space, answers, departmentsByUnitKind(FIXTURE.departments.map((d) => ({ code: d.code, kind: d.kind, unitCode: d.unit })))),
    guides,
    lookup: ctx.lookup,
    spec: ctx.spec,
    locales: ctx.locales,
    locale,
    links,
  });
  return {
    'site-index': pageData(frame('index', '/sites/110101000000'), siteIndexView('110101000000', ctx, FIXTURE.guides)),
    'item-page': pageData(frame('item', '/sites/110101000000/items/example-service'), itemView),
    'route-result': pageData(frame('route', '/sites/110000000000/items/example-service/route'), { ...siteItemView('110000000000', item, ctx, guides), route }, answers),
  };
}
