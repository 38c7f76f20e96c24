// Who handles a stage, chosen by name: a fixed unit and one of its departments, or the unit found
// from a unit answer (at the stage's level) and its department of a type. Stored as the handler
// JSON the routing reads ({unit, department} or {fromAnswer, level, departmentKind}).
import { useMemo } from 'react';
import { useIntl } from 'react-intl';
import { Box, Combobox, ComboboxOption, Field, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { useFocusInputField, useForm } from '@strapi/strapi/admin';
import { isAnswerHandler, isFixedHandler } from '../../../server/src/domain/catalog-format';
import { LEVELS, isLevel } from '../../../server/src/domain/levels';
import { levelName } from '../../../server/src/domain/vocabulary';
import { useDepartments, useEditedLocale, useUnits } from '../editor/data';
import { siblingOf, type CustomFieldProps } from '../editor/field-props';
import { useAdminLanguage } from '../editor/language';
import { Labelled } from '../editor/Labelled';
import { getTranslation } from '../pluginId';

type Handler = { unit?: string; department?: string } | { fromAnswer?: string; level?: string; departmentKind?: string };

interface FormQuestion {
  key?: string;
  label?: string;
  type?: string;
  kind?: string;
}

export default function HandlerInput({ name, label, hint, required, disabled, error, value, onChange, labelAction }: CustomFieldProps<Handler>) {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string) => formatMessage({ id: getTranslation(id), defaultMessage });
  const language = useAdminLanguage();
  const locale = useEditedLocale();
  const focus = useFocusInputField(name) as (element: HTMLElement | null) => void;
  const units = useUnits(locale);
  const departments = useDepartments(locale);
  const values = useForm('HandlerInput', (state) => state.values) as { questions?: FormQuestion[] } & Record<string, unknown>;
  const stageLevel = String(
    siblingOf(name, 'level')
      .split('.')
      .reduce<unknown>((v, part) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined), values) ?? ''
  );

  const handler: Handler = typeof value === 'string' ? safeParse(value) : (value ?? {});
  const mode: 'fixed' | 'answer' = isAnswerHandler(handler) ? 'answer' : isFixedHandler(handler) ? 'fixed' : 'answer';
  const set = (next: Handler) => onChange(name, next);

  const unitQuestions = (values.questions ?? []).filter((q) => q.type === 'unit' && q.kind === 'core' && q.key);
  const kinds = useMemo(() => {
    if (departments.state !== 'ready') return [] as Array<{ kind: string; name: string }>;
    const byKind = new Map(departments.data.map((d) => [d.kind, d.kindName]));
    return [...byKind.entries()].map(([kind, kindName]) => ({ kind, name: kindName })).sort((a, b) => a.name.localeCompare(b.name));
  }, [departments]);

  const fixed = handler as { unit?: string; department?: string };
  const answer = handler as { fromAnswer?: string; level?: string; departmentKind?: string };
  const fixedUnits = units.state === 'ready' ? units.data.filter((u) => !isLevel(stageLevel) || u.level === stageLevel) : [];
  const fixedDepartments = departments.state === 'ready' ? departments.data.filter((d) => d.unitCode === fixed.unit) : [];

  return (
    <Field.Root name={name} id={name} error={error} hint={hint} required={required}>
      <Field.Label action={labelAction}>{label}</Field.Label>
      <Box ref={focus} tabIndex={-1} padding={3} background="neutral100" hasRadius borderColor="neutral200" data-linkage-handler={name}>
        <Flex direction="column" alignItems="stretch" gap={3}>
          <Labelled id={`${name}.mode`} label={t('handler.mode', 'How the handler is found')}>
            <SingleSelect
              value={mode}
              disabled={disabled}
              onChange={(next) =>
                set(
                  next === 'fixed'
                    ? { unit: undefined, department: undefined }
                    : { fromAnswer: unitQuestions[0]?.key, level: isLevel(stageLevel) ? stageLevel : undefined, departmentKind: undefined }
                )
              }
            >
              <SingleSelectOption value="answer">{t('handler.answer', 'The unit found from an answer, and its department of a type')}</SingleSelectOption>
              <SingleSelectOption value="fixed">{t('handler.fixed', 'Always the same unit and department')}</SingleSelectOption>
            </SingleSelect>
          </Labelled>
          {mode === 'fixed' ? (
            <Flex gap={2} alignItems="flex-start" wrap="wrap">
              <Box flex="1" minWidth="220px">
                <Labelled id={`${name}.unit`} label={t('handler.unit', 'Unit')} shown>
                  <Combobox
                    value={fixed.unit ?? ''}
                    textValue={fixedUnits.find((u) => u.code === fixed.unit)?.name ?? fixed.unit}
                    disabled={disabled}
                    onChange={(next) => set({ unit: next ? String(next) : undefined, department: undefined })}
                  >
                    {fixedUnits.map((u) => (
                      <ComboboxOption key={u.code} value={u.code}>
                        {u.name}
                      </ComboboxOption>
                    ))}
                  </Combobox>
                </Labelled>
              </Box>
              <Box flex="1" minWidth="220px">
                <Labelled id={`${name}.department`} label={t('handler.department', 'Department')} shown>
                  <SingleSelect value={fixed.department ?? ''} disabled={disabled || !fixed.unit} onChange={(next) => set({ unit: fixed.unit, department: String(next) })}>
                    {fixedDepartments.map((d) => (
                      <SingleSelectOption key={d.code} value={d.code}>
                        {d.name}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Labelled>
              </Box>
            </Flex>
          ) : (
            <Flex gap={2} alignItems="flex-start" wrap="wrap">
              <Box flex="1" minWidth="200px">
                <Labelled id={`${name}.fromAnswer`} label={t('handler.fromAnswer', 'From the answer to')} shown>
                  <SingleSelect value={answer.fromAnswer ?? ''} disabled={disabled} onChange={(next) => set({ ...answer, fromAnswer: String(next) })}>
                    {unitQuestions.map((q) => (
                      <SingleSelectOption key={q.key} value={q.key as string}>
                        {q.label || q.key}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Labelled>
              </Box>
              <Box flex="1" minWidth="160px">
                <Labelled id={`${name}.level`} label={t('handler.level', 'Its unit at')} shown>
                  <SingleSelect value={answer.level ?? ''} disabled={disabled} onChange={(next) => set({ ...answer, level: String(next) })}>
                    {LEVELS.map((level) => (
                      <SingleSelectOption key={level} value={level}>
                        {levelName(level, language)}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Labelled>
              </Box>
              <Box flex="1" minWidth="200px">
                <Labelled id={`${name}.departmentKind`} label={t('handler.departmentKind', 'Its department of the type')} shown>
                  <SingleSelect value={answer.departmentKind ?? ''} disabled={disabled} onChange={(next) => set({ ...answer, departmentKind: String(next) })}>
                    {kinds.map((k) => (
                      <SingleSelectOption key={k.kind} value={k.kind}>
                        {k.name}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Labelled>
              </Box>
            </Flex>
          )}
          {unitQuestions.length === 0 && mode === 'answer' ? (
            <Typography variant="pi" textColor="warning600">
              {t('handler.noUnitQuestion', 'Add a core question answered with a unit first, or choose a fixed unit.')}
            </Typography>
          ) : null}
        </Flex>
      </Box>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}

function safeParse(text: string): Handler {
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Handler) : {};
  } catch {
    return {};
  }
}
