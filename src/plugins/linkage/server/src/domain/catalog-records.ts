// How catalog records map to stored documents: one row per locale, texts split by locale,
// codes and structure repeated in every locale; and back.
import type {
  CatalogDepartment,
  CatalogGuide,
  CatalogItem,
  CatalogMaterial,
  CatalogRule,
  CatalogUnit,
  LocaleCode,
  LocalizedText,
  PublicationStatus,
  RuleScope,
  StageHandler,
  TimeLimit,
} from './catalog-format';
import type { Level } from './levels';
import type { ItemVersion } from './item-rules';
import { fromStoredLogic, toStoredLogic } from './stored-logic';

type Text = string | null;

export interface UnitRow {
  code: string;
  level: Level;
  kind: string;
  parentCode: string | null;
  name: Text;
  siteUrl: string | null;
}

export interface DepartmentRow {
  code: string;
  kind: string;
  unitCode: string;
  name: Text;
  address: Text;
  hours: Text;
  phone: string | null;
}

export interface ItemRow {
  code: string;
  slug: string | null;
  title: Text;
  summary: Text;
  domain: string;
  managingUnitCode: string;
  managingDepartmentCode: string;
  policies: Array<{ title: Text; url: string | null }>;
  questions: Array<{
    key: string;
    kind: string;
    type: string;
    label: Text;
    options: Array<{ value: string; label: Text }>;
    answerLevel: string | null;
    within: string | null;
  }>;
  stages: Array<{ key: string; order: number; level: string; name: Text; handler: unknown; appliesWhen: unknown }>;
}

export interface MaterialRow {
  name: Text;
  original: number | null;
  copies: number | null;
  required: boolean | null;
  when: unknown;
  blankForm: string | null;
}

export interface GuideRow {
  itemCode: string;
  stageKey: string;
  unitCode: string;
  departmentCode: string;
  conditions: Text;
  materials: MaterialRow[];
  noMaterialsNeeded: boolean;
  timeLimit: { statutoryDays: number | null; promisedDays: number | null } | null;
  fee: Text;
  onlineUrl: string | null;
  address: Text;
  hours: Text;
  phone: string | null;
}

export interface RuleRow {
  key: string;
  scope: RuleScope;
  level: Level | null;
  domain: string | null;
  responsible: 'owner' | 'department';
  responsibleDepartmentCode: string | null;
  reviewEveryDays: number;
  description: Text;
}

/** A stored row of some locale; `publishedAt` tells draft from published where that applies. */
export type Localized<Row> = Row & { locale: LocaleCode };

const textIn = (text: LocalizedText | undefined, locale: LocaleCode): Text => {
  const value = text?.[locale];
  return typeof value === 'string' && value !== '' ? value : null;
};

/** Collect one field of every locale's row into a localized text (blank locales left out). */
const gather = <Row extends { locale: LocaleCode }>(rows: readonly Row[], pick: (row: Row) => Text | undefined): LocalizedText | undefined => {
  const entries = rows.map((row) => [row.locale, pick(row)] as const).filter((entry): entry is readonly [string, string] => typeof entry[1] === 'string' && entry[1] !== '');
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
};

const definedOnly = <T extends object>(record: T): T => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;

const orNull = <T>(value: T | undefined | null): T | null => (value === undefined ? null : value);

// ---- units -------------------------------------------------------------------------------

export const unitRow = (unit: CatalogUnit, locale: LocaleCode): UnitRow => ({
  code: unit.code,
  level: unit.level,
  kind: unit.kind,
  parentCode: unit.parent ?? null,
  name: textIn(unit.name, locale),
  siteUrl: unit.siteUrl ?? null,
});

export const unitFromRows = (rows: ReadonlyArray<Localized<UnitRow>>): CatalogUnit => {
  const [first] = rows;
  return definedOnly({
    code: first.code,
    level: first.level,
    kind: first.kind,
    parent: first.parentCode ?? null,
    name: gather(rows, (r) => r.name) ?? {},
    siteUrl: first.siteUrl ?? null,
  });
};

// ---- departments -------------------------------------------------------------------------

