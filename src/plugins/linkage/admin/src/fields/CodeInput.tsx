// A code chosen by name: a linked item, one of its stages, a unit or a department. What is offered
// depends on the form: a guide's unit is one of the editor's own units at the stage's level, its
// department one of that unit's departments of the stage's handler type; a parent unit is one
// level up. What may not change (a guide's item, stage and owner, for a unit editor) is read-only.
import { useMemo } from 'react';
import { useIntl } from 'react-intl';
import { useParams } from 'react-router-dom';
import { Combobox, ComboboxOption, Field } from '@strapi/design-system';
import { useFocusInputField, useForm } from '@strapi/strapi/admin';
import { isAnswerHandler, isFixedHandler } from '../../../server/src/domain/catalog-format';
import { LEVELS, isLevel, levelIndex } from '../../../server/src/domain/levels';
import { levelName } from '../../../server/src/domain/vocabulary';
import { useDepartments, useEditedLocale, useItem, useItems, useUnits, type EditorDepartment, type EditorItem, type EditorUnit } from '../editor/data';
import { fieldOf, siblingOf, type CustomFieldProps } from '../editor/field-props';
import { useAdminLanguage } from '../editor/language';
import { managesEverything, useMe, type Me } from '../editor/me';
import { getTranslation } from '../pluginId';

interface Choice {
  value: string;
  label: string;
}

const GUIDE = 'plugin::linkage.guide';
const ITEM = 'plugin::linkage.item';
const UNIT = 'plugin::linkage.unit';

type FormValues = Record<string, unknown>;

const text = (values: FormValues, field: string): string | null => {
  const value = values[field];
  return typeof value === 'string' && value !== '' ? value : null;
};

const valueAt = (values: FormValues, path: string): unknown =>
  path.split('.').reduce<unknown>((v, part) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined), values);

function unitChoices(units: EditorUnit[], keep: (u: EditorUnit) => boolean, language: 'en' | 'zh-Hans'): Choice[] {
  return units.filter(keep).map((u) => ({ value: u.code, label: `${u.name} · ${isLevel(u.level) ? levelName(u.level, language) : u.level}` }));
}

interface Context {
  model: string | undefined;
  creating: boolean;
  values: FormValues;
  name: string;
  me: Me | null;
  item: EditorItem | null;
}

/** Which units a field offers, by its place in the form. */
function unitFilter({ model, values, name, me, item }: Context): (u: EditorUnit) => boolean {
  const field = fieldOf(name);
  if (model === GUIDE && field === 'unitCode') {
    const stage = item?.stages.find((s) => s.key === text(values, 'stageKey'));
    const mine = new Set((me?.units ?? []).map((u) => u.code));
    return (u) =>
      (!stage || u.level === stage.level) && (!stage || !isFixedHandler(stage.handler) || stage.handler.unit === u.code) && (managesEverything(me) || mine.has(u.code));
  }
  if (model === UNIT && field === 'parentCode') {
    const level = text(values, 'level');
    return (u) => !isLevel(level) || levelIndex(u.level as (typeof LEVELS)[number]) === levelIndex(level) - 1;
  }
  if (field === 'within') {
    const answerLevel = valueAt(values, siblingOf(name, 'answerLevel'));
    return (u) => !isLevel(answerLevel) || levelIndex(u.level as (typeof LEVELS)[number]) < levelIndex(answerLevel);
  }
  return () => true;
}

/** Which departments a field offers, by its place in the form. */
function departmentFilter({ model, values, item }: Context): (d: EditorDepartment) => boolean {
  if (model === GUIDE) {
    const unitCode = text(values, 'unitCode');
    const stage = item?.stages.find((s) => s.key === text(values, 'stageKey'));
    return (d) =>
      (!unitCode || d.unitCode === unitCode) &&
      (!stage || !isFixedHandler(stage.handler) || stage.handler.department === d.code) &&
      (!stage || !isAnswerHandler(stage.handler) || stage.handler.departmentKind === d.kind);
  }
  if (model === ITEM) {
    const unitCode = text(values, 'managingUnitCode');
    return (d) => !unitCode || d.unitCode === unitCode;
  }
  return () => true;
}

