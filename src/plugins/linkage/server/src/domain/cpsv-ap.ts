// The published catalog as CPSV-AP 3.2.0 (the EU's Core Public Service Vocabulary Application
// Profile) JSON-LD: one node per record, written in every locale as language-tagged text, under the
// IRIs of resource-iris.ts. It conforms to the release's SHACL shapes (the tests validate it with a
// SHACL engine). Field by field, with what is not mapped and why: docs/cpsv-ap-mapping.md.
//
// In short: a linked item and each of its guides are `cpsv:PublicService`s, the item `dct:hasPart`
// its guides, each carrying its stage's position (`schema:position`); a guide's competent authority
// is its department (`cv:PublicOrganisation`, `dct:spatial` its unit's area); its materials are
// `cv:Evidence`, its conditions a `cv:Requirement`, when its stage applies and its time limits
// `cpsv:Rule`s, the item's policies `eli:LegalResource`s, its fee a `cv:Cost`, its address, hours
// and online link `cv:Channel`s and its phone a `cv:ContactPoint`.
import { createHash } from 'node:crypto';
import type { CatalogDepartment, CatalogGuide, CatalogItem, CatalogMaterial, CatalogStage, CatalogUnit, LocalizedText, TimeLimit } from './catalog-format';
import { conditionText } from './condition-text';
import { guideTitle } from './guide-title';
import { webUrlOrNull } from './links';
import type { ResourceIris, ResourceName } from './resource-iris';
import { stageOrder } from './routing';
import { domainName } from './vocabulary';

/**
 * The document's context, inline: a consumer needs nothing from the network to read it (the
 * release's own context, published at semiceu.github.io, maps terms such as `PublicService.name`
 * that are not used here). Every property below is written as a compact IRI with these prefixes.
 */
