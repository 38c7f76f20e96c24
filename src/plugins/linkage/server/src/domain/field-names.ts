// What every field an editor sees is called, and what it is for, in each admin language: the
// Content Manager's labels and hints, the places named in messages, and the column headers of
// lists all read from here (the admin bundle imports this module too).
import type { AdminLanguage, AdminText } from './admin-language';
import { isLevel } from './levels';
import { kindName, levelName } from './vocabulary';
import { RECORD_TYPES } from './record-types';

export interface FieldName {
  readonly label: AdminText;
  readonly description: AdminText;
}

const f = (en: string, zh: string, descriptionEn: string, descriptionZh: string): FieldName => ({
  label: { en, 'zh-Hans': zh },
  description: { en: descriptionEn, 'zh-Hans': descriptionZh },
});

/** By content type uid (`plugin::linkage.guide`) or component uid (`linkage.stage`), then field. */
export const FIELD_NAMES: Readonly<Record<string, Readonly<Record<string, FieldName>>>> = {
  'plugin::linkage.unit': {
    code: f('Division code', '区划代码', 'The 12-digit administrative division code; it extends the parent unit’s code.', '12 位行政区划代码，须以上级单位的代码开头。'),
    level: f('Level', '层级', 'City, district, street or community.', '市、区(市)、街道(镇)或社区(村)。'),
    kind: f('Kind', '类型', 'What kind of unit this is at its level (a county-level city sits at the district level).', '本单位在其层级中的类型（县级市属于区级）。'),
    parentCode: f('Parent unit', '上级单位', 'The unit one level up.', '上一层级的单位。'),
    name: f('Name', '名称', 'The unit’s name in this language.', '本语言下的单位名称。'),
    siteUrl: f(
      'Website',
      '网站地址',
      'The address of this unit’s own site (http or https); leave empty if it has none: its pages are then served from the nearest unit above with a site.',
      '本单位网站的地址（http 或 https）；没有网站可留空，页面将由上级最近的有网站的单位提供。'
    ),
  },
  'plugin::linkage.department': {
    code: f('Department code', '部门代码', 'A code unique across the city, such as 370281-SI.', '全市唯一的代码，如 370281-SI。'),
    kind: f(
      'Department type',
      '部门类型',
      'The kind of office, shared by every unit (SI: social insurance, CA: civil affairs…); stages find their handler by it.',
      '各单位通用的部门类型（SI：社会保险，CA：民政……）；环节据此找到办理部门。'
    ),
    unitCode: f('Unit', '所属单位', 'The unit this department belongs to.', '本部门所属的行政单位。'),
    name: f('Name', '名称', 'The department’s name in this language.', '本语言下的部门名称。'),
    address: f('Address', '地址', 'Where applicants go.', '申请人前往办理的地址。'),
    hours: f('Opening hours', '办公时间', 'When it receives applicants.', '接待申请人的时间。'),
    phone: f('Phone', '电话', 'The same in every language.', '各语言相同。'),
  },
  'plugin::linkage.item': {
    code: f(
      'Item code',
      '事项编码',
      'Upper-case letters, digits and “-”, such as QD-SI-001; it cannot change once guides belong to the item.',
      '大写字母、数字和“-”，如 QD-SI-001；已有办事指南后不能再修改。'
    ),
    title: f('Title', '事项名称', 'The service’s name as citizens read it.', '群众看到的事项名称。'),
    slug: f('Web address name', '网址名称', 'The item’s name in its page addresses; generated from the title.', '事项在网页地址中的名称，由名称自动生成。'),
    summary: f('Summary', '事项简介', 'What the service is, in a few sentences.', '用几句话说明这是什么事项。'),
    domain: f(
      'Domain',
      '所属领域',
      'The area of government (social-security, civil-affairs, housing, healthcare…), used by reports and responsibility rules.',
      '所属政务领域（社保、民政、住房、医保……），供报告和内容保障职责使用。'
    ),
    managingUnitCode: f('Managing unit', '管理单位', 'The unit that manages this item (统一管理), normally the city.', '统一管理本事项的单位，通常为市级。'),
    managingDepartmentCode: f(
      'Managing department',
      '管理部门',
      'The department of the managing unit that keeps the item’s basic information.',
      '管理单位中负责维护事项基本信息的部门。'
    ),
    policies: f('Policies', '政策依据', 'The policies and regulations behind the service.', '本事项依据的政策法规。'),
    questions: f(
      'Navigator questions',
      '导航问题',
      'What the navigator asks: core answers choose the route, auxiliary answers tune a guide’s materials. Keys and options are the same in every language.',
      '导航要问的问题：核心问题决定办理路径，辅助问题决定所需材料。各语言的键和选项相同。'
    ),
    stages: f(
      'Stages',
      '办理环节',
      'The steps of the service, each handled at one level. Keys, conditions and handlers are the same in every language.',
      '事项的各个办理环节，每个环节由一个层级办理。各语言的键、条件和办理单位相同。'
    ),
  },
  'plugin::linkage.guide': {
    title: f('Guide', '指南名称', 'Filled in automatically: item · stage · unit.', '自动生成：事项 · 环节 · 单位。'),
    itemCode: f('Linked item', '联动事项', 'The service this guide belongs to.', '本指南所属的联动事项。'),
    stageKey: f('Stage', '办理环节', 'The stage of the item this guide explains.', '本指南说明的办理环节。'),
    unitCode: f(
      'Handling unit',
      '办理单位',
      'The unit that handles this stage and keeps this guide; only a city manager may move a guide to another unit.',
      '办理该环节并维护本指南的单位；只有市级管理员可以把指南移交其他单位。'
    ),
    departmentCode: f('Handling department', '办理部门', 'The department of the handling unit that receives applicants.', '办理单位中受理申请的部门。'),
    conditions: f('Conditions', '受理条件', 'Who may apply, and on what conditions.', '谁可以申请，需要满足哪些条件。'),
    materials: f('Materials', '申报材料', 'The documents applicants bring.', '申请人需要提交的材料。'),
    noMaterialsNeeded: f(
      'No materials needed',
      '无需提交材料',
      'Tick when this stage needs no documents at all (an empty list alone means “not filled in”).',
      '本环节不需要任何材料时勾选（材料列表为空仅表示“尚未填写”）。'
    ),
    timeLimit: f('Time limit', '办理时限', 'Statutory and promised working days.', '法定和承诺办结的工作日数。'),
    fee: f('Fee', '收费标准', 'What it costs, or that it is free.', '收费标准，或注明不收费。'),
    onlineUrl: f('Apply online', '网上办理地址', 'Where to apply online (http or https).', '网上申办的地址（http 或 https）。'),
    address: f('Address', '办理地点', 'Where applicants go.', '申请人前往办理的地点。'),
    hours: f('Opening hours', '办理时间', 'When applicants are received.', '受理申请的时间。'),
    phone: f('Phone', '咨询电话', 'The same in every language.', '各语言相同。'),
  },
  'plugin::linkage.guide-spec': {
    required: f('Required fields', '必填内容', 'The fields a complete guide must hold.', '一份完整的办事指南必须填写的内容。'),
  },
  'plugin::linkage.responsibility-rule': {
    key: f('Rule code', '职责编码', 'Lower-case letters, digits and “-”.', '小写字母、数字和“-”。'),
    scope: f('Applies to', '适用对象', 'Items, guides, templates or units.', '联动事项、办事指南、展现模板或行政单位。'),
    level: f('Level', '层级', 'Only records of this level (empty: every level).', '仅适用于该层级（留空：所有层级）。'),
    domain: f('Domain', '所属领域', 'Only records of this domain (empty: every domain).', '仅适用于该领域（留空：所有领域）。'),
    responsible: f('Responsible', '责任方', 'The owning unit, or a named department.', '所属单位，或指定的部门。'),
    responsibleDepartmentCode: f('Responsible department', '责任部门', 'The department responsible, when “a named department” is chosen.', '选择“指定部门”时的责任部门。'),
    reviewEveryDays: f('Review every (days)', '复核周期（天）', 'How often the content must be reviewed.', '内容需要复核的间隔天数。'),
    description: f('Description', '说明', 'The rule in a sentence.', '用一句话说明本职责。'),
  },
  'plugin::linkage.site-template': {
    key: f(
      'Template key',
      '模板键',
      'Which page this template draws (layout, site-index, item-page, guide-page, navigator-form, route-result) or a partial.',
      '本模板绘制的页面（layout、site-index、item-page、guide-page、navigator-form、route-result）或片段。'
    ),
    body: f('Template', '模板内容', 'Liquid; output is always escaped.', 'Liquid 模板；输出内容总会被转义。'),
    styles: f('Styles', '样式', 'CSS for the pages.', '页面的 CSS 样式。'),
    version: f('Version', '版本', 'Raise it when the template changes in a way sites should notice.', '模板有需要各站点注意的变化时提高版本号。'),
  },
  'linkage.policy': {
    title: f('Title', '名称', 'The policy’s title in this language.', '本语言下的政策名称。'),
    url: f('Link', '链接', 'Where to read it (http or https); the same in every language.', '政策原文地址（http 或 https）；各语言相同。'),
  },
  'linkage.question': {
    key: f('Key', '问题键', 'Lower-case letters, digits and “_”; conditions refer to the question by it.', '小写字母、数字和“_”；条件通过它引用问题。'),
    kind: f('Role', '问题作用', 'Core questions choose the route; auxiliary questions only choose materials.', '核心问题决定办理路径；辅助问题只决定所需材料。'),
    type: f(
      'Answer type',
      '回答方式',
      'Choose an option, yes or no, or a unit (where the applicant lives or is registered).',
      '选择一个选项、回答是或否，或选择一个单位（申请人居住或登记所在地）。'
    ),
    label: f('Question', '问题', 'The question as applicants read it.', '申请人看到的问题。'),
    options: f('Options', '选项', 'The answers of a choice question.', '选择题的可选答案。'),
    answerLevel: f('Answered with a unit at', '回答的单位层级', 'For a unit question: the level of the unit the applicant picks.', '单位问题：申请人选择的单位所在层级。'),
    within: f('Within', '范围', 'For a unit question: only units under this one are offered.', '单位问题：只列出该单位之下的单位。'),
  },
  'linkage.option': {
    value: f('Value', '选项值', 'Letters, digits, “_” or “-”; conditions refer to the option by it.', '字母、数字、“_”或“-”；条件通过它引用选项。'),
    label: f('Answer', '选项文字', 'The option as applicants read it.', '申请人看到的选项文字。'),
  },
  'linkage.stage': {
    key: f('Key', '环节键', 'Lower-case letters, digits and “-”; guides refer to the stage by it.', '小写字母、数字和“-”；办事指南通过它引用环节。'),
    order: f('Order', '顺序', 'Stages are shown and handled in this order.', '各环节按此顺序展示和办理。'),
    level: f('Level', '办理层级', 'The level of government that handles this stage.', '办理该环节的政府层级。'),
    name: f('Name', '环节名称', 'The stage as applicants read it.', '申请人看到的环节名称。'),
    handler: f(
      'Handled by',
      '办理单位',
      'A fixed unit and department, or the unit found from an answer and its department of a type.',
      '固定的单位和部门，或根据回答确定的单位及其某类部门。'
    ),
    appliesWhen: f(
      'Applies when',
      '适用条件',
      'Which applicants go through this stage, from their answers to the core questions.',
      '根据核心问题的回答，哪些申请人需要经过该环节。'
    ),
  },
  'linkage.material': {
    name: f('Material', '材料名称', 'The document as applicants read it.', '申请人看到的材料名称。'),
    original: f('Originals', '原件份数', 'How many originals to bring.', '需提交的原件份数。'),
    copies: f('Copies', '复印件份数', 'How many copies to bring.', '需提交的复印件份数。'),
    required: f('Required', '是否必需', 'Whether every applicant to whom it applies must bring it.', '适用的申请人是否都必须提交。'),
    when: f('Needed when', '需要条件', 'Which applicants need it, from their answers (empty: everyone).', '根据回答，哪些申请人需要提交（留空：所有人）。'),
    blankForm: f('Blank form', '空白表格', 'The file name of the blank form in the media library, if there is one.', '媒体库中空白表格的文件名（如有）。'),
  },
  'linkage.time-limit': {
    statutoryDays: f('Statutory days', '法定时限（工作日）', 'Working days the law allows.', '法律规定的办结工作日数。'),
    promisedDays: f('Promised days', '承诺时限（工作日）', 'Working days the unit promises.', '本单位承诺的办结工作日数。'),
  },
};

