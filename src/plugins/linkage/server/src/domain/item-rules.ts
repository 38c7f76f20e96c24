// What makes a linked item publishable: its questions, stages, handlers and conditions agree with
// each other and with the units and departments that exist, identically in every locale.
import { conditionProblems, type QuestionShape } from './conditions';
import { isAnswerHandler, isFixedHandler, type QuestionKind, type QuestionType } from './catalog-format';
import type { DepartmentIndex } from './departments';
import { LEVELS, isAtOrAbove, isLevel, levelIndex, type Level } from './levels';
import { problem, type FieldPath, type Problem } from './problems';
import { firstDifference, valueAt } from './structure-diff';
import type { UnitIndex } from './unit-tree';

export interface OptionVersion {
  readonly value: string | null;
  readonly label: string | null;
}

export interface QuestionVersion {
  readonly key: string | null;
  readonly kind: QuestionKind | string | null;
  readonly type: QuestionType | string | null;
  readonly label: string | null;
  readonly options: readonly OptionVersion[];
  readonly answerLevel: string | null;
  readonly within: string | null;
}

export interface StageVersion {
  readonly key: string | null;
  readonly order: number | null;
  readonly level: string | null;
  readonly name: string | null;
  readonly handler: unknown;
  readonly appliesWhen: unknown;
}

export interface PolicyVersion {
  readonly title: string | null;
  readonly url: string | null;
}

/** One locale of an item, as stored. */
export interface ItemVersion {
  readonly locale: string;
  readonly code: string | null;
  readonly domain: string | null;
  readonly managingUnitCode: string | null;
  readonly managingDepartmentCode: string | null;
  readonly title: string | null;
  readonly policies: readonly PolicyVersion[];
  readonly questions: readonly QuestionVersion[];
  readonly stages: readonly StageVersion[];
}

export interface CatalogFacts {
  readonly units: UnitIndex;
  readonly departments: DepartmentIndex;
}

export const ITEM_CODE = /^[A-Z0-9][A-Z0-9-]*$/;
export const DOMAIN = /^[a-z][a-z0-9-]*$/;
export const QUESTION_KEY = /^[a-z][a-z0-9_]*$/;
export const STAGE_KEY = /^[a-z0-9][a-z0-9-]*$/;
export const OPTION_VALUE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

const QUESTION_KINDS = ['core', 'auxiliary'];
const QUESTION_TYPES = ['choice', 'boolean', 'unit'];

const blank = (value: unknown): boolean => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

/** The questions as conditions see them. */
export const questionShapes = (questions: readonly QuestionVersion[]): QuestionShape[] =>
  questions
    .filter((q) => typeof q.key === 'string' && QUESTION_KINDS.includes(q.kind ?? '') && QUESTION_TYPES.includes(q.type ?? ''))
    .map((q) => ({
      key: q.key as string,
      kind: q.kind as QuestionKind,
      type: q.type as QuestionType,
      optionValues: q.options.map((o) => o.value).filter((v): v is string => typeof v === 'string'),
    }));

/** Every rule an item must meet to be published, checked on one locale. */
export function itemProblems(item: ItemVersion, facts: CatalogFacts): Problem[] {
  const problems: Problem[] = [];
  const add = (path: FieldPath, message: string) => problems.push(problem(path, message));

  if (typeof item.code !== 'string' || !ITEM_CODE.test(item.code)) {
    add(['code'], `must be upper-case letters, digits and "-" (like QD-SI-001), got ${JSON.stringify(item.code)}`);
  }
  if (blank(item.title)) add(['title'], `is required (${item.locale})`);
  if (typeof item.domain !== 'string' || !DOMAIN.test(item.domain)) {
    add(['domain'], `must be a lower-case domain such as social-security, got ${JSON.stringify(item.domain)}`);
  }
  const managingUnit = item.managingUnitCode ? facts.units.get(item.managingUnitCode) : undefined;
  if (blank(item.managingUnitCode)) add(['managingUnitCode'], 'is required: the unit that manages this item');
  else if (!managingUnit) add(['managingUnitCode'], `no unit has the code ${item.managingUnitCode}`);
  if (blank(item.managingDepartmentCode)) add(['managingDepartmentCode'], 'is required: the department that manages this item');
  else {
    const department = facts.departments.get(item.managingDepartmentCode as string);
    if (!department) add(['managingDepartmentCode'], `no department has the code ${item.managingDepartmentCode}`);
    else if (managingUnit && department.unitCode !== managingUnit.code) {
      add(['managingDepartmentCode'], `${department.code} belongs to unit ${department.unitCode}, not to the managing unit ${managingUnit.code}`);
    }
  }
  item.policies.forEach((policy, i) => {
    if (blank(policy.title)) add(['policies', i, 'title'], `is required (${item.locale})`);
  });

  problems.push(...questionProblems(item, facts));
  problems.push(...stageProblems(item, facts));
  return problems;
}