export const departmentRow = (department: CatalogDepartment, locale: LocaleCode): DepartmentRow => ({
  code: department.code,
  kind: department.kind,
  unitCode: department.unit,
  name: textIn(department.name, locale),
  address: textIn(department.address, locale),
  hours: textIn(department.hours, locale),
  phone: department.phone ?? null,
});

export const departmentFromRows = (rows: ReadonlyArray<Localized<DepartmentRow>>): CatalogDepartment => {
  const [first] = rows;
  return definedOnly({
    code: first.code,
    kind: first.kind,
    unit: first.unitCode,
    name: gather(rows, (r) => r.name) ?? {},
    phone: first.phone ?? undefined,
    address: gather(rows, (r) => r.address),
    hours: gather(rows, (r) => r.hours),
  });
};

// ---- items -------------------------------------------------------------------------------

export const itemRow = (item: CatalogItem, locale: LocaleCode): ItemRow => ({
  code: item.code,
  slug: item.slug ?? null,
  title: textIn(item.title, locale),
  summary: textIn(item.summary, locale),
  domain: item.domain,
  managingUnitCode: item.managingUnit,
  managingDepartmentCode: item.managingDepartment,
  policies: (item.policies ?? []).map((p) => ({ title: textIn(p.title, locale), url: p.url ?? null })),
  questions: item.questions.map((q) => ({
    key: q.key,
    kind: q.kind,
    type: q.type,
    label: textIn(q.label, locale),
    options: (q.options ?? []).map((o) => ({ value: o.value, label: textIn(o.label, locale) })),
    answerLevel: q.answerLevel ?? null,
    within: q.within ?? null,
  })),
  stages: item.stages.map((s) => ({
    key: s.key,
    order: s.order,
    level: s.level,
    name: textIn(s.name, locale),
    handler: s.handler,
    appliesWhen: toStoredLogic(s.appliesWhen),
  })),
});

/** Structure from the first row (the default locale's), texts from every row by position. */
export const itemFromRows = (rows: ReadonlyArray<Localized<ItemRow>>, status: PublicationStatus): CatalogItem => {
  const [first] = rows;
  return definedOnly({
    code: first.code,
    slug: first.slug ?? undefined,
    status: status === 'draft' ? status : undefined,
    domain: first.domain,
    managingUnit: first.managingUnitCode,
    managingDepartment: first.managingDepartmentCode,
    title: gather(rows, (r) => r.title) ?? {},
    summary: gather(rows, (r) => r.summary),
    policies: first.policies.map((p, i) => definedOnly({ title: gather(rows, (r) => r.policies[i]?.title) ?? {}, url: p.url ?? undefined })),
    questions: first.questions.map((q, i) =>
      definedOnly({
        key: q.key,
        kind: q.kind as CatalogItem['questions'][number]['kind'],
        type: q.type as CatalogItem['questions'][number]['type'],
        answerLevel: (q.answerLevel ?? undefined) as Level | undefined,
        within: q.within ?? undefined,
        label: gather(rows, (r) => r.questions[i]?.label) ?? {},
        options: q.type === 'choice' ? q.options.map((o, j) => ({ value: o.value, label: gather(rows, (r) => r.questions[i]?.options[j]?.label) ?? {} })) : undefined,
      })
    ),
    stages: first.stages.map((s, i) => ({
      key: s.key,
      order: s.order,
      level: s.level as Level,
      name: gather(rows, (r) => r.stages[i]?.name) ?? {},
      handler: s.handler as StageHandler,
      appliesWhen: fromStoredLogic(s.appliesWhen ?? null),
    })),
  });
};

export const itemVersion = (row: Localized<ItemRow>): ItemVersion => ({
  locale: row.locale,
  code: row.code ?? null,
  domain: row.domain ?? null,
  managingUnitCode: row.managingUnitCode ?? null,
  managingDepartmentCode: row.managingDepartmentCode ?? null,
  title: row.title ?? null,
  policies: (row.policies ?? []).map((p) => ({ title: p.title ?? null, url: p.url ?? null })),
  questions: (row.questions ?? []).map((q) => ({
    key: q.key ?? null,
    kind: q.kind ?? null,
    type: q.type ?? null,
    label: q.label ?? null,
    options: (q.options ?? []).map((o) => ({ value: o.value ?? null, label: o.label ?? null })),
    answerLevel: q.answerLevel ?? null,
    within: q.within ?? null,
  })),
  stages: (row.stages ?? []).map((s) => ({
    key: s.key ?? null,
    order: s.order ?? null,
    level: s.level ?? null,
    name: s.name ?? null,
    handler: s.handler ?? null,
    appliesWhen: fromStoredLogic(s.appliesWhen ?? null),
  })),
});