/** What each component is called, by uid (record types are named in domain/record-types.ts). */
const COMPONENTS: Readonly<Record<string, { readonly displayName: string; readonly name: AdminText }>> = {
  'linkage.material': { displayName: 'Material', name: { en: 'Material', 'zh-Hans': '申报材料' } },
  'linkage.stage': { displayName: 'Stage', name: { en: 'Stage', 'zh-Hans': '办理环节' } },
  'linkage.policy': { displayName: 'Policy', name: { en: 'Policy', 'zh-Hans': '政策法规' } },
  'linkage.option': { displayName: 'Option', name: { en: 'Option', 'zh-Hans': '选项' } },
  'linkage.question': { displayName: 'Question', name: { en: 'Question', 'zh-Hans': '导航问题' } },
  'linkage.time-limit': { displayName: 'Time limit', name: { en: 'Time limit', 'zh-Hans': '办理时限' } },
};

const TYPES: Readonly<Record<string, { readonly displayName: string; readonly name: AdminText }>> = {
  ...Object.fromEntries(RECORD_TYPES.map((t) => [t.uid, { displayName: t.displayName, name: t.name }])),
  ...COMPONENTS,
};

/** A type's name, by uid (its uid where unknown). */
export const typeName = (uid: string, language: AdminLanguage): string => TYPES[uid]?.name[language] ?? uid;