function questionProblems(item: ItemVersion, facts: CatalogFacts): Problem[] {
  const problems: Problem[] = [];
  const firstIndex = new Map<string, number>();
  item.questions.forEach((q, i) => {
    const at = (field: string, ...rest: Array<string | number>): FieldPath => ['questions', i, field, ...rest];
    if (typeof q.key !== 'string' || !QUESTION_KEY.test(q.key)) {
      problems.push(problem(at('key'), `must be lower-case letters, digits and "_" starting with a letter, got ${JSON.stringify(q.key)}`));
    } else if (firstIndex.has(q.key)) {
      problems.push(problem(at('key'), `repeats the question key "${q.key}" of questions[${firstIndex.get(q.key)}]`));
    } else firstIndex.set(q.key, i);
    if (!QUESTION_KINDS.includes(q.kind ?? '')) problems.push(problem(at('kind'), `must be core or auxiliary, got ${JSON.stringify(q.kind)}`));
    if (!QUESTION_TYPES.includes(q.type ?? '')) problems.push(problem(at('type'), `must be choice, boolean or unit, got ${JSON.stringify(q.type)}`));
    if (blank(q.label)) problems.push(problem(at('label'), `is required (${item.locale})`));

    if (q.type === 'choice') {
      if (q.options.length < 2) problems.push(problem(at('options'), 'a choice question needs at least two options'));
      const seen = new Map<string, number>();
      q.options.forEach((option, j) => {
        if (typeof option.value !== 'string' || !OPTION_VALUE.test(option.value)) {
          problems.push(problem(at('options', j, 'value'), `must be letters, digits, "_" or "-", got ${JSON.stringify(option.value)}`));
        } else if (seen.has(option.value)) {
          problems.push(problem(at('options', j, 'value'), `repeats the option "${option.value}" of options[${seen.get(option.value)}]`));
        } else seen.set(option.value, j);
        if (blank(option.label)) problems.push(problem(at('options', j, 'label'), `is required (${item.locale})`));
      });
    } else if (q.options.length > 0) {
      problems.push(problem(at('options'), `only a choice question has options; this one is ${q.type}`));
    }

    if (q.type === 'unit') {
      if (!isLevel(q.answerLevel)) {
        problems.push(problem(at('answerLevel'), `a unit question must say at which level it is answered (${LEVELS.join(', ')}), got ${JSON.stringify(q.answerLevel)}`));
      }
      if (!blank(q.within)) {
        const within = facts.units.get(q.within as string);
        if (!within) problems.push(problem(at('within'), `no unit has the code ${q.within}`));
        else if (isLevel(q.answerLevel) && levelIndex(within.level) >= levelIndex(q.answerLevel)) {
          problems.push(problem(at('within'), `${within.code} is a ${within.level}-level unit; answers are ${q.answerLevel}-level units, so it must be above that level`));
        }
      }
    } else {
      if (!blank(q.answerLevel)) problems.push(problem(at('answerLevel'), `only a unit question has an answer level; this one is ${q.type}`));
      if (!blank(q.within)) problems.push(problem(at('within'), `only a unit question is answered within a unit; this one is ${q.type}`));
    }
  });
  return problems;
}

function stageProblems(item: ItemVersion, facts: CatalogFacts): Problem[] {
  const problems: Problem[] = [];
  if (item.stages.length === 0) problems.push(problem(['stages'], 'an item needs at least one stage'));
  const shapes = questionShapes(item.questions);
  const questionsByKey = new Map(item.questions.map((q) => [q.key, q]));
  const departmentKinds = new Set([...facts.departments.values()].map((d) => d.kind));
  const firstIndex = new Map<string, number>();

  item.stages.forEach((stage, i) => {
    const at = (field: string, ...rest: Array<string | number>): FieldPath => ['stages', i, field, ...rest];
    if (typeof stage.key !== 'string' || !STAGE_KEY.test(stage.key)) {
      problems.push(problem(at('key'), `must be lower-case letters, digits and "-", got ${JSON.stringify(stage.key)}`));
    } else if (firstIndex.has(stage.key)) {
      problems.push(problem(at('key'), `repeats the stage key "${stage.key}" of stages[${firstIndex.get(stage.key)}]`));
    } else firstIndex.set(stage.key, i);
    if (typeof stage.order !== 'number' || !Number.isInteger(stage.order) || stage.order < 0) {
      problems.push(problem(at('order'), `must be a whole number ≥ 0, got ${JSON.stringify(stage.order)}`));
    }
    if (blank(stage.name)) problems.push(problem(at('name'), `is required (${item.locale})`));
    const level = isLevel(stage.level) ? stage.level : null;
    if (!level) problems.push(problem(at('level'), `must be one of ${LEVELS.join(', ')}, got ${JSON.stringify(stage.level)}`));

    problems.push(...handlerProblems(stage.handler, level, at('handler'), { facts, questionsByKey, departmentKinds }));

    if (stage.appliesWhen === null || stage.appliesWhen === undefined) {
      problems.push(problem(at('appliesWhen'), 'is required: a JSON Logic rule over the core answers, or true if the stage always applies'));
    } else {
      for (const p of conditionProblems(stage.appliesWhen, shapes, { coreOnly: true })) problems.push(problem([...at('appliesWhen'), ...p.path], p.message));
    }
  });
  return problems;
}

