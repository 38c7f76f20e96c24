// Whether an item routes every citizen somewhere: every combination of core answers must give at
// least one stage, and exactly one handler for each stage that applies. Stages that no
// combination reaches are reported too (a warning: the item still routes).
import type { AdminText } from './admin-language';
import { completions, decide, type AnswerSpace } from './answer-space';
import type { Answers } from './answers';
import type { CatalogItem } from './catalog-format';
import { fieldLabel } from './field-names';
import { resolveHandler, type DepartmentsByUnitKind, type UnresolvableCause } from './handlers';
import { isLevel } from './levels';
import { bilingual, locatedText, problem, type Problem } from './problems';
import { stageOrder } from './routing';
import { departmentKindName, levelName, textIn } from './vocabulary';

export interface Coverage {
  /** The first failing combinations, as problems. */
  readonly problems: readonly Problem[];
  readonly failingCombinations: number;
  readonly combinations: number;
  /** Stages that apply for no combination. */
  readonly unreachable: readonly string[];
}

/** How the answers and places of an item are named in messages: in the checked locale, units by name. */
export interface CoverageNames {
  readonly locale: string;
  readonly unitName: (code: string) => string | undefined;
}

export const describeAnswers = (answers: Answers): string =>
  Object.entries(answers)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(', ');

/** `退休类型 = 正常退休, 原企业所在区(市) = 胶州市`: answers as the applicant would have given them. */
export function answersInWords(answers: Answers, item: CatalogItem, names: CoverageNames): string {
  const { locale } = names;
  const zh = locale.startsWith('zh');
  return Object.entries(answers)
    .map(([key, value]) => {
      const question = item.questions.find((q) => q.key === key);
      const label = question ? textIn(question.label, locale) || key : key;
      let shown: string;
      if (typeof value === 'boolean') shown = value ? (zh ? '是' : 'yes') : zh ? '否' : 'no';
      else if (question?.type === 'choice') shown = textIn(question.options?.find((o) => o.value === value)?.label, locale) || value;
      else if (question?.type === 'unit') shown = names.unitName(value) ?? value;
      else shown = value;
      return `${label} = ${shown}`;
    })
    .join(zh ? '，' : ', ');
}

const stageWhere = (item: CatalogItem, key: string, locale: string, field?: string): AdminText => {
  const stage = item.stages.find((s) => s.key === key);
  const name = (stage && textIn(stage.name, locale)) || key;
  const place = bilingual(`Stage “${name}”`, `环节“${name}”`);
  if (!field) return place;
  const label = fieldLabel('linkage.stage', field);
  return bilingual(`${place.en} › ${label.en}`, `${place['zh-Hans']}的${label['zh-Hans']}`);
};

function unresolvableText(cause: UnresolvableCause, names: CoverageNames): AdminText {
  const unit = (code: string) => names.unitName(code) ?? code;
  const level = (l: string, lang: 'en' | 'zh-Hans') => (isLevel(l) ? levelName(l, lang) : l);
  switch (cause.kind) {
    case 'no-handler':
      return bilingual('no one is set to handle it: choose who handles this stage', '没有设置办理单位：请选择由谁办理该环节');
    case 'no-unit-at-level':
      return bilingual(
        `${unit(cause.answer)} has no unit at ${level(cause.level, 'en')} above it to handle it: change the handler’s level`,
        `${unit(cause.answer)}之上没有${level(cause.level, 'zh-Hans')}单位可以办理：请修改办理单位的层级`
      );
    case 'no-department':
      return bilingual(
        `${unit(cause.unitCode)} has no ${departmentKindName(cause.departmentKind, 'en')} to handle it: add that department to ${unit(cause.unitCode)}, or narrow when the stage applies`,
        `${unit(cause.unitCode)}没有${departmentKindName(cause.departmentKind, 'zh-Hans')}可以办理：请为${unit(cause.unitCode)}添加该部门，或缩小该环节的适用条件`
      );
    case 'several-departments':
      return bilingual(
        `${unit(cause.unitCode)} has ${cause.departmentCodes.length} departments of the type ${departmentKindName(cause.departmentKind, 'en')} (${cause.departmentCodes.join(', ')}), and a stage needs exactly one: fix the departments’ types`,
        `${unit(cause.unitCode)}有 ${cause.departmentCodes.length} 个${departmentKindName(cause.departmentKind, 'zh-Hans')}（${cause.departmentCodes.join('、')}），而一个环节只能由一个部门办理：请修正这些部门的类型`
      );
  }
}