export const CPSV_AP_CONTEXT = {
  cpsv: 'http://purl.org/vocab/cpsv#',
  cv: 'http://data.europa.eu/m8g/',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  eli: 'http://data.europa.eu/eli/ontology#',
  foaf: 'http://xmlns.com/foaf/0.1/',
  locn: 'http://www.w3.org/ns/locn#',
  schema: 'https://schema.org/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  time: 'http://www.w3.org/2006/time#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

export const CPSV_AP_MEDIA_TYPE = 'application/ld+json';

/** Changed whenever the mapping writes something else for the same catalog: part of the export's ETag. */
export const CPSV_AP_MAPPING_VERSION = '1';

/** What an export's content depends on, besides the mapping: the published catalog as of a change, where its IRIs live, its scope. */
export interface CpsvApVersion {
  readonly baseUrl: string;
  readonly locales: readonly string[];
  /** The change feed's last number: every publish, unpublish or delete of what the export reads moves it, on every instance. */
  readonly changeHead: number;
  /** The one item exported, or null: the whole catalog. */
  readonly itemCode: string | null;
}

/**
 * A weak ETag for a streamed export (its bytes are not hashed before they are sent): equal for
 * exports of the same published catalog, as of the same change, under the same base URL and mapping.
 */
export function cpsvApEtag(version: CpsvApVersion): string {
  const key = [CPSV_AP_MAPPING_VERSION, version.baseUrl, version.locales.join(','), version.changeHead, version.itemCode ?? '*'].join('\n');
  return `W/"cpsv-ap-${createHash('sha1').update(key).digest('base64url')}"`;
}

export interface LangString {
  readonly '@value': string;
  readonly '@language': string;
}

export interface Reference {
  readonly '@id': string;
}

/** A JSON-LD node object: its IRI, its type, and its properties as compact IRIs. */
export interface JsonLdNode {
  readonly '@id': string;
  readonly '@type': string;
  readonly [property: string]: unknown;
}

/** What the mapping reads besides the record it maps. */
export interface CpsvApFacts {
  readonly iris: ResourceIris;
  /** The catalog's locales: every text is written in each that has it, tagged with it. */
  readonly locales: readonly string[];
  readonly units: ReadonlyMap<string, CatalogUnit>;
  readonly departments: ReadonlyMap<string, CatalogDepartment>;
}

/** The sentences the mapping writes itself, in the languages it can write them in. */
interface Words {
  readonly guideDescription: (item: string, stage: string, department: string) => string;
  readonly itemDescription: (stages: number) => string;
  readonly stageRuleTitle: (position: number, stage: string) => string;
  /** `condition` null: the stage applies to every application. */
  readonly stageRuleDescription: (position: number, total: number, item: string, condition: string | null) => string;
  readonly timeLimitsTitle: string;
  readonly timeLimits: (limit: TimeLimit) => string;
  readonly conditionsTitle: string;
  readonly materialTitle: (n: number) => string;
  readonly material: (m: { original?: number; copies?: number; required: boolean; when: string | null; blankForm?: string }) => string;
  readonly inPerson: (address: string | null) => string;
  readonly online: (url: string) => string;
}

const WORKING_DAYS_RULE = {
  zh: '工作日不含周六、周日和法定节假日。',
  en: 'Working days exclude Saturdays, Sundays and public holidays.',
};

const WORDS: Readonly<Record<string, Words>> = {
  'zh-Hans': {
    guideDescription: (item, stage, department) => `「${item}」的「${stage}」环节，由${department}办理。`,
    itemDescription: (stages) => `市、区（市）、街道（镇）、社区（村）联动办理的事项，共 ${stages} 个环节。`,
    stageRuleTitle: (position, stage) => `第 ${position} 步：${stage}`,
    stageRuleDescription: (position, total, item, condition) =>
      `「${item}」共 ${total} 个环节，此为第 ${position} 个；${condition === null ? '所有申请均须办理此环节' : `适用条件：${condition}`}。`,
    timeLimitsTitle: '办理时限',
    timeLimits: ({ statutoryDays, promisedDays }) =>
      [
        [statutoryDays !== undefined ? `法定办结时限 ${statutoryDays} 个工作日` : null, promisedDays !== undefined ? `承诺办结时限 ${promisedDays} 个工作日` : null]
          .filter((part) => part !== null)
          .join('；') + '。',
        WORKING_DAYS_RULE.zh,
      ].join(''),
    conditionsTitle: '办理条件',
    materialTitle: (n) => `材料 ${n}`,
    material: ({ original, copies, required, when, blankForm }) =>
      [
        original !== undefined ? `原件 ${original} 份` : null,
        copies !== undefined ? `复印件 ${copies} 份` : null,
        required ? '必需' : '视情况提交',
        when !== null ? `提交情形：${when}` : null,
        blankForm ? `空白表格：${blankForm}` : null,
      ]
        .filter((part) => part !== null)
        .join('；') + '。',
    inPerson: (address) => (address ? `现场办理：${address}` : '现场办理'),
    online: (url) => `网上办理：${url}`,
  },
  en: {
    guideDescription: (item, stage, department) => `The stage "${stage}" of "${item}", handled by ${department}.`,
    itemDescription: (stages) => `A service linked across the city, district, street and community levels, in ${stages} stages.`,
    stageRuleTitle: (position, stage) => `Stage ${position}: ${stage}`,
    stageRuleDescription: (position, total, item, condition) =>
      `Stage ${position} of the ${total} of "${item}"; ${condition === null ? 'every application goes through it' : `it applies when: ${condition}`}.`,
    timeLimitsTitle: 'Time limits',
    timeLimits: ({ statutoryDays, promisedDays }) =>
      [
        [
          statutoryDays !== undefined ? `statutory time limit ${statutoryDays} working days` : null,
          promisedDays !== undefined ? `promised time limit ${promisedDays} working days` : null,
        ]
          .filter((part) => part !== null)
          .join('; ')
          .replace(/^./, (c) => c.toUpperCase()) + '.',
        WORKING_DAYS_RULE.en,
      ].join(' '),
    conditionsTitle: 'Conditions',
    materialTitle: (n) => `Material ${n}`,
    material: ({ original, copies, required, when, blankForm }) =>
      [
        original !== undefined ? `originals: ${original}` : null,
        copies !== undefined ? `copies: ${copies}` : null,
        required ? 'required' : 'if applicable',
        when !== null ? `when: ${when}` : null,
        blankForm ? `blank form: ${blankForm}` : null,
      ]
        .filter((part) => part !== null)
        .join('; ')
        .replace(/^./, (c) => c.toUpperCase()) + '.',
    inPerson: (address) => (address ? `In person: ${address}` : 'In person'),
    online: (url) => `Online: ${url}`,
  },
};

const ref = (name: ResourceName | string): Reference => ({ '@id': typeof name === 'string' ? name : name.iri });

/** The text in each locale that has it, tagged with that locale; never an untagged string. */
function tagged(text: LocalizedText | undefined, locales: readonly string[]): LangString[] {
  const literals: LangString[] = [];
  for (const locale of locales) {
    const value = text?.[locale]?.trim();
    if (value) literals.push({ '@value': value, '@language': locale });
  }
  return literals;
}

/** A sentence of the mapping's own in each locale it has words for. */
function written(locales: readonly string[], sentence: (words: Words, locale: string) => string): LangString[] {
  return locales.filter((locale) => WORDS[locale]).map((locale) => ({ '@value': sentence(WORDS[locale], locale), '@language': locale }));
}

/** The record's text, or (when it has none in any locale) the mapping's sentence: properties the shapes require at least once. */
const taggedOr = (text: LocalizedText | undefined, locales: readonly string[], fallback: (words: Words, locale: string) => string): LangString[] => {
  const own = tagged(text, locales);
  return own.length > 0 ? own : written(locales, fallback);
};

/** A text in one locale, the record's words where it has them, else the first it has, else the fallback. */
const nameIn = (text: LocalizedText | undefined, locale: string, fallback: string): string =>
  text?.[locale]?.trim() || Object.values(text ?? {}).find((v) => v.trim() !== '') || fallback;

/** Days as an xsd:duration: `P10D`. What the days count (working days) is said by the time-limits rule. */
export const durationOfDays = (days: number): { '@value': string; '@type': 'xsd:duration' } => ({ '@value': `P${days}D`, '@type': 'xsd:duration' });

/** The stages of an item in order, each with its 1-based position. */
export function stagePositions(item: CatalogItem): ReadonlyMap<string, { stage: CatalogStage; position: number }> {
  return new Map([...item.stages].sort(stageOrder).map((stage, i) => [stage.key, { stage, position: i + 1 }]));
}

/** A unit's area: where its government's departments and guides serve. */
export function areaNode(unit: CatalogUnit, facts: CpsvApFacts): JsonLdNode {
  const area = facts.iris.area(unit.code);
  return {
    '@id': area.iri,
    '@type': 'dct:Location',
    'dct:identifier': area.identifier,
    'skos:prefLabel': taggedOr(unit.name, facts.locales, () => unit.code),
    ...(unit.parent ? { 'dct:isPartOf': ref(facts.iris.area(unit.parent)) } : {}),
  };
}

export function departmentNode(department: CatalogDepartment, facts: CpsvApFacts): JsonLdNode {
  const name = facts.iris.department(department.code);
  const label = taggedOr(department.name, facts.locales, () => department.code);
  const address = tagged(department.address, facts.locales);
  return {
    '@id': name.iri,
    '@type': 'cv:PublicOrganisation',
    'dct:identifier': name.identifier,
    'skos:prefLabel': label,
    // Its name as an agent's (foaf:Agent's shape asks for dct:title): the same words.
    'dct:title': label,
    'dct:spatial': ref(facts.iris.area(department.unit)),
    ...(address.length > 0 ? { 'locn:address': { '@id': facts.iris.departmentAddress(department.code).iri, '@type': 'locn:Address', 'locn:fullAddress': address } } : {}),
  };
}

/**
 * The item's own nodes: the item (a public service made of its guides, `guideIris` in stage
 * order), its policies and the rule of each stage.
 */
export function itemNodes(item: CatalogItem, guideIris: readonly string[], facts: CpsvApFacts): JsonLdNode[] {
  const { iris, locales } = facts;
  const name = iris.item(item.code);
  const positions = [...stagePositions(item).values()];
  const policies = (item.policies ?? []).map((policy, i): JsonLdNode => {
    const url = webUrlOrNull(policy.url);
    return {
      '@id': iris.policy(item.code, i + 1).iri,
      '@type': 'eli:LegalResource',
      'dct:identifier': iris.policy(item.code, i + 1).identifier,
      'dct:title': tagged(policy.title, locales),
      ...(url ? { 'foaf:page': ref(url) } : {}),
    };
  });
  const unitName = (locale: string) => (code: string) => facts.units.get(code)?.name[locale];
  const rules = positions.map(({ stage, position }): JsonLdNode => {
    const rule = iris.stageRule(item.code, stage.key);
    return {
      '@id': rule.iri,
      '@type': 'cpsv:Rule',
      'dct:identifier': rule.identifier,
      'dct:title': written(locales, (words, locale) => words.stageRuleTitle(position, nameIn(stage.name, locale, stage.key))),
      'dct:description': written(locales, (words, locale) =>
        words.stageRuleDescription(
          position,
          positions.length,
          nameIn(item.title, locale, item.code),
          stage.appliesWhen === true ? null : conditionText(stage.appliesWhen, item, locale, unitName(locale))
        )
      ),
      'schema:position': position,
    };
  });
  const service: JsonLdNode = {
    '@id': name.iri,
    '@type': 'cpsv:PublicService',
    'dct:identifier': name.identifier,
    'dct:title': taggedOr(item.title, locales, () => item.code),
    'dct:description': taggedOr(item.summary, locales, (words) => words.itemDescription(positions.length)),
    'dcat:keyword': written(locales, (_words, locale) => domainName(item.domain, locale)),
    'cv:hasCompetentAuthority': ref(iris.department(item.managingDepartment)),
    'dct:spatial': ref(iris.area(item.managingUnit)),
    'cpsv:follows': rules.map((r) => ref(r['@id'])),
    'cv:hasLegalResource': policies.map((p) => ref(p['@id'])),
    'dct:hasPart': guideIris.map((iri) => ref(iri)),
  };
  return [service, ...policies, ...rules];
}

/** A guide: one unit's public service for one stage of an item, its parts embedded. */
export function guideNode(guide: CatalogGuide, item: CatalogItem, facts: CpsvApFacts): JsonLdNode {
  const { iris, locales } = facts;
  const name = iris.guide(guide);
  const placed = stagePositions(item).get(guide.stage);
  const stage = placed?.stage;
  const department = facts.departments.get(guide.department);
  const unit = facts.units.get(guide.unit);
  const part = (p: Parameters<ResourceIris['guidePart']>[1]) => iris.guidePart(guide, p);

  const title = locales
    .map((locale) => ({
      locale,
      text: guideTitle(
        { itemCode: guide.item, stageKey: guide.stage, unitCode: guide.unit },
        {
          items: new Map([[item.code, item.title[locale] ?? '']]),
          stages: new Map([[`${item.code}/${guide.stage}`, stage?.name[locale] ?? '']]),
          units: new Map([[guide.unit, unit?.name[locale] ?? '']]),
        }
      ),
    }))
    .filter((t): t is { locale: string; text: string } => t.text !== null)
    .map(({ locale, text }): LangString => ({ '@value': text, '@language': locale }));

  const conditions = tagged(guide.conditions, locales);
  const requirement = conditions.length > 0 ? part('conditions') : null;
  const materials = (guide.materials ?? []).map((material, i) => evidenceNode(guide, material, i + 1, requirement, item, facts));

  const limit = guide.timeLimit;
  const days = limit?.promisedDays ?? limit?.statutoryDays;
  const timeLimits: JsonLdNode | null =
    limit && (limit.statutoryDays !== undefined || limit.promisedDays !== undefined)
      ? {
          '@id': part('time-limits').iri,
          '@type': 'cpsv:Rule',
          'dct:identifier': part('time-limits').identifier,
          'dct:title': written(locales, (words) => words.timeLimitsTitle),
          'dct:description': written(locales, (words) => words.timeLimits(limit)),
        }
      : null;

  const fee = tagged(guide.fee, locales);
  const address = tagged(guide.address, locales);
  const hours = tagged(guide.hours, locales);
  const onlineUrl = webUrlOrNull(guide.onlineUrl);
  const hoursNode: JsonLdNode | null = hours.length > 0 ? { '@id': part('hours').iri, '@type': 'time:TemporalEntity', 'dct:description': hours } : null;
  const channels: JsonLdNode[] = [];
  if (address.length > 0 || hoursNode) {
    channels.push({
      '@id': part('in-person').iri,
      '@type': 'cv:Channel',
      'dct:identifier': part('in-person').identifier,
      'dct:description': written(locales, (words, locale) => words.inPerson(guide.address?.[locale]?.trim() || null)),
      ...(address.length > 0 ? { 'locn:address': { '@id': part('address').iri, '@type': 'locn:Address', 'locn:fullAddress': address } } : {}),
      ...(hoursNode ? { 'cv:openingHours': hoursNode } : {}),
    });
  }
  if (onlineUrl) {
    channels.push({
      '@id': part('online').iri,
      '@type': 'cv:Channel',
      'dct:identifier': part('online').identifier,
      'dct:description': written(locales, (words) => words.online(onlineUrl)),
      'foaf:page': ref(onlineUrl),
    });
  }

  return {
    '@id': name.iri,
    '@type': 'cpsv:PublicService',
    'dct:identifier': name.identifier,
    'dct:title': title,
    'dct:description': written(locales, (words, locale) =>
      words.guideDescription(nameIn(item.title, locale, item.code), nameIn(stage?.name, locale, guide.stage), nameIn(department?.name, locale, guide.department))
    ),
    'cv:hasCompetentAuthority': ref(iris.department(guide.department)),
    'dct:spatial': ref(iris.area(guide.unit)),
    ...(placed ? { 'schema:position': placed.position } : {}),
    'cpsv:follows': [ref(iris.stageRule(item.code, guide.stage)), ...(timeLimits ? [timeLimits] : [])],
    ...(days !== undefined ? { 'cv:processingTime': durationOfDays(days) } : {}),
    ...(requirement
      ? {
          'cv:holdsRequirement': {
            '@id': requirement.iri,
            '@type': 'cv:Requirement',
            'dct:identifier': requirement.identifier,
            'dct:title': written(locales, (words) => words.conditionsTitle),
            'dct:description': conditions,
            ...(materials.length > 0 ? { 'cv:hasSupportingEvidence': materials.map((m) => ref(m['@id'])) } : {}),
          },
        }
      : {}),
    ...(materials.length > 0 ? { 'cpsv:hasInput': materials } : {}),
    ...(fee.length > 0 ? { 'cv:hasCost': { '@id': part('fee').iri, '@type': 'cv:Cost', 'dct:identifier': part('fee').identifier, 'dct:description': fee } } : {}),
    ...(channels.length > 0 ? { 'cv:hasChannel': channels } : {}),
    ...(guide.phone
      ? {
          'cv:contactPoint': {
            '@id': part('contact').iri,
            '@type': 'cv:ContactPoint',
            'cv:telephone': guide.phone,
            ...(hoursNode ? { 'cv:openingHours': ref(hoursNode['@id']) } : {}),
          },
        }
      : {}),
    ...((item.policies ?? []).length > 0 ? { 'cv:hasLegalResource': (item.policies ?? []).map((_p, i) => ref(iris.policy(item.code, i + 1))) } : {}),
  };
}

function evidenceNode(guide: CatalogGuide, material: CatalogMaterial, n: number, requirement: ResourceName | null, item: CatalogItem, facts: CpsvApFacts): JsonLdNode {
  const name = facts.iris.material(guide, n);
  const unitName = (locale: string) => (code: string) => facts.units.get(code)?.name[locale];
  return {
    '@id': name.iri,
    '@type': 'cv:Evidence',
    'dct:identifier': name.identifier,
    'dct:title': taggedOr(material.name, facts.locales, (words) => words.materialTitle(n)),
    'dct:description': written(facts.locales, (words, locale) =>
      words.material({
        original: material.original,
        copies: material.copies,
        required: material.required ?? true,
        when: material.when === undefined || material.when === true ? null : conditionText(material.when, item, locale, unitName(locale)),
        blankForm: material.blankForm,
      })
    ),
    ...(requirement ? { 'cv:supportsRequirement': ref(requirement) } : {}),
  };
}

/** The codes of these areas and of every area above them, each once: what a self-contained export names. */
export function areasWithAncestors(codes: Iterable<string>, units: ReadonlyMap<string, CatalogUnit>): string[] {
  const found = new Set<string>();
  for (const start of codes) {
    for (let code: string | null | undefined = start; code && !found.has(code); code = units.get(code)?.parent) {
      if (units.has(code)) found.add(code);
      else break;
    }
  }
  return [...found].sort();
}

/** The document is written a node at a time: its head, the nodes separated, its tail. */
export const DOCUMENT_HEAD = `{"@context":${JSON.stringify(CPSV_AP_CONTEXT)},\n"@graph":[\n`;
export const NODE_SEPARATOR = ',\n';
export const DOCUMENT_TAIL = '\n]}\n';

/** A whole document of these nodes, as the stream writes it (for small exports and tests). */
export const cpsvApDocument = (nodes: readonly JsonLdNode[]): string => `${DOCUMENT_HEAD}${nodes.map((n) => JSON.stringify(n)).join(NODE_SEPARATOR)}${DOCUMENT_TAIL}`;