interface HandlerContext {
  readonly facts: CatalogFacts;
  readonly questionsByKey: ReadonlyMap<string | null, QuestionVersion>;
  readonly departmentKinds: ReadonlySet<string>;
}

function handlerProblems(handler: unknown, level: Level | null, path: FieldPath, ctx: HandlerContext): Problem[] {
  const problems: Problem[] = [];
  const add = (field: string | null, message: string) => problems.push(problem(field ? [...path, field] : path, message));
  const shape = 'either {"unit", "department"} for a fixed handler or {"fromAnswer", "level", "departmentKind"}';
  if (typeof handler !== 'object' || handler === null || Array.isArray(handler)) {
    add(null, `must be ${shape}`);
    return problems;
  }
  const keys = Object.keys(handler);
  const fixed = isFixedHandler(handler);
  const answer = isAnswerHandler(handler);
  const allowed = fixed ? ['unit', 'department'] : ['fromAnswer', 'level', 'departmentKind'];
  const extra = keys.filter((k) => !allowed.includes(k));
  if (fixed === answer || extra.length > 0) {
    add(null, `must be ${shape}${extra.length > 0 ? `; unexpected ${extra.join(', ')}` : ''}`);
    return problems;
  }
  const { units, departments } = ctx.facts;

  if (fixed) {
    const unit = units.get(String(handler.unit));
    if (!unit) add('unit', `no unit has the code ${JSON.stringify(handler.unit)}`);
    else if (level && unit.level !== level) add('unit', `${unit.code} is a ${unit.level}-level unit, but the stage is at ${level} level`);
    const department = departments.get(String(handler.department));
    if (!department) add('department', `no department has the code ${JSON.stringify(handler.department)}`);
    else if (unit && department.unitCode !== unit.code) add('department', `${department.code} belongs to unit ${department.unitCode}, not to ${unit.code}`);
    return problems;
  }

  const byAnswer = handler as Record<string, unknown>;
  const question = ctx.questionsByKey.get(String(byAnswer.fromAnswer));
  if (!question) add('fromAnswer', `names "${byAnswer.fromAnswer}", which is not a question of this item`);
  else if (question.type !== 'unit') add('fromAnswer', `names "${byAnswer.fromAnswer}", a ${question.type} question; a handler is found from a unit answer`);
  else if (question.kind !== 'core') add('fromAnswer', `names the auxiliary question "${byAnswer.fromAnswer}"; only core answers decide who handles a stage`);
  if (!isLevel(byAnswer.level)) add('level', `must be one of ${LEVELS.join(', ')}, got ${JSON.stringify(byAnswer.level)}`);
  else {
    if (level && byAnswer.level !== level) add('level', `is ${byAnswer.level}, but the stage is at ${level} level`);
    if (question?.type === 'unit' && isLevel(question.answerLevel) && !isAtOrAbove(byAnswer.level, question.answerLevel)) {
      add('level', `"${question.key}" is answered with a ${question.answerLevel}-level unit, which has no ${byAnswer.level}-level ancestor`);
    }
  }
  if (typeof byAnswer.departmentKind !== 'string' || !ctx.departmentKinds.has(byAnswer.departmentKind)) {
    add('departmentKind', `no department is of kind ${JSON.stringify(byAnswer.departmentKind)} (kinds: ${[...ctx.departmentKinds].sort().join(', ')})`);
  }
  return problems;
}

/** The parts of an item that must be identical in every locale. */
export const itemStructure = (item: ItemVersion) => ({
  code: item.code,
  domain: item.domain,
  managingUnitCode: item.managingUnitCode,
  managingDepartmentCode: item.managingDepartmentCode,
  policies: item.policies.map((p) => ({ url: p.url ?? null })),
  questions: item.questions.map((q) => ({
    key: q.key,
    kind: q.kind,
    type: q.type,
    options: q.options.map((o) => o.value),
    answerLevel: q.answerLevel ?? null,
    within: q.within ?? null,
  })),
  stages: item.stages.map((s) => ({
    key: s.key,
    order: s.order,
    level: s.level,
    handler: s.handler ?? null,
    appliesWhen: s.appliesWhen ?? null,
  })),
});

/** Problems where a locale's structure departs from the reference locale's (the first given). */
export function localeStructureProblems(versions: readonly ItemVersion[]): Problem[] {
  const [reference, ...others] = versions;
  if (!reference) return [];
  const expected = itemStructure(reference);
  const problems: Problem[] = [];
  for (const version of others) {
    const actual = itemStructure(version);
    const difference = firstDifference(expected, actual);
    if (difference) {
      const show = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value));
      problems.push(
        problem(
          difference,
          `differs between locales: ${reference.locale} has ${show(valueAt(expected, difference))}, ${version.locale} has ${show(valueAt(actual, difference))}; keys, option values, conditions, handlers and codes must be the same in every locale`
        )
      );
    }
  }
  return problems;
}