const defaultNames = (item: CatalogItem): CoverageNames => ({ locale: Object.keys(item.title ?? {})[0] ?? 'en', unitName: () => undefined });

export function itemCoverage(space: AnswerSpace, departments: DepartmentsByUnitKind, limit = 5, names: CoverageNames = defaultNames(space.item)): Coverage {
  const { item, units } = space;
  const stages = [...item.stages].sort(stageOrder);
  const coreKeys = item.questions.filter((q) => q.kind === 'core').map((q) => q.key);
  const problems: Problem[] = [];
  const reached = new Set<string>();
  let combinations = 0;
  let failing = 0;
  const empty = coreKeys.filter((key) => (space.values.get(key) ?? []).length === 0);
  if (empty.length > 0) {
    return {
      problems: empty.map((key) => {
        const question = item.questions.find((q) => q.key === key);
        const label = (question && textIn(question.label, names.locale)) || key;
        return problem(
          ['questions', item.questions.findIndex((q) => q.key === key)],
          `no unit can answer "${key}": none lies in its area at or below its answer level`,
          bilingual(
            `Question “${label}”: no unit can answer it, because none lies in its range at its level: widen its range, or change the level it is answered at`,
            `问题“${label}”：没有单位可以作答，因为在其范围内没有该层级的单位：请扩大范围，或修改回答的单位层级`
          )
        );
      }),
      failingCombinations: 0,
      combinations: 0,
      unreachable: [],
    };
  }
  for (const answers of completions(space, {}, coreKeys)) {
    combinations += 1;
    const found: Problem[] = [];
    const applying = stages.filter((stage) => decide(stage.appliesWhen, answers, space) === true);
    const when = () => answersInWords(answers, item, names);
    if (applying.length === 0) {
      found.push(
        problem(
          ['stages'],
          `no stage applies when ${describeAnswers(answers)}`,
          bilingual(
            `When ${when()}: no stage applies, so these applicants are sent nowhere. Widen a stage’s “Applies when”, or add a stage for them.`,
            `当${when()}时：没有适用的环节，这些申请人将无处办理。请放宽某个环节的“适用条件”，或为他们增加一个环节。`
          )
        )
      );
    }
    for (const stage of applying) {
      reached.add(stage.key);
      const handler = resolveHandler(stage, answers, units, departments);
      if (handler.kind === 'unresolvable') {
        const where = stageWhere(item, stage.key, names.locale, 'handler');
        const why = unresolvableText(handler.cause, names);
        found.push(
          problem(
            ['stages', item.stages.indexOf(stage), 'handler'],
            `when ${describeAnswers(answers)}: ${handler.reason}`,
            locatedText(where, bilingual(`when ${when()}, ${why.en}`, `当${when()}时，${why['zh-Hans']}`))
          )
        );
      }
    }
    if (found.length > 0) {
      failing += 1;
      if (problems.length < limit) problems.push(...found.slice(0, limit - problems.length));
    }
  }
  return { problems, failingCombinations: failing, combinations, unreachable: stages.filter((s) => !reached.has(s.key)).map((s) => s.key) };
}

/** A stage no answers reach, as a warning an editor reads. */
export function unreachableWarning(item: CatalogItem, key: string, locale: string): Problem {
  return problem(
    ['stages', item.stages.findIndex((s) => s.key === key), 'appliesWhen'],
    `no combination of answers reaches stage "${key}"`,
    locatedText(
      stageWhere(item, key, locale, 'appliesWhen'),
      bilingual(
        'no combination of answers reaches this stage, so no applicant goes through it: check its condition',
        '任何回答组合都不会经过该环节，没有申请人会办理它：请检查其适用条件'
      )
    )
  );
}
