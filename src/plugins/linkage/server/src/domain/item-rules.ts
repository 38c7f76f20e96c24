// What makes a linked item publishable: its questions, stages, handlers and conditions agree with
// each other and with the units and departments that exist, identically in every locale.
import type { AdminText } from './admin-language';
import { conditionProblems, constantConditionProblem, type QuestionShape } from './conditions';
import { isAnswerHandler, isFixedHandler, type QuestionKind, type QuestionType } from './catalog-format';
import type { DepartmentIndex } from './departments';
import { fieldLabel } from './field-names';
import { LEVELS, isAtOrAbove, isLevel, levelIndex, type Level } from './levels';
import { bilingual, locatedText, problem, type FieldPath, type Problem } from './problems';
import { firstDifference, valueAt } from './structure-diff';
import type { UnitIndex } from './unit-tree';
import { departmentKindName, levelName } from './vocabulary';

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
  /** Names in the checked locale, for messages (codes are shown where a name is unknown). */
  readonly unitNames?: ReadonlyMap<string, string>;
  readonly departmentNames?: ReadonlyMap<string, string>;
}

// ---- where a problem is, in words --------------------------------------------------------------

const quoted = (name: string | null | undefined, fallback: AdminText): AdminText =>
  typeof name === 'string' && name.trim() !== '' ? bilingual(`“${name}”`, `“${name}”`) : fallback;

/** `Stage “Review” › Applies when` / `环节“审核”的适用条件` */
export function stagePlace(item: ItemVersion, i: number, field?: string): AdminText {
  const name = item.stages[i]?.name;
  const stage = blank(name) ? bilingual(`Stage ${i + 1}`, `第 ${i + 1} 个环节`) : bilingual(`Stage “${name}”`, `环节“${name}”`);
  if (!field) return stage;
  const label = fieldLabel('linkage.stage', field);
  return bilingual(`${stage.en} › ${label.en}`, `${stage['zh-Hans']}的${label['zh-Hans']}`);
}

/** `Question “Type of retirement” › Options` / `问题“退休类型”的选项` */
export function questionPlace(item: ItemVersion, i: number, field?: string): AdminText {
  const text = item.questions[i]?.label;
  const question = blank(text) ? bilingual(`Question ${i + 1}`, `第 ${i + 1} 个问题`) : bilingual(`Question “${text}”`, `问题“${text}”`);
  if (!field) return question;
  const label = fieldLabel('linkage.question', field);
  return bilingual(`${question.en} › ${label.en}`, `${question['zh-Hans']}的${label['zh-Hans']}`);
}

const itemPlace = (field: string): AdminText => fieldLabel('plugin::linkage.item', field);

const unitNamed = (facts: CatalogFacts, code: string): string => {
  const name = facts.unitNames?.get(code);
  return name ? `${name}` : code;
};
const departmentNamed = (facts: CatalogFacts, code: string): string => facts.departmentNames?.get(code) ?? code;
const levelWords = (level: string): AdminText => (isLevel(level) ? bilingual(levelName(level, 'en'), levelName(level, 'zh-Hans')) : bilingual(level, level));

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
      ...(blank(q.label) ? {} : { label: q.label as string }),
    }));

/** Every rule an item must meet to be published, checked on one locale. */
/** `(in English)` / `（英文版）`: which language's text is missing. */
export const inLocale = (locale: string): AdminText =>
  locale === 'en' ? bilingual('in English', '英文版') : locale.startsWith('zh') ? bilingual('in Chinese', '中文版') : bilingual(`in ${locale}`, `${locale} 版本`);

const requiredText = (where: AdminText, locale: string): AdminText => {
  const language = inLocale(locale);
  return bilingual(`${where.en} is empty ${language.en}: fill it in`, `${where['zh-Hans']}（${language['zh-Hans']}）为空：请填写`);
};