/** Why a field may not be changed here, or null. */
function lockedBecause({ model, creating, name, me }: Context): 'fixed' | 'owner' | null {
  if (model !== GUIDE || creating || managesEverything(me)) return null;
  const field = fieldOf(name);
  if (field === 'itemCode' || field === 'stageKey') return 'fixed';
  if (field === 'unitCode') return 'owner';
  return null;
}

export default function CodeInput({ name, label, hint, required, disabled, error, value, onChange, attribute, labelAction }: CustomFieldProps<string>) {
  const { formatMessage } = useIntl();
  const language = useAdminLanguage();
  const locale = useEditedLocale();
  const { slug: model, id } = useParams<{ slug: string; id: string }>();
  const values = useForm('CodeInput', (state) => state.values) as FormValues;
  const me = useMe();
  const refers = attribute.options?.refers;
  const focus = useFocusInputField(name) as (element: HTMLElement | null) => void;
  const units = useUnits(locale);
  const departments = useDepartments(locale);
  const items = useItems(locale);
  const item = useItem(model === GUIDE ? text(values, 'itemCode') : null, locale);

  const context: Context = { model, creating: !id || id === 'create', values, name, me, item: item.state === 'ready' ? item.data : null };
  const locked = lockedBecause(context);

  const all: Choice[] = useMemo(() => {
    if (refers === 'item') return items.state === 'ready' ? items.data.map((i) => ({ value: i.code, label: i.title })) : [];
    if (refers === 'stage')
      return item.state === 'ready' ? item.data.stages.map((s) => ({ value: s.key, label: `${s.name} · ${isLevel(s.level) ? levelName(s.level, language) : s.level}` })) : [];
    if (refers === 'unit') return units.state === 'ready' ? unitChoices(units.data, () => true, language) : [];
    if (refers === 'department') return departments.state === 'ready' ? departments.data.map((d) => ({ value: d.code, label: d.name })) : [];
    return [];
  }, [refers, items, item, units, departments, language]);

  const offered: Choice[] = useMemo(() => {
    if (refers === 'unit' && units.state === 'ready') return unitChoices(units.data, unitFilter(context), language);
    if (refers === 'department' && departments.state === 'ready') {
      const keep = departmentFilter(context);
      return departments.data.filter(keep).map((d) => ({ value: d.code, label: d.name }));
    }
    return all;
    // The context is rebuilt on every render; what it reads is in these.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refers, units, departments, all, language, values, me, item]);

  // The stored value stays visible (by its name) even when it is no longer among the choices.
  const current = typeof value === 'string' && value !== '' ? (all.find((c) => c.value === value) ?? { value, label: value }) : null;
  const options = current && !offered.some((c) => c.value === current.value) ? [current, ...offered] : offered;
  const lockHint =
    locked === 'owner'
      ? formatMessage({ id: getTranslation('code.lockedOwner'), defaultMessage: 'Only a city manager may move a guide to another unit.' })
      : locked === 'fixed'
        ? formatMessage({ id: getTranslation('code.lockedFixed'), defaultMessage: 'A guide stays with its item and stage; create a guide for another stage instead.' })
        : null;

  return (
    <Field.Root name={name} id={name} error={error} hint={lockHint ?? hint} required={required}>
      <Field.Label action={labelAction}>{label}</Field.Label>
      <Combobox
        ref={focus}
        value={current?.value ?? ''}
        textValue={current?.label}
        disabled={disabled || locked !== null}
        placeholder={formatMessage({ id: getTranslation('code.choose'), defaultMessage: 'Choose…' })}
        noOptionsMessage={() => formatMessage({ id: getTranslation('code.none'), defaultMessage: 'Nothing to choose here yet' })}
        loading={units.state === 'loading' && refers === 'unit'}
        onChange={(next) => onChange(name, next ? String(next) : null)}
        onClear={required ? undefined : () => onChange(name, null)}
      >
        {options.map((choice) => (
          <ComboboxOption key={choice.value} value={choice.value}>
            {choice.label}
          </ComboboxOption>
        ))}
      </Combobox>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}
