// A Qingdao-scale catalog, generated: 1 city, 10 districts, 150 streets, 1,500 communities,
// 300 linked items and about 100,000 guides (docs/design.md §7). The units, departments and items form a
// `linkage-catalog/1` file (imported through the plugin, so every rule is checked); the guides are
// generated separately, to be bulk-loaded.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const DEMO = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'database', 'demo', 'qingdao-demo.json'), 'utf8'));
const CITY = '370200000000';
const STREETS_PER_DISTRICT = 15;
const COMMUNITIES_PER_STREET = 10;
const ITEMS = 300;
const DEEP_ITEMS = 60; // items that reach down to the community; the rest stop at the district

const pad = (n, width) => String(n).padStart(width, '0');

function units() {
  const city = DEMO.units.find((u) => u.code === CITY);
  const districts = DEMO.units.filter((u) => u.level === 'district');
  const list = [{ ...city }, ...districts.map((d) => ({ ...d }))];
  for (const d of districts) {
    for (let s = 1; s <= STREETS_PER_DISTRICT; s += 1) {
      const street = `${d.code.slice(0, 6)}${pad(s, 3)}000`;
      list.push({
        code: street,
        level: 'street',
        kind: s % 3 === 0 ? 'town' : 'subdistrict',
        parent: d.code,
        name: { 'zh-Hans': `${d.name['zh-Hans']}第${s}街道`, en: `${d.name.en} Street ${s}` },
        siteUrl: `https://s${s}.${new URL(d.siteUrl).hostname}`,
      });
      for (let c = 1; c <= COMMUNITIES_PER_STREET; c += 1) {
        list.push({
          code: `${street.slice(0, 9)}${pad(c, 3)}`,
          level: 'community',
          kind: c % 4 === 0 ? 'villagers_committee' : 'residents_committee',
          parent: street,
          name: { 'zh-Hans': `${d.name['zh-Hans']}第${s}街道第${c}社区`, en: `${d.name.en} Street ${s} Community ${c}` },
          siteUrl: null,
        });
      }
    }
  }
  return list;
}

function departments(unitList) {
  const levelOf = new Map(DEMO.units.map((u) => [u.code, u.level]));
  const upper = DEMO.departments.filter((d) => ['city', 'district'].includes(levelOf.get(d.unit)));
  const lower = unitList.flatMap((u) => {
    const name = (zh, en) => ({ 'zh-Hans': `${u.name['zh-Hans']}${zh}`, en: `${u.name.en} ${en}` });
    if (u.level === 'street') return [{ code: `${u.code.slice(0, 9)}-OFFICE`, kind: 'OFFICE', unit: u.code, name: name('办事处', 'Office') }];
    if (u.level === 'community') return [{ code: `${u.code}-COMMITTEE`, kind: 'COMMITTEE', unit: u.code, name: name('委员会', 'Committee') }];
    return [];
  });
  return [...upper, ...lower];
}

function items() {
  const deep = DEMO.items.filter((i) => i.code !== 'QD-SI-001');
  const shallow = DEMO.items.find((i) => i.code === 'QD-SI-001');
  const list = [];
  for (let n = 1; n <= ITEMS; n += 1) {
    const template = n <= DEEP_ITEMS ? deep[n % deep.length] : shallow;
    const { note, lastReviewedAt, ...rest } = template;
    list.push({
      ...rest,
      code: `GEN-${pad(n, 3)}`,
      slug: `${template.slug}-${pad(n, 3)}`,
      title: { 'zh-Hans': `${template.title['zh-Hans']}(${n})`, en: `${template.title.en} (${n})` },
    });
  }
  return list;
}

/** The base catalog: everything but the guides. */
function baseCatalog() {
  const unitList = units();
  return {
    format: 'linkage-catalog/1',
    about: 'Generated Qingdao-scale catalog for benchmarks (scripts/bench/lib/scale-catalog.js).',
    referenceDate: DEMO.referenceDate,
    defaultLocale: 'zh-Hans',
    locales: ['zh-Hans', 'en'],
    units: unitList,
    departments: departments(unitList),
    items: items(),
    guideSpec: { required: DEMO.guideSpec.required },
    guides: [],
    responsibilityRules: DEMO.responsibilityRules,
  };
}

/** Every guide the items' stages call for, one per (item, stage, handling unit), in catalog form. */
function* guides(catalog) {
  const byLevel = new Map();
  for (const u of catalog.units) byLevel.set(u.level, [...(byLevel.get(u.level) ?? []), u]);
  const departmentOf = new Map(catalog.departments.map((d) => [`${d.unit}|${d.kind}`, d.code]));
  let n = 0;
  for (const item of catalog.items) {
    for (const stage of item.stages) {
      const handlers = stage.handler.unit
        ? [[stage.handler.unit, stage.handler.department]]
        : byLevel
            .get(stage.handler.level)
            .filter((u) => stage.key !== 'district-approval' || item.domain !== 'social-security' || u.kind === 'district')
            .map((u) => [u.code, departmentOf.get(`${u.code}|${stage.handler.departmentKind}`)]);
      for (const [unit, department] of handlers) {
        n += 1;
        const incomplete = n % 50 === 0;
        yield {
          item: item.code,
          stage: stage.key,
          unit,
          department,
          ...(incomplete ? {} : { conditions: { 'zh-Hans': '符合本市规定条件的申请人。', en: 'Applicants meeting the city rules.' } }),
          materials: [
            { name: { 'zh-Hans': '居民身份证', en: 'Resident identity card' }, original: 1, copies: 1, required: true },
            { name: { 'zh-Hans': '申请表', en: 'Application form' }, original: 1, copies: 0, required: true, blankForm: 'application-form.pdf' },
          ],
          timeLimit: { statutoryDays: 20, promisedDays: 10 },
          fee: { 'zh-Hans': '不收费', en: 'Free of charge' },
          address: { 'zh-Hans': '政务服务大厅', en: 'Government service hall' },
          phone: '0532-12345',
          hours: { 'zh-Hans': '工作日 9:00-17:00', en: 'Working days 9:00-17:00' },
        };
      }
    }
  }
}

module.exports = { baseCatalog, guides };