export function itemProblems(item: ItemVersion, facts: CatalogFacts): Problem[] {
  const problems: Problem[] = [];
  const add = (path: FieldPath, message: string, text: AdminText) => problems.push(problem(path, message, text));

  if (typeof item.code !== 'string' || !ITEM_CODE.test(item.code)) {
    add(
      ['code'],
      `must be upper-case letters, digits and "-" (like QD-SI-001), got ${JSON.stringify(item.code)}`,
      locatedText(itemPlace('code'), bilingual('use upper-case letters, digits and “-”, like QD-SI-001', '请使用大写字母、数字和“-”，如 QD-SI-001'))
    );
  }
  if (blank(item.title)) add(['title'], `is required (${item.locale})`, requiredText(itemPlace('title'), item.locale));
  if (typeof item.domain !== 'string' || !DOMAIN.test(item.domain)) {
    add(
      ['domain'],
      `must be a lower-case domain such as social-security, got ${JSON.stringify(item.domain)}`,
      locatedText(itemPlace('domain'), bilingual('choose the area of government, such as social-security', '请选择所属政务领域，如 social-security（社保）'))
    );
  }
  const managingUnit = item.managingUnitCode ? facts.units.get(item.managingUnitCode) : undefined;
  if (blank(item.managingUnitCode)) {
    add(
      ['managingUnitCode'],
      'is required: the unit that manages this item',
      locatedText(itemPlace('managingUnitCode'), bilingual('choose the unit that manages this item', '请选择管理本事项的单位'))
    );
  } else if (!managingUnit) {
    add(
      ['managingUnitCode'],
      `no unit has the code ${item.managingUnitCode}`,
      locatedText(
        itemPlace('managingUnitCode'),
        bilingual(`no unit has the code ${item.managingUnitCode}: choose one from the list`, `没有代码为 ${item.managingUnitCode} 的单位：请从列表中选择`)
      )
    );
  }
  if (blank(item.managingDepartmentCode)) {
    add(
      ['managingDepartmentCode'],
      'is required: the department that manages this item',
      locatedText(itemPlace('managingDepartmentCode'), bilingual('choose the department that keeps this item', '请选择负责维护本事项的部门'))
    );
  } else {
    const department = facts.departments.get(item.managingDepartmentCode as string);
    if (!department) {
      add(
        ['managingDepartmentCode'],
        `no department has the code ${item.managingDepartmentCode}`,
        locatedText(
          itemPlace('managingDepartmentCode'),
          bilingual(`no department has the code ${item.managingDepartmentCode}: choose one from the list`, `没有代码为 ${item.managingDepartmentCode} 的部门：请从列表中选择`)
        )
      );
    } else if (managingUnit && department.unitCode !== managingUnit.code) {
      const d = departmentNamed(facts, department.code);
      const u = unitNamed(facts, managingUnit.code);
      add(
        ['managingDepartmentCode'],
        `${department.code} belongs to unit ${department.unitCode}, not to the managing unit ${managingUnit.code}`,
        locatedText(
          itemPlace('managingDepartmentCode'),
          bilingual(`${d} is not a department of the managing unit ${u}: choose one of its departments`, `${d}不是管理单位${u}的部门：请选择该单位的部门`)
        )
      );
    }
  }
  item.policies.forEach((policy, i) => {
    if (blank(policy.title)) {
      const where = bilingual(`Policy ${i + 1} › ${fieldLabel('linkage.policy', 'title').en}`, `第 ${i + 1} 条政策依据的${fieldLabel('linkage.policy', 'title')['zh-Hans']}`);
      add(['policies', i, 'title'], `is required (${item.locale})`, requiredText(where, item.locale));
    }
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
    const add = (path: FieldPath, message: string, field: string | null, what: AdminText) =>
      problems.push(problem(path, message, locatedText(questionPlace(item, i, field ?? undefined), what)));
    if (typeof q.key !== 'string' || !QUESTION_KEY.test(q.key)) {
      add(
        at('key'),
        `must be lower-case letters, digits and "_" starting with a letter, got ${JSON.stringify(q.key)}`,
        'key',
        bilingual('use lower-case letters, digits and “_”, starting with a letter, such as residence', '请使用小写字母、数字和“_”，以字母开头，如 residence')
      );
    } else if (firstIndex.has(q.key)) {
      const other = firstIndex.get(q.key) as number;
      const first = questionPlace(item, other);
      add(
        at('key'),
        `repeats the question key "${q.key}" of questions[${other}]`,
        'key',
        bilingual(`“${q.key}” is already the key of ${first.en}: give each question its own key`, `“${q.key}”已是${first['zh-Hans']}的键：每个问题须有自己的键`)
      );
    } else firstIndex.set(q.key, i);
    if (!QUESTION_KINDS.includes(q.kind ?? ''))
      add(at('kind'), `must be core or auxiliary, got ${JSON.stringify(q.kind)}`, 'kind', bilingual('choose core or auxiliary', '请选择核心问题或辅助问题'));
    if (!QUESTION_TYPES.includes(q.type ?? ''))
      add(at('type'), `must be choice, boolean or unit, got ${JSON.stringify(q.type)}`, 'type', bilingual('choose options, yes/no or a unit', '请选择选项、是/否或单位'));
    if (blank(q.label)) problems.push(problem(at('label'), `is required (${item.locale})`, requiredText(questionPlace(item, i, 'label'), item.locale)));

    if (q.type === 'choice') {
      if (q.options.length < 2)
        add(
          at('options'),
          'a choice question needs at least two options',
          'options',
          bilingual('a question with options needs at least two: add the answers applicants choose from', '选择题至少需要两个选项：请添加申请人可选的答案')
        );
      const seen = new Map<string, number>();
      q.options.forEach((option, j) => {
        const optionPlace = (what: AdminText) =>
          locatedText(bilingual(`${questionPlace(item, i).en} › option ${j + 1}`, `${questionPlace(item, i)['zh-Hans']}的第 ${j + 1} 个选项`), what);
        if (typeof option.value !== 'string' || !OPTION_VALUE.test(option.value)) {
          problems.push(
            problem(
              at('options', j, 'value'),
              `must be letters, digits, "_" or "-", got ${JSON.stringify(option.value)}`,
              optionPlace(bilingual('give the option a value of letters, digits, “_” or “-”', '请为选项填写由字母、数字、“_”或“-”组成的值'))
            )
          );
        } else if (seen.has(option.value)) {
          problems.push(
            problem(
              at('options', j, 'value'),
              `repeats the option "${option.value}" of options[${seen.get(option.value)}]`,
              optionPlace(bilingual(`the value “${option.value}” is used twice: give each option its own value`, `选项值“${option.value}”重复：每个选项须有自己的值`))
            )
          );
        } else seen.set(option.value, j);
        if (blank(option.label)) {
          const language = inLocale(item.locale);
          problems.push(
            problem(
              at('options', j, 'label'),
              `is required (${item.locale})`,
              optionPlace(bilingual(`has no text ${language.en}: fill it in`, `${language['zh-Hans']}没有选项文字：请填写`))
            )
          );
        }
      });
    } else if (q.options.length > 0) {
      add(
        at('options'),
        `only a choice question has options; this one is ${q.type}`,
        'options',
        bilingual('only a question answered with options has options: remove them, or change the answer type', '只有选择题才有选项：请删除选项，或修改回答方式')
      );
    }

    if (q.type === 'unit') {
      if (!isLevel(q.answerLevel)) {
        add(
          at('answerLevel'),
          `a unit question must say at which level it is answered (${LEVELS.join(', ')}), got ${JSON.stringify(q.answerLevel)}`,
          'answerLevel',
          bilingual('choose the level of the unit applicants pick', '请选择申请人所选单位的层级')
        );
      }
      if (!blank(q.within)) {
        const within = facts.units.get(q.within as string);
        if (!within)
          add(
            at('within'),
            `no unit has the code ${q.within}`,
            'within',
            bilingual(`no unit has the code ${q.within}: choose one from the list`, `没有代码为 ${q.within} 的单位：请从列表中选择`)
          );
        else if (isLevel(q.answerLevel) && levelIndex(within.level) >= levelIndex(q.answerLevel)) {
          const u = unitNamed(facts, within.code);
          const answerLevel = levelWords(q.answerLevel);
          add(
            at('within'),
            `${within.code} is a ${within.level}-level unit; answers are ${q.answerLevel}-level units, so it must be above that level`,
            'within',
            bilingual(
              `${u} is not above the ${answerLevel.en} units applicants pick: choose a unit higher up`,
              `${u}不在申请人所选的${answerLevel['zh-Hans']}单位之上：请选择更高层级的单位`
            )
          );
        }
      }
    } else {
      if (!blank(q.answerLevel))
        add(
          at('answerLevel'),
          `only a unit question has an answer level; this one is ${q.type}`,
          'answerLevel',
          bilingual('only a question answered with a unit has a level: clear it', '只有以单位作答的问题才有层级：请清空')
        );
      if (!blank(q.within))
        add(
          at('within'),
          `only a unit question is answered within a unit; this one is ${q.type}`,
          'within',
          bilingual('only a question answered with a unit has a range: clear it', '只有以单位作答的问题才有范围：请清空')
        );
    }
  });
  return problems;
}

