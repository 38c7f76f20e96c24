// The condition editor: a stage's "applies when" and a material's "needed when", built rather than
// typed. Choose a question, a comparison that fits its type and a value from its own options or the
// unit tree; join comparisons with all / any, in groups that may be negated. The sentence the flow
// chart and the sites print shows as it is built; what is stored is the JSON Logic it stands for.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import {
  Box,
  Button,
  Combobox,
  ComboboxOption,
  Field,
  Flex,
  IconButton,
  MultiSelect,
  MultiSelectOption,
  SingleSelect,
  SingleSelectOption,
  Typography,
} from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import { useFocusInputField, useForm } from '@strapi/strapi/admin';
import type { CatalogItem } from '../../../server/src/domain/catalog-format';
import { fromLogic, newComparison, toLogic, unitParts, type Comparison, type ConditionNode, type UnitPart } from '../../../server/src/domain/condition-builder';
import { conditionText } from '../../../server/src/domain/condition-text';
import { KINDS_BY_LEVEL, LEVELS, isAtOrAbove, isLevel, type Level } from '../../../server/src/domain/levels';
import { fromStoredLogic } from '../../../server/src/domain/stored-logic';
import { kindName, levelName } from '../../../server/src/domain/vocabulary';
import { useEditedLocale, useItem, useUnits, type EditorQuestion, type EditorUnit } from '../editor/data';
import type { CustomFieldProps } from '../editor/field-props';
import { useAdminLanguage } from '../editor/language';
import { Labelled } from '../editor/Labelled';
import { getTranslation } from '../pluginId';

type Group = Extract<ConditionNode, { kind: 'group' }>;
type Compare = Extract<ConditionNode, { kind: 'compare' }>;
type Translate = (id: string, defaultMessage: string, values?: Record<string, string>) => string;

interface FormQuestion {
  key?: string;
  kind?: string;
  type?: string;
  label?: string;
  answerLevel?: string | null;
  within?: string | null;
  options?: Array<{ value?: string; label?: string }>;
}

/** The questions this condition may read: the item form's core questions, or a guide's item's questions. */
function useQuestions(name: string, locale: string): { questions: EditorQuestion[]; loading: boolean } {
  const values = useForm('ConditionInput', (state) => state.values) as { questions?: FormQuestion[]; itemCode?: string };
  const isRoute = /^stages\.\d+\.appliesWhen$/.test(name);
  const item = useItem(isRoute ? null : (values.itemCode ?? null), locale);
  if (isRoute) {
    const questions = (values.questions ?? [])
      .filter((q) => q.kind === 'core' && typeof q.key === 'string' && q.key !== '')
      .map((q) => ({
        key: q.key as string,
        kind: q.kind as string,
        type: q.type ?? 'choice',
        label: q.label || (q.key as string),
        answerLevel: q.answerLevel ?? null,
        within: q.within ?? null,
        options: (q.options ?? []).filter((o) => typeof o.value === 'string').map((o) => ({ value: o.value as string, label: o.label || (o.value as string) })),
      }));
    return { questions, loading: false };
  }
  return { questions: item.state === 'ready' ? item.data.questions : [], loading: item.state === 'loading' && Boolean(values.itemCode) };
}

/** The questions as the sentence writer reads an item. */
const asItem = (questions: EditorQuestion[], locale: string): CatalogItem =>
  ({
    questions: questions.map((q) => ({ ...q, label: { [locale]: q.label }, options: q.options.map((o) => ({ value: o.value, label: { [locale]: o.label } })) })),
    stages: [],
  }) as unknown as CatalogItem;

const rootOf = (logic: unknown, questions: EditorQuestion[]): ConditionNode => {
  if (logic === null || logic === undefined || logic === '') return { kind: 'group', join: 'all', negated: false, children: [] };
  const node = fromLogic(logic, questions);
  return node.kind === 'compare' ? { kind: 'group', join: 'all', negated: false, children: [node] } : node;
};

const parsed = (value: unknown): unknown => {
  if (typeof value !== 'string') return fromStoredLogic(value);
  try {
    return fromStoredLogic(JSON.parse(value));
  } catch {
    return value;
  }
};