// ---- guides ------------------------------------------------------------------------------

export const guideRow = (guide: CatalogGuide, locale: LocaleCode): GuideRow => ({
  itemCode: guide.item,
  stageKey: guide.stage,
  unitCode: guide.unit,
  departmentCode: guide.department,
  conditions: textIn(guide.conditions, locale),
  materials: (guide.materials ?? []).map((m) => ({
    name: textIn(m.name, locale),
    original: orNull(m.original),
    copies: orNull(m.copies),
    required: orNull(m.required),
    when: toStoredLogic(m.when),
    blankForm: m.blankForm ?? null,
  })),
  noMaterialsNeeded: Array.isArray(guide.materials) && guide.materials.length === 0,
  timeLimit: guide.timeLimit ? { statutoryDays: orNull(guide.timeLimit.statutoryDays), promisedDays: orNull(guide.timeLimit.promisedDays) } : null,
  fee: textIn(guide.fee, locale),
  onlineUrl: guide.onlineUrl ?? null,
  address: textIn(guide.address, locale),
  hours: textIn(guide.hours, locale),
  phone: guide.phone ?? null,
});

export const guideFromRows = (rows: ReadonlyArray<Localized<GuideRow>>, status: PublicationStatus): CatalogGuide => {
  const [first] = rows;
  const materials: CatalogMaterial[] | undefined =
    first.materials.length > 0
      ? first.materials.map((m, i) =>
          definedOnly({
            name: gather(rows, (r) => r.materials[i]?.name) ?? {},
            original: m.original ?? undefined,
            copies: m.copies ?? undefined,
            required: m.required ?? undefined,
            when: fromStoredLogic(m.when ?? null) ?? undefined,
            blankForm: m.blankForm ?? undefined,
          })
        )
      : first.noMaterialsNeeded
        ? []
        : undefined;
  const timeLimit: TimeLimit | undefined = first.timeLimit
    ? definedOnly({ statutoryDays: first.timeLimit.statutoryDays ?? undefined, promisedDays: first.timeLimit.promisedDays ?? undefined })
    : undefined;
  return definedOnly({
    item: first.itemCode,
    stage: first.stageKey,
    unit: first.unitCode,
    department: first.departmentCode,
    status: status === 'draft' ? status : undefined,
    conditions: gather(rows, (r) => r.conditions),
    materials,
    timeLimit: timeLimit && Object.keys(timeLimit).length > 0 ? timeLimit : undefined,
    fee: gather(rows, (r) => r.fee),
    onlineUrl: first.onlineUrl ?? undefined,
    address: gather(rows, (r) => r.address),
    phone: first.phone ?? undefined,
    hours: gather(rows, (r) => r.hours),
  });
};

// ---- responsibility rules ----------------------------------------------------------------

export const ruleRow = (rule: CatalogRule, locale: LocaleCode): RuleRow => ({
  key: rule.key,
  scope: rule.scope,
  level: rule.level ?? null,
  domain: rule.domain ?? null,
  responsible: rule.responsibleDepartment ? 'department' : (rule.responsible ?? 'owner'),
  responsibleDepartmentCode: rule.responsibleDepartment ?? null,
  reviewEveryDays: rule.reviewEveryDays,
  description: textIn(rule.description, locale),
});

export const ruleFromRows = (rows: ReadonlyArray<Localized<RuleRow>>): CatalogRule => {
  const [first] = rows;
  return definedOnly({
    key: first.key,
    scope: first.scope,
    level: first.level ?? undefined,
    domain: first.domain ?? undefined,
    responsible: first.responsible === 'owner' ? ('owner' as const) : undefined,
    responsibleDepartment: first.responsibleDepartmentCode ?? undefined,
    reviewEveryDays: first.reviewEveryDays,
    description: gather(rows, (r) => r.description),
  });
};