function stageProblems(item: ItemVersion, facts: CatalogFacts): Problem[] {
  const problems: Problem[] = [];
  if (item.stages.length === 0) {
    problems.push(
      problem(
        ['stages'],
        'an item needs at least one stage',
        locatedText(itemPlace('stages'), bilingual('an item needs at least one stage: add one', '事项至少需要一个办理环节：请添加'))
      )
    );
  }
  const shapes = questionShapes(item.questions);
  const questionsByKey = new Map(item.questions.map((q) => [q.key, q]));
  const departmentKinds = new Set([...facts.departments.values()].map((d) => d.kind));
  const firstIndex = new Map<string, number>();

  item.stages.forEach((stage, i) => {
    const at = (field: string, ...rest: Array<string | number>): FieldPath => ['stages', i, field, ...rest];
    const add = (path: FieldPath, message: string, field: string, what: AdminText) => problems.push(problem(path, message, locatedText(stagePlace(item, i, field), what)));
    if (typeof stage.key !== 'string' || !STAGE_KEY.test(stage.key)) {
      add(
        at('key'),
        `must be lower-case letters, digits and "-", got ${JSON.stringify(stage.key)}`,
        'key',
        bilingual('use lower-case letters, digits and “-”, such as district-review', '请使用小写字母、数字和“-”，如 district-review')
      );
    } else if (firstIndex.has(stage.key)) {
      const other = firstIndex.get(stage.key) as number;
      const first = stagePlace(item, other);
      add(
        at('key'),
        `repeats the stage key "${stage.key}" of stages[${other}]`,
        'key',
        bilingual(`“${stage.key}” is already the key of ${first.en}: give each stage its own key`, `“${stage.key}”已是${first['zh-Hans']}的键：每个环节须有自己的键`)
      );
    } else firstIndex.set(stage.key, i);
    if (typeof stage.order !== 'number' || !Number.isInteger(stage.order) || stage.order < 0) {
      add(at('order'), `must be a whole number ≥ 0, got ${JSON.stringify(stage.order)}`, 'order', bilingual('give a whole number, 0 or more', '请填写大于或等于 0 的整数'));
    }
    if (blank(stage.name)) problems.push(problem(at('name'), `is required (${item.locale})`, requiredText(stagePlace(item, i, 'name'), item.locale)));
    const level = isLevel(stage.level) ? stage.level : null;
    if (!level)
      add(
        at('level'),
        `must be one of ${LEVELS.join(', ')}, got ${JSON.stringify(stage.level)}`,
        'level',
        bilingual('choose the level that handles this stage', '请选择办理该环节的层级')
      );

    problems.push(...handlerProblems(stage.handler, level, at('handler'), stagePlace(item, i, 'handler'), { facts, questionsByKey, departmentKinds }));

    if (stage.appliesWhen === null || stage.appliesWhen === undefined) {
      add(
        at('appliesWhen'),
        'is required: a JSON Logic rule over the core answers, or true if the stage always applies',
        'appliesWhen',
        bilingual('say which applicants go through this stage, or choose “Always”', '请设置哪些申请人需要经过该环节，或选择“总是适用”')
      );
    } else {
      const where = stagePlace(item, i, 'appliesWhen');
      const found = conditionProblems(stage.appliesWhen, shapes, { coreOnly: true });
      for (const p of found) problems.push(problem([...at('appliesWhen'), ...p.path], p.message, p.text ? locatedText(where, p.text) : undefined));
      const constant = found.length === 0 ? constantConditionProblem(stage.appliesWhen) : null;
      if (constant) problems.push(problem(at('appliesWhen'), constant.message, constant.text ? locatedText(where, constant.text) : undefined));
    }
  });
  return problems;
}

