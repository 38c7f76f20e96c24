// Checks a catalog file against itself and the stored catalog it would be merged into, and names
// every problem by its path in the file. Import writes nothing unless this returns no problems.
import type { Catalog, CatalogGuide, CatalogItem } from './catalog-format';
import { guideKey } from './catalog-format';
import { itemRow, itemVersion } from './catalog-records';
import { inLocale, questionShapes, itemProblems, type CatalogFacts } from './item-rules';
import { departmentProblems, indexDepartments, type DepartmentFacts } from './departments';
import { guideProblems, type ItemFacts } from './guide-rules';
import { guideSpecProblems } from './guide-spec';
import { answerSpace } from './answer-space';
import { departmentsByUnitKind } from './handlers';
import { itemCoverage } from './item-coverage';
import { bilingual, problem, type FieldPath, type Problem } from './problems';
import { ruleProblems } from './responsibility-rules';
import { unitSetProblems, indexUnits, type UnitFacts } from './unit-tree';
import { webUrlProblems } from './web-urls';

// Stored field names that the catalog calls otherwise.
const CATALOG_FIELD: Readonly<Record<string, string>> = {
  parentCode: 'parent',
  unitCode: 'unit',
  itemCode: 'item',
  stageKey: 'stage',
  departmentCode: 'department',
  managingUnitCode: 'managingUnit',
  managingDepartmentCode: 'managingDepartment',
  noMaterialsNeeded: 'materials',
  responsibleDepartmentCode: 'responsibleDepartment',
};

/** Problems of one record, under `prefix`, with stored field names given their catalog names. */
const inFile = (prefix: FieldPath, problems: readonly Problem[]): Problem[] =>
  problems.map((p) => {
    const [first, ...rest] = p.path;
    const renamed = typeof first === 'string' ? (CATALOG_FIELD[first] ?? first) : first;
    return problem(first === undefined ? prefix : [...prefix, renamed, ...rest], p.message);
  });

/** Each problem once: structural problems repeat in every locale. */
const unique = (problems: readonly Problem[]): Problem[] => [...new Map(problems.map((p) => [`${p.path.join('.')}|${p.message}`, p])).values()];

/** Records of `stored` that the file does not replace, followed by the file's. */
function merged<T>(stored: readonly T[], file: readonly T[], key: (record: T) => string): { all: T[]; storedOnly: T[] } {
  const fileKeys = new Set(file.map(key));
  const storedOnly = stored.filter((record) => !fileKeys.has(key(record)));
  return { all: [...storedOnly, ...file], storedOnly };
}

export const itemFacts = (item: CatalogItem, locale: string): ItemFacts => ({
  code: item.code,
  questions: questionShapes(itemVersion({ ...itemRow(item, locale), locale }).questions),
  stages: item.stages.map((s) => ({ key: s.key, level: s.level, handler: s.handler })),
});

