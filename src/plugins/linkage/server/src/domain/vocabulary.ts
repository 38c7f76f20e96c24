// Names of levels and unit kinds in each locale the plugin speaks, for pages, flow charts and reports.
import type { Level } from './levels';

type Names = Readonly<Record<string, string>>;

const LEVEL_NAMES: Readonly<Record<string, Readonly<Record<Level, string>>>> = {
  'zh-Hans': { city: '市级', district: '区(市)级', street: '街道(镇)级', community: '社区(村)级' },
  en: { city: 'city level', district: 'district level', street: 'street level', community: 'community level' },
};

const KIND_NAMES: Readonly<Record<string, Names>> = {
  'zh-Hans': {
    prefecture_city: '地级市',
    municipality: '直辖市',
    district: '区',
    county_city: '县级市',
    county: '县',
    subdistrict: '街道',
    town: '镇',
    township: '乡',
    residents_committee: '居民委员会',
    villagers_committee: '村民委员会',
  },
  en: {
    prefecture_city: 'prefecture-level city',
    municipality: 'municipality',
    district: 'district',
    county_city: 'county-level city',
    county: 'county',
    subdistrict: 'subdistrict',
    town: 'town',
    township: 'township',
    residents_committee: "residents' committee",
    villagers_committee: "villagers' committee",
  },
};

// Department types are shared by every unit; these are the ones of Qingdao's catalog. A type not
// listed here is shown by its code.
const DEPARTMENT_KIND_NAMES: Readonly<Record<string, Names>> = {
  'zh-Hans': {
    SI: '社会保险经办机构',
    CA: '民政部门',
    HOUSING: '住房保障部门',
    MI: '医疗保障部门',
    LAC: '劳动能力鉴定机构',
    EGOV: '政务服务管理部门',
    OFFICE: '街道(乡镇)办事机构',
    COMMITTEE: '居(村)民委员会',
  },
  en: {
    SI: 'social insurance agency',
    CA: 'civil affairs office',
    HOUSING: 'housing security office',
    MI: 'healthcare security office',
    LAC: 'work ability appraisal body',
    EGOV: 'government services office',
    OFFICE: 'subdistrict or town office',
    COMMITTEE: "residents' or villagers' committee",
  },
};

// The domains of Qingdao's catalog; a domain not listed here is shown by its code.
const DOMAIN_NAMES: Readonly<Record<string, Names>> = {
  'zh-Hans': { 'social-security': '社会保障', 'civil-affairs': '民政', housing: '住房保障', healthcare: '医疗保障' },
  en: { 'social-security': 'Social security', 'civil-affairs': 'Civil affairs', housing: 'Housing', healthcare: 'Healthcare' },
};

/** The locale's own table, else English. */
const table = <T>(tables: Readonly<Record<string, T>>, locale: string): T => tables[locale] ?? tables.en;

export const levelName = (level: Level, locale: string): string => table(LEVEL_NAMES, locale)[level];

// A unit of a level, as a noun: "the district", 区(市).
const LEVEL_NOUNS: Readonly<Record<string, Readonly<Record<Level, string>>>> = {
  'zh-Hans': { city: '市', district: '区(市)', street: '街道(镇)', community: '社区(村)' },
  en: { city: 'city', district: 'district or county-level city', street: 'subdistrict or town', community: 'community or village' },
};
export const levelNoun = (level: Level, locale: string): string => table(LEVEL_NOUNS, locale)[level];
export const kindName = (kind: string, locale: string): string => table(KIND_NAMES, locale)[kind] ?? kind;
export const departmentKindName = (kind: string, locale: string): string => table(DEPARTMENT_KIND_NAMES, locale)[kind] ?? kind;
export const domainName = (domain: string, locale: string): string => table(DOMAIN_NAMES, locale)[domain] ?? domain;

/** A localized text in `locale`, else the first locale that has it. */
export const textIn = (text: Readonly<Record<string, string>> | undefined, locale: string): string => text?.[locale] ?? Object.values(text ?? {})[0] ?? '';