interface HandlerContext {
  readonly facts: CatalogFacts;
  readonly questionsByKey: ReadonlyMap<string | null, QuestionVersion>;
  readonly departmentKinds: ReadonlySet<string>;
}

function handlerProblems(handler: unknown, level: Level | null, path: FieldPath, where: AdminText, ctx: HandlerContext): Problem[] {
  const problems: Problem[] = [];
  const add = (field: string | null, message: string, what: AdminText) => problems.push(problem(field ? [...path, field] : path, message, locatedText(where, what)));
  const shape = 'either {"unit", "department"} for a fixed handler or {"fromAnswer", "level", "departmentKind"}';
  const reshape = bilingual(
    'choose either a fixed unit and department, or the unit found from an answer and its department of a type',
    '请选择固定的单位和部门，或根据回答确定的单位及其某类部门'
  );
  if (typeof handler !== 'object' || handler === null || Array.isArray(handler)) {
    add(null, `must be ${shape}`, reshape);
    return problems;
  }
  const keys = Object.keys(handler);
  const fixed = isFixedHandler(handler);
  const answer = isAnswerHandler(handler);
  const allowed = fixed ? ['unit', 'department'] : ['fromAnswer', 'level', 'departmentKind'];
  const extra = keys.filter((k) => !allowed.includes(k));
  if (fixed === answer || extra.length > 0) {
    add(null, `must be ${shape}${extra.length > 0 ? `; unexpected ${extra.join(', ')}` : ''}`, reshape);
    return problems;
  }
  const { units, departments } = ctx.facts;

  if (fixed) {
    const unit = units.get(String(handler.unit));
    if (!unit)
      add(
        'unit',
        `no unit has the code ${JSON.stringify(handler.unit)}`,
        bilingual(`no unit has the code ${handler.unit}: choose one from the list`, `没有代码为 ${handler.unit} 的单位：请从列表中选择`)
      );
    else if (level && unit.level !== level) {
      const u = unitNamed(ctx.facts, unit.code);
      add(
        'unit',
        `${unit.code} is a ${unit.level}-level unit, but the stage is at ${level} level`,
        bilingual(
          `${u} is a ${levelName(unit.level, 'en')} unit, but the stage is handled at ${levelName(level, 'en')}: choose a unit of that level, or change the stage’s level`,
          `${u}是${levelName(unit.level, 'zh-Hans')}单位，但该环节由${levelName(level, 'zh-Hans')}办理：请选择该层级的单位，或修改环节的办理层级`
        )
      );
    }
    const department = departments.get(String(handler.department));
    if (!department)
      add(
        'department',
        `no department has the code ${JSON.stringify(handler.department)}`,
        bilingual(`no department has the code ${handler.department}: choose one from the list`, `没有代码为 ${handler.department} 的部门：请从列表中选择`)
      );
    else if (unit && department.unitCode !== unit.code) {
      const d = departmentNamed(ctx.facts, department.code);
      const u = unitNamed(ctx.facts, unit.code);
      add(
        'department',
        `${department.code} belongs to unit ${department.unitCode}, not to ${unit.code}`,
        bilingual(`${d} is not a department of ${u}: choose one of its departments`, `${d}不是${u}的部门：请选择该单位的部门`)
      );
    }
    return problems;
  }

  const byAnswer = handler as Record<string, unknown>;
  const question = ctx.questionsByKey.get(String(byAnswer.fromAnswer));
  const asked = quoted(question?.label, bilingual(`“${byAnswer.fromAnswer}”`, `“${byAnswer.fromAnswer}”`));
  if (!question) {
    add(
      'fromAnswer',
      `names "${byAnswer.fromAnswer}", which is not a question of this item`,
      bilingual(
        `“${byAnswer.fromAnswer}” is not a question of this item: choose the question whose answer gives the unit`,
        `“${byAnswer.fromAnswer}”不是本事项的问题：请选择由其回答确定单位的问题`
      )
    );
  } else if (question.type !== 'unit') {
    add(
      'fromAnswer',
      `names "${byAnswer.fromAnswer}", a ${question.type} question; a handler is found from a unit answer`,
      bilingual(
        `${asked.en} is not answered with a unit, so it cannot say who handles the stage: choose a question answered with a unit`,
        `${asked['zh-Hans']}不是以单位作答的问题，无法确定办理单位：请选择以单位作答的问题`
      )
    );
  } else if (question.kind !== 'core') {
    add(
      'fromAnswer',
      `names the auxiliary question "${byAnswer.fromAnswer}"; only core answers decide who handles a stage`,
      bilingual(
        `${asked.en} is an auxiliary question; only core questions decide who handles a stage: make it a core question`,
        `${asked['zh-Hans']}是辅助问题，只有核心问题能决定办理单位：请把它设为核心问题`
      )
    );
  }
  if (!isLevel(byAnswer.level))
    add('level', `must be one of ${LEVELS.join(', ')}, got ${JSON.stringify(byAnswer.level)}`, bilingual('choose the level of the handling unit', '请选择办理单位的层级'));
  else {
    if (level && byAnswer.level !== level) {
      add(
        'level',
        `is ${byAnswer.level}, but the stage is at ${level} level`,
        bilingual(
          `the handler is found at ${levelName(byAnswer.level, 'en')}, but the stage is handled at ${levelName(level, 'en')}: make them the same`,
          `办理单位取自${levelName(byAnswer.level, 'zh-Hans')}，但该环节由${levelName(level, 'zh-Hans')}办理：请使两者一致`
        )
      );
    }
    if (question?.type === 'unit' && isLevel(question.answerLevel) && !isAtOrAbove(byAnswer.level, question.answerLevel)) {
      add(
        'level',
        `"${question.key}" is answered with a ${question.answerLevel}-level unit, which has no ${byAnswer.level}-level ancestor`,
        bilingual(
          `${asked.en} is answered with a ${levelName(question.answerLevel, 'en')} unit, which has no unit at ${levelName(byAnswer.level, 'en')} above it: choose a level at or above the answer’s`,
          `${asked['zh-Hans']}以${levelName(question.answerLevel, 'zh-Hans')}单位作答，其上没有${levelName(byAnswer.level, 'zh-Hans')}单位：请选择不低于回答层级的层级`
        )
      );
    }
  }
  if (typeof byAnswer.departmentKind !== 'string' || !ctx.departmentKinds.has(byAnswer.departmentKind)) {
    const kinds = [...ctx.departmentKinds].sort();
    add(
      'departmentKind',
      `no department is of kind ${JSON.stringify(byAnswer.departmentKind)} (kinds: ${kinds.join(', ')})`,
      bilingual(
        `no department is of the type ${JSON.stringify(byAnswer.departmentKind)}: choose one of ${kinds.map((k) => departmentKindName(k, 'en')).join(', ')}`,
        `没有类型为 ${JSON.stringify(byAnswer.departmentKind)} 的部门：请从${kinds.map((k) => departmentKindName(k, 'zh-Hans')).join('、')}中选择`
      )
    );
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

const FIELD_LIST_LABELS: Readonly<Record<string, AdminText>> = {
  policies: itemPlace('policies'),
  questions: itemPlace('questions'),
  stages: itemPlace('stages'),
};

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
      const [list, index] = difference;
      const where =
        list === 'stages' && typeof index === 'number'
          ? stagePlace(reference, index)
          : list === 'questions' && typeof index === 'number'
            ? questionPlace(reference, index)
            : typeof list === 'string' && list in FIELD_LIST_LABELS
              ? FIELD_LIST_LABELS[list]
              : itemPlace(String(list));
      const other = inLocale(version.locale);
      problems.push(
        problem(
          difference,
          `differs between locales: ${reference.locale} has ${show(valueAt(expected, difference))}, ${version.locale} has ${show(valueAt(actual, difference))}; keys, option values, conditions, handlers and codes must be the same in every locale`,
          locatedText(
            where,
            bilingual(
              `the version ${other.en} is built differently; save the item once in this language and the structure is carried to every language`,
              `${other['zh-Hans']}的结构与此不同；在本语言下保存一次事项，结构即会同步到所有语言`
            )
          )
        )
      );
    }
  }
  return problems;
}