export function catalogProblems(file: Catalog, stored: Catalog, configuredLocales: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  const { defaultLocale, locales } = file;

  if (!locales.includes(defaultLocale)) problems.push(problem(['defaultLocale'], `${defaultLocale} is not one of locales (${locales.join(', ')})`));
  locales.forEach((locale, i) => {
    if (!configuredLocales.includes(locale)) {
      problems.push(problem(['locales', i], `${locale} is not a locale of this Strapi (locales: ${configuredLocales.join(', ')})`));
    }
  });
  // Names and titles need every locale (docs/catalog-format.md): each locale's version of the record
  // is written with its own, and Strapi refuses a record without its name.
  const blank = (text: Readonly<Record<string, string>> | undefined, locale: string) => !text || typeof text[locale] !== 'string' || text[locale].trim() === '';
  const needsEveryLocale = (path: FieldPath, text: Readonly<Record<string, string>> | undefined) => {
    if (blank(text, defaultLocale)) problems.push(problem(path, `needs a text in the default locale ${defaultLocale}`));
    const missing = locales.filter((locale) => locale !== defaultLocale && blank(text, locale));
    if (missing.length > 0) {
      const en = `needs a text in ${missing.join(', ')} too: names and titles need every locale`;
      const languages = missing.map(inLocale);
      const text = bilingual(
        `the name is empty ${languages.map((l) => l.en).join(', ')}: names and titles need every locale`,
        `名称（${languages.map((l) => l['zh-Hans']).join('、')}）为空：名称和标题每种语言都要填写`
      );
      problems.push(problem(path, en, text));
    }
  };

  // Units: the merged tree must hold together.
  const units = merged(stored.units, file.units, (u) => u.code);
  const unitDrafts = units.all.map((u) => ({ code: u.code, level: u.level, kind: u.kind, parentCode: u.parent }));
  for (const p of unitSetProblems(unitDrafts)) {
    const index = p.path[0] as number;
    const rest = p.path.slice(1);
    if (index >= units.storedOnly.length) problems.push(...inFile(['units', index - units.storedOnly.length], [problem(rest, p.message)]));
    else problems.push(...inFile(['(stored) units', units.storedOnly[index].code], [problem(rest, p.message)]));
  }
  file.units.forEach((u, i) => needsEveryLocale(['units', i, 'name'], u.name));
  // Links: the same rule as every other write path.
  file.units.forEach((u, i) => problems.push(...inFile(['units', i], webUrlProblems('plugin::linkage.unit', { siteUrl: u.siteUrl }))));
  file.items.forEach((item, i) => problems.push(...inFile(['items', i], webUrlProblems('plugin::linkage.item', { policies: item.policies ?? [] }))));
  file.guides.forEach((g, i) => problems.push(...inFile(['guides', i], webUrlProblems('plugin::linkage.guide', { onlineUrl: g.onlineUrl, materials: g.materials ?? [] }))));
  const unitIndex = indexUnits(units.all.map((u): UnitFacts => ({ code: u.code, level: u.level, kind: u.kind, parentCode: u.parent })));

  // Departments.
  const departments = merged(stored.departments, file.departments, (d) => d.code);
  const departmentFacts = departments.all.map((d): DepartmentFacts => ({ code: d.code, kind: d.kind, unitCode: d.unit }));
  const departmentIndex = indexDepartments(departmentFacts);
  const seenDepartment = new Map<string, number>();
  file.departments.forEach((d, i) => {
    if (seenDepartment.has(d.code)) {
      problems.push(problem(['departments', i, 'code'], `${d.code} is also the code of departments[${seenDepartment.get(d.code)}]`));
      return;
    }
    seenDepartment.set(d.code, i);
    const others = new Map(departmentIndex);
    others.delete(d.code);
    problems.push(...inFile(['departments', i], departmentProblems({ code: d.code, kind: d.kind, unitCode: d.unit }, unitIndex, others)));
    needsEveryLocale(['departments', i, 'name'], d.name);
  });
  for (const d of departments.storedOnly) {
    if (!unitIndex.has(d.unit)) problems.push(problem(['(stored) departments', d.code, 'unit'], `its unit ${d.unit} would no longer exist`));
  }

  const facts: CatalogFacts = { units: unitIndex, departments: departmentIndex };
  const byUnitKind = departmentsByUnitKind(departmentFacts);

  // Items: published ones must meet every publishing rule, in every locale.
  const items = merged(stored.items, file.items, (item) => item.code);
  const seenItem = new Map<string, number>();
  const slugs = new Map<string, string>(stored.items.filter((item) => item.slug).map((item) => [item.slug as string, item.code]));
  file.items.forEach((item, i) => {
    if (seenItem.has(item.code)) {
      problems.push(problem(['items', i, 'code'], `${item.code} is also the code of items[${seenItem.get(item.code)}]`));
      return;
    }
    seenItem.set(item.code, i);
    if (item.slug) {
      const holder = slugs.get(item.slug);
      if (holder && holder !== item.code) problems.push(problem(['items', i, 'slug'], `${item.slug} is already the slug of item ${holder}`));
      slugs.set(item.slug, item.code);
    }
    const versionProblems = unique(locales.flatMap((locale) => itemProblems(itemVersion({ ...itemRow(item, locale), locale }), facts)));
    // A draft may be incomplete; only its identity must hold.
    if (item.status === 'draft') {
      problems.push(
        ...inFile(
          ['items', i],
          versionProblems.filter((p) => p.path[0] === 'code')
        )
      );
      return;
    }
    problems.push(...inFile(['items', i], versionProblems));
    // A published item must route every combination of answers.
    if (versionProblems.length === 0) problems.push(...inFile(['items', i], itemCoverage(answerSpace(item, unitIndex), byUnitKind).problems));
  });
  // A stored published item must still hold against the units and departments the file changes.
  for (const item of items.storedOnly.filter((i) => i.status !== 'draft')) {
    const versionProblems = stored.locales.flatMap((locale) => itemProblems(itemVersion({ ...itemRow(item, locale), locale }), facts));
    const stillValid = unique(versionProblems);
    problems.push(...inFile(['(stored) items', item.code], stillValid));
    if (stillValid.length === 0) problems.push(...inFile(['(stored) items', item.code], itemCoverage(answerSpace(item, unitIndex), byUnitKind).problems));
  }
  const itemsByCode = new Map(items.all.map((item) => [item.code, itemFacts(item, defaultLocale)]));

  // Guides.
  const guides = merged(stored.guides, file.guides, guideKey);
  const seenGuide = new Map<string, number>();
  const checkGuide = (guide: CatalogGuide, duplicateOf: string | null): Problem[] =>
    guideProblems(
      {
        itemCode: guide.item,
        stageKey: guide.stage,
        unitCode: guide.unit,
        departmentCode: guide.department,
        materials: guide.materials ?? [],
      },
      { item: itemsByCode.get(guide.item) ?? null, units: unitIndex, departments: departmentIndex, duplicateOf }
    );
  file.guides.forEach((guide, i) => {
    const key = guideKey(guide);
    const duplicateOf = seenGuide.has(key) ? `guides[${seenGuide.get(key)}]` : null;
    if (!duplicateOf) seenGuide.set(key, i);
    problems.push(...inFile(['guides', i], checkGuide(guide, duplicateOf)));
    // A draft may be incomplete (as an item may).
    if (guide.status !== 'draft') (guide.materials ?? []).forEach((m, j) => needsEveryLocale(['guides', i, 'materials', j, 'name'], m.name));
  });
  for (const guide of guides.storedOnly) problems.push(...inFile(['(stored) guides', guideKey(guide)], checkGuide(guide, null)));

  // Responsibility rules and the guide spec.
  const rules = file.responsibilityRules ?? [];
  const seenRule = new Map<string, number>();
  rules.forEach((rule, i) => {
    const others = new Set<string>();
    if (seenRule.has(rule.key)) others.add(rule.key);
    else seenRule.set(rule.key, i);
    const draft = {
      key: rule.key,
      scope: rule.scope,
      level: rule.level,
      domain: rule.domain,
      responsible: rule.responsibleDepartment ? 'department' : (rule.responsible ?? 'owner'),
      responsibleDepartmentCode: rule.responsibleDepartment,
      reviewEveryDays: rule.reviewEveryDays,
    };
    problems.push(...inFile(['responsibilityRules', i], ruleProblems(draft, departmentIndex, others)));
  });
  if (file.guideSpec) problems.push(...inFile(['guideSpec'], guideSpecProblems(file.guideSpec.required)));

  return problems;
}