export default function ConditionInput({ name, label, hint, required, disabled, error, value, onChange, labelAction }: CustomFieldProps<unknown>) {
  const { formatMessage } = useIntl();
  const t: Translate = (id, defaultMessage, values) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const locale = useEditedLocale();
  const { questions, loading } = useQuestions(name, locale);
  const units = useUnits(locale);
  const isMaterial = !/appliesWhen$/.test(name);
  const focus = useFocusInputField(name) as (element: HTMLElement | null) => void;

  const stored = parsed(value);
  const [root, setRoot] = useState<ConditionNode>(() => rootOf(stored, questions));
  const written = useRef<string>(JSON.stringify(toLogic(root)));
  // A value changed from outside (a reset, another locale loaded), or the questions arrived after a
  // rule that needed them to be shown: read it again.
  const incoming = JSON.stringify(stored ?? null);
  useEffect(() => {
    const changedOutside = incoming !== written.current && !(stored === null && root.kind === 'group' && root.children.length === 0);
    if (changedOutside || root.kind === 'advanced') {
      const next = rootOf(stored, questions);
      setRoot(next);
      written.current = JSON.stringify(next.kind === 'group' && next.children.length === 0 ? null : toLogic(next));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [incoming, questions.length]);

  const update = (next: ConditionNode) => {
    setRoot(next);
    const logic = next.kind === 'group' && next.children.length === 0 && isMaterial ? null : toLogic(next);
    written.current = JSON.stringify(logic);
    onChange(name, logic);
  };

  const logic = root.kind === 'group' && root.children.length === 0 ? null : toLogic(root);
  const sentence = useMemo(() => {
    if (logic === null) return isMaterial ? t('condition.everyone', 'Everyone needs it.') : null;
    try {
      const names = units.state === 'ready' ? new Map(units.data.map((u) => [u.code, u.name])) : new Map<string, string>();
      return conditionText(logic, asItem(questions, locale), locale, (code) => names.get(code));
    } catch {
      return null;
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [JSON.stringify(logic), questions, locale, units.state]);

  const mode = root.kind === 'always' ? 'always' : root.kind === 'advanced' ? 'advanced' : 'when';

  return (
    <Field.Root name={name} id={name} error={error} hint={hint} required={required}>
      <Field.Label action={labelAction}>{label}</Field.Label>
      <Box ref={focus} tabIndex={-1} padding={3} background="neutral100" hasRadius borderColor={error ? 'danger600' : 'neutral200'} data-linkage-condition={name}>
        <Flex direction="column" alignItems="stretch" gap={3}>
          <Labelled id={`${name}.mode`} label={t('condition.mode', 'When it applies')}>
            <SingleSelect
              value={mode}
              disabled={disabled}
              onChange={(next) => {
                if (next === 'always') update({ kind: 'always' });
                else if (next === 'when') update({ kind: 'group', join: 'all', negated: false, children: questions[0] ? [newComparison(questions[0])] : [] });
              }}
            >
              <SingleSelectOption value="always">{isMaterial ? t('condition.alwaysNeeded', 'Always needed') : t('condition.always', 'Always applies')}</SingleSelectOption>
              <SingleSelectOption value="when">{t('condition.when', 'Only when the answers say so')}</SingleSelectOption>
              {mode === 'advanced' ? <SingleSelectOption value="advanced">{t('condition.advanced', 'A rule written by hand')}</SingleSelectOption> : null}
            </SingleSelect>
          </Labelled>
          {root.kind === 'group' ? (
            <GroupEditor id={name} node={root} depth={0} questions={questions} units={units.state === 'ready' ? units.data : []} disabled={disabled} onChange={update} t={t} />
          ) : null}
          {root.kind === 'advanced' ? (
            <Typography variant="pi" textColor="neutral600">
              {t('condition.advancedHint', 'This rule was written by hand and cannot be shown as choices. Choose another option above to build it again.')}
            </Typography>
          ) : null}
          {loading ? <Typography variant="pi">{t('condition.loading', 'Loading the questions…')}</Typography> : null}
          {!loading && questions.length === 0 && mode === 'when' ? (
            <Typography variant="pi" textColor="warning600">
              {isMaterial
                ? t('condition.noItemQuestions', 'Choose the linked item first: its questions are what a material depends on.')
                : t('condition.noQuestions', 'Add a core question to the item first.')}
            </Typography>
          ) : null}
          {sentence ? (
            <Box padding={2} background="neutral0" hasRadius borderColor="neutral150">
              <Typography variant="pi" textColor="neutral800" data-linkage-sentence>
                {t('condition.reads', 'Reads:')} {sentence}
              </Typography>
            </Box>
          ) : null}
        </Flex>
      </Box>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}

interface EditorProps<Node> {
  /** Unique among the form's controls: the field's name and the node's place in the tree. */
  id: string;
  node: Node;
  depth: number;
  questions: EditorQuestion[];
  units: EditorUnit[];
  disabled?: boolean;
  onChange: (node: Node) => void;
  t: Translate;
}

function GroupEditor({ id, node, depth, questions, units, disabled, onChange, t }: EditorProps<Group>) {
  const replaceChild = (i: number, child: ConditionNode | null) =>
    onChange({ ...node, children: child === null ? node.children.filter((_, j) => j !== i) : node.children.map((c, j) => (j === i ? child : c)) });
  return (
    <Box
      paddingLeft={depth > 0 ? 3 : 0}
      borderColor={depth > 0 ? 'neutral200' : undefined}
      borderStyle={depth > 0 ? 'solid' : undefined}
      borderWidth={depth > 0 ? '0 0 0 2px' : undefined}
    >
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Flex gap={2} wrap="wrap">
          <Labelled id={`${id}.join`} label={t('condition.join', 'How the comparisons combine')}>
            <SingleSelect
              size="S"
              value={`${node.negated ? 'not-' : ''}${node.join}`}
              disabled={disabled}
              onChange={(next) => onChange({ ...node, join: String(next).endsWith('any') ? 'any' : 'all', negated: String(next).startsWith('not-') })}
            >
              <SingleSelectOption value="all">{t('condition.all', 'All of these hold')}</SingleSelectOption>
              <SingleSelectOption value="any">{t('condition.any', 'Any of these holds')}</SingleSelectOption>
              <SingleSelectOption value="not-all">{t('condition.notAll', 'Not all of these hold')}</SingleSelectOption>
              <SingleSelectOption value="not-any">{t('condition.notAny', 'None of these holds')}</SingleSelectOption>
            </SingleSelect>
          </Labelled>
        </Flex>
        {node.children.map((child, i) => (
          <Flex key={i} gap={2} alignItems="flex-start">
            <Box flex="1">
              {child.kind === 'group' ? (
                <GroupEditor id={`${id}.${i}`} node={child} depth={depth + 1} questions={questions} units={units} disabled={disabled} onChange={(c) => replaceChild(i, c)} t={t} />
              ) : child.kind === 'compare' ? (
                <CompareEditor
                  id={`${id}.${i}`}
                  node={child}
                  depth={depth + 1}
                  questions={questions}
                  units={units}
                  disabled={disabled}
                  onChange={(c) => replaceChild(i, c)}
                  t={t}
                />
              ) : (
                <Typography variant="pi" textColor="neutral600">
                  {t('condition.advanced', 'A rule written by hand')}
                </Typography>
              )}
            </Box>
            <IconButton label={t('condition.remove', 'Remove')} variant="ghost" disabled={disabled} onClick={() => replaceChild(i, null)}>
              <Trash />
            </IconButton>
          </Flex>
        ))}
        <Flex gap={2}>
          <Button
            variant="tertiary"
            size="S"
            startIcon={<Plus />}
            disabled={disabled || questions.length === 0}
            onClick={() => onChange({ ...node, children: [...node.children, newComparison(questions[0])] })}
          >
            {t('condition.addComparison', 'Add a comparison')}
          </Button>
          {depth < 2 ? (
            <Button
              variant="tertiary"
              size="S"
              startIcon={<Plus />}
              disabled={disabled || questions.length === 0}
              onClick={() =>
                onChange({
                  ...node,
                  children: [...node.children, { kind: 'group', join: node.join === 'all' ? 'any' : 'all', negated: false, children: [newComparison(questions[0])] }],
                })
              }
            >
              {t('condition.addGroup', 'Add a group')}
            </Button>
          ) : null}
        </Flex>
      </Flex>
    </Box>
  );
}

const partKey = (part: UnitPart | null): string => (part ? `${part.level ?? 'self'}.${part.attribute}` : 'self.code');
const partOf = (key: string): UnitPart => {
  const [level, attribute] = key.split('.');
  return { level: isLevel(level) ? level : null, attribute: attribute === 'kind' ? 'kind' : 'code' };
};

function CompareEditor({ id, node, questions, units, disabled, onChange, t }: EditorProps<Compare>) {
  const language = useAdminLanguage();
  const question = questions.find((q) => q.key === node.question);
  const type = question?.type ?? 'choice';
  const answerLevel: Level = isLevel(question?.answerLevel) ? question.answerLevel : 'community';
  const part = type === 'unit' ? (node.part ?? { level: null, attribute: 'code' as const }) : null;
  const ops: Comparison[] = type === 'boolean' ? ['is'] : ['is', 'isNot', 'oneOf'];

  const partLabel = (p: UnitPart) => {
    const level = p.level
      ? levelName(p.level, language)
          .replace(/级$/, '')
          .replace(/ level$/, '')
      : null;
    if (p.attribute === 'code') return level ? t('condition.partUnitAt', 'its {level} unit', { level }) : t('condition.partItself', 'the unit itself');
    return level ? t('condition.partKindAt', 'the kind of its {level} unit', { level }) : t('condition.partKind', 'its kind');
  };

  // What a value may be: the question's options, yes/no, units at the compared level, or kinds.
  const choices: Array<{ value: string; label: string }> = (() => {
    if (type === 'choice') return (question?.options ?? []).map((o) => ({ value: o.value, label: o.label }));
    if (type === 'boolean') return [];
    if (part?.attribute === 'kind') {
      const levels = part.level ? [part.level] : LEVELS.filter((l) => isAtOrAbove(answerLevel, l));
      return levels.flatMap((l) => KINDS_BY_LEVEL[l]).map((kind) => ({ value: kind, label: kindName(kind, language) }));
    }
    const level = part?.level ?? answerLevel;
    return units.filter((u) => u.level === level).map((u) => ({ value: u.code, label: u.name }));
  })();
  const strings = node.values.filter((v): v is string => typeof v === 'string');

  return (
    <Flex gap={2} wrap="wrap" alignItems="flex-start" data-linkage-comparison>
      <Box minWidth="180px" flex="2">
        <Labelled id={`${id}.question`} label={t('condition.question', 'Question')}>
          <SingleSelect
            size="S"
            value={node.question}
            disabled={disabled}
            onChange={(next) => {
              const q = questions.find((candidate) => candidate.key === next);
              if (q) onChange(newComparison(q) as Compare);
            }}
          >
            {questions.map((q) => (
              <SingleSelectOption key={q.key} value={q.key}>
                {q.label}
              </SingleSelectOption>
            ))}
            {question ? null : (
              <SingleSelectOption value={node.question}>{t('condition.unknownQuestion', 'A question this item does not have ({key})', { key: node.question })}</SingleSelectOption>
            )}
          </SingleSelect>
        </Labelled>
      </Box>
      {part ? (
        <Box minWidth="160px" flex="1">
          <Labelled id={`${id}.part`} label={t('condition.part', 'Which part of the answer')}>
            <SingleSelect size="S" value={partKey(part)} disabled={disabled} onChange={(next) => onChange({ ...node, part: partOf(String(next)), values: [] })}>
              {unitParts(answerLevel).map((p) => (
                <SingleSelectOption key={partKey(p)} value={partKey(p)}>
                  {partLabel(p)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Labelled>
        </Box>
      ) : null}
      <Box minWidth="120px" flex="1">
        <Labelled id={`${id}.op`} label={t('condition.comparison', 'Comparison')}>
          <SingleSelect
            size="S"
            value={node.op}
            disabled={disabled || ops.length === 1}
            onChange={(next) => onChange({ ...node, op: next as Comparison, values: next === 'oneOf' ? node.values : node.values.slice(0, 1) })}
          >
            {ops.map((op) => (
              <SingleSelectOption key={op} value={op}>
                {op === 'is' ? t('condition.is', 'is') : op === 'isNot' ? t('condition.isNot', 'is not') : t('condition.oneOf', 'is one of')}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Labelled>
      </Box>
      <Box minWidth="200px" flex="2">
        <Labelled id={`${id}.value`} label={node.op === 'oneOf' ? t('condition.values', 'Values') : t('condition.value', 'Value')}>
          {type === 'boolean' ? (
            <SingleSelect size="S" value={node.values[0] === false ? 'no' : 'yes'} disabled={disabled} onChange={(next) => onChange({ ...node, values: [next === 'yes'] })}>
              <SingleSelectOption value="yes">{t('condition.yes', 'yes')}</SingleSelectOption>
              <SingleSelectOption value="no">{t('condition.no', 'no')}</SingleSelectOption>
            </SingleSelect>
          ) : node.op === 'oneOf' ? (
            <MultiSelect size="S" value={strings} disabled={disabled} withTags onChange={(next: string[]) => onChange({ ...node, values: next })}>
              {choices.map((c) => (
                <MultiSelectOption key={c.value} value={c.value}>
                  {c.label}
                </MultiSelectOption>
              ))}
            </MultiSelect>
          ) : choices.length > 30 ? (
            <Combobox
              size="S"
              value={strings[0] ?? ''}
              textValue={choices.find((c) => c.value === strings[0])?.label}
              disabled={disabled}
              onChange={(next) => onChange({ ...node, values: next ? [String(next)] : [] })}
            >
              {choices.map((c) => (
                <ComboboxOption key={c.value} value={c.value}>
                  {c.label}
                </ComboboxOption>
              ))}
            </Combobox>
          ) : (
            <SingleSelect size="S" value={strings[0] ?? ''} disabled={disabled} onChange={(next) => onChange({ ...node, values: [String(next)] })}>
              {choices.map((c) => (
                <SingleSelectOption key={c.value} value={c.value}>
                  {c.label}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          )}
        </Labelled>
      </Box>
    </Flex>
  );
}
