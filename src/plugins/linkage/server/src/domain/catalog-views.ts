// What the public API shows of the catalog, in one locale: the unit tree, the item list and an
// item's page data. Pure: the service gives it the published records.
import type { CatalogDepartment, CatalogItem, CatalogQuestion, CatalogStage, CatalogUnit } from './catalog-format';
import { isAnswerHandler, isFixedHandler } from './catalog-format';
import { conditionText } from './condition-text';
import { itemPageUrl, type LinkContext } from './links';
import type { Level } from './levels';
import { stageOrder } from './routing';
import { departmentKindName, kindName, levelName, levelNoun, textIn } from './vocabulary';

export interface UnitNode {
  code: string;
  level: Level;
  levelName: string;
  kind: string;
  kindName: string;
  name: string;
  siteUrl: string | null;
  children: UnitNode[];
}

export function unitTree(units: readonly CatalogUnit[], locale: string): UnitNode[] {
  const nodes = new Map<string, UnitNode>();
  for (const u of [...units].sort((a, b) => a.code.localeCompare(b.code))) {
    nodes.set(u.code, {
      code: u.code,
      level: u.level,
      levelName: levelName(u.level, locale),
      kind: u.kind,
      kindName: kindName(u.kind, locale),
      name: textIn(u.name, locale),
      siteUrl: u.siteUrl ?? null,
      children: [],
    });
  }
  const roots: UnitNode[] = [];
  for (const u of units) {
    const node = nodes.get(u.code) as UnitNode;
    const parent = u.parent ? nodes.get(u.parent) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const byCode = (a: UnitNode, b: UnitNode) => a.code.localeCompare(b.code);
  for (const node of nodes.values()) node.children.sort(byCode);
  return roots.sort(byCode);
}

export interface QuestionView {
  key: string;
  kind: 'core' | 'auxiliary';
  type: 'choice' | 'boolean' | 'unit';
  label: string;
  options?: Array<{ value: string; label: string }>;
  answerLevel?: Level;
  within?: string;
}

export const questionView = (q: CatalogQuestion, locale: string): QuestionView => ({
  key: q.key,
  kind: q.kind,
  type: q.type,
  label: textIn(q.label, locale),
  ...(q.type === 'choice' ? { options: (q.options ?? []).map((o) => ({ value: o.value, label: textIn(o.label, locale) })) } : {}),
  ...(q.answerLevel ? { answerLevel: q.answerLevel } : {}),
  ...(q.within ? { within: q.within } : {}),
});

export interface Lookup {
  readonly units: ReadonlyMap<string, CatalogUnit>;
  readonly departments: ReadonlyMap<string, CatalogDepartment>;
}

const unitName = (code: string, lookup: Lookup, locale: string) => textIn(lookup.units.get(code)?.name, locale) || code;

/** Unit names in a locale, for condition texts that compare with a unit. */
export const unitNamesIn =
  (lookup: Lookup, locale: string) =>
  (code: string): string | undefined =>
    textIn(lookup.units.get(code)?.name, locale) || undefined;
const departmentName = (code: string, lookup: Lookup, locale: string) => textIn(lookup.departments.get(code)?.name, locale) || code;

// Who handles a stage found from an answer, as a noun phrase a page puts after "Handled by:" (承办部门：).
// `level` is null when the handler is found at the answer's own level.
const HANDLED_BY: Readonly<Record<string, (level: string | null, question: string, kind: string) => string>> = {
  'zh-Hans': (level, question, kind) => (level ? `「${question}」所属${level}的${kind}` : `「${question}」的${kind}`),
  en: (level, question, kind) => (level ? `the ${kind} of the ${level} where your "${question}" lies` : `the ${kind} of your "${question}"`),
};

/** Who handles a stage, as a noun phrase: a named department, or the rule that finds it. */
export function handlerDescription(stage: CatalogStage, item: CatalogItem, lookup: Lookup, locale: string): string {
  const h = stage.handler;
  if (isFixedHandler(h)) return `${unitName(h.unit, lookup, locale)} · ${departmentName(h.department, lookup, locale)}`;
  if (isAnswerHandler(h)) {
    const question = item.questions.find((q) => q.key === h.fromAnswer);
    const say = HANDLED_BY[locale] ?? HANDLED_BY.en;
    const level = question?.answerLevel === h.level ? null : levelNoun(h.level as Level, locale);
    return say(level, question ? textIn(question.label, locale) : h.fromAnswer, departmentKindName(h.departmentKind, locale));
  }
  return '';
}

export interface ItemSummaryView {
  code: string;
  slug: string;
  title: string;
  summary: string;
  domain: string;
  levels: Level[];
  url: string;
}

export const itemSummary = (item: CatalogItem, locale: string, links: LinkContext): ItemSummaryView => ({
  code: item.code,
  slug: item.slug ?? item.code,
  title: textIn(item.title, locale),
  summary: textIn(item.summary, locale),
  domain: item.domain,
  levels: [...new Set([...item.stages].sort(stageOrder).map((s) => s.level))],
  url: itemPageUrl(item.managingUnit, item.slug ?? item.code, links),
});

export function itemView(item: CatalogItem, lookup: Lookup, locale: string, links: LinkContext, api: string) {
  const slug = item.slug ?? item.code;
  const managingDepartment = lookup.departments.get(item.managingDepartment);
  return {
    ...itemSummary(item, locale, links),
    managingUnit: { code: item.managingUnit, name: unitName(item.managingUnit, lookup, locale) },
    managingDepartment: {
      code: item.managingDepartment,
      name: departmentName(item.managingDepartment, lookup, locale),
      phone: managingDepartment?.phone ?? null,
      address: textIn(managingDepartment?.address, locale) || null,
    },
    policies: (item.policies ?? []).map((p) => ({ title: textIn(p.title, locale), url: p.url ?? null })),
    questions: item.questions.map((q) => questionView(q, locale)),
    stages: [...item.stages].sort(stageOrder).map((s) => ({
      key: s.key,
      order: s.order,
      level: s.level,
      levelName: levelName(s.level, locale),
      name: textIn(s.name, locale),
      appliesWhen: s.appliesWhen,
      condition: conditionText(s.appliesWhen, item, locale, unitNamesIn(lookup, locale)),
      handler: handlerDescription(s, item, lookup, locale),
    })),
    links: {
      route: `${api}/items/${encodeURIComponent(slug)}/route`,
      flowchart: {
        svg: `${api}/items/${encodeURIComponent(slug)}/flowchart?format=svg&locale=${locale}`,
        mermaid: `${api}/items/${encodeURIComponent(slug)}/flowchart?format=mermaid&locale=${locale}`,
        json: `${api}/items/${encodeURIComponent(slug)}/flowchart?format=json&locale=${locale}`,
      },
    },
  };
}