/**
 * The same names by display name: the Content Manager uses a type's display name as the
 * translation id of its name in menus.
 */
export const TYPE_NAMES: Readonly<Record<string, AdminText>> = Object.fromEntries(Object.values(TYPES).map((t) => [t.displayName, t.name]));

/** A field's name, else its own key (a field added without a name shows as itself). */
export const fieldLabel = (uid: string, field: string): AdminText => FIELD_NAMES[uid]?.[field]?.label ?? { en: field, 'zh-Hans': field };

const t = (en: string, zh: string): AdminText => ({ en, 'zh-Hans': zh });

// The values of the plugin's enumerations, by field: a value means the same wherever the field is.
const CHOICE_NAMES: Readonly<Record<string, Readonly<Record<string, AdminText>>>> = {
  kind: { core: t('Core: chooses the route', '核心问题：决定办理路径'), auxiliary: t('Auxiliary: chooses materials', '辅助问题：决定所需材料') },
  type: { choice: t('Choose an option', '选择一个选项'), boolean: t('Yes or no', '是或否'), unit: t('A unit (where the applicant is)', '一个单位（申请人所在地）') },
  scope: { item: t('Linked items', '联动事项'), guide: t('Guides', '办事指南'), template: t('Site templates', '展现模板'), unit: t('Units', '行政单位') },
  responsible: { owner: t('The owning unit', '所属单位'), department: t('A named department', '指定部门') },
};

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** What an enumeration's value is called: `district` as a level is 区(市)级, as a unit kind 区. */
export function choiceName(field: string, value: string, language: AdminLanguage): string {
  if ((field === 'level' || field === 'answerLevel') && isLevel(value)) return capitalised(levelName(value, language));
  const named = CHOICE_NAMES[field]?.[value];
  if (named) return named[language];
  if (field === 'kind') return capitalised(kindName(value, language));
  return value;
}
