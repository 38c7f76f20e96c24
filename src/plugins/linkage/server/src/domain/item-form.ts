// The item being edited, read from the Content Manager's form values (unsaved): the same row a
// stored draft gives, conditions parsed as a save would parse them. What the form holds that a
// save would refuse is reported at its path.
import type { ItemRow } from './catalog-records';
import { movedTo, type FieldPath, type Problem } from './problems';
import { conditionFromInput } from './stored-logic';

const COMPONENT_LISTS = new Set(['stages', 'questions', 'policies', 'options', 'materials']);

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const list = (value: unknown): Array<Record<string, unknown>> =>
  Array.isArray(value) ? value.filter((entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null) : [];
const integer = (value: unknown): number => (typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : (null as unknown as number));

export function itemRowFromForm(form: Record<string, unknown>): { row: ItemRow; problems: Problem[] } {
  const problems: Problem[] = [];
  const condition = (value: unknown, path: FieldPath): unknown => {
    const input = conditionFromInput(value);
    if (input.ok) return input.stored;
    problems.push(movedTo(path, input.problem));
    return null;
  };
  const row: ItemRow = {
    code: text(form.code) as string,
    slug: text(form.slug),
    title: text(form.title),
    summary: text(form.summary),
    domain: text(form.domain) as string,
    managingUnitCode: text(form.managingUnitCode) as string,
    managingDepartmentCode: text(form.managingDepartmentCode) as string,
    policies: list(form.policies).map((p) => ({ title: text(p.title), url: text(p.url) })),
    questions: list(form.questions).map((q) => ({
      key: text(q.key) as string,
      kind: text(q.kind) as string,
      type: text(q.type) as string,
      label: text(q.label),
      options: list(q.options).map((o) => ({ value: text(o.value) as string, label: text(o.label) })),
      answerLevel: text(q.answerLevel),
      within: text(q.within),
    })),
    stages: list(form.stages).map((s, i) => ({
      key: text(s.key) as string,
      order: integer(s.order),
      level: text(s.level) as string,
      name: text(s.name),
      handler: s.handler ?? null,
      appliesWhen: condition(s.appliesWhen, ['stages', i, 'appliesWhen']),
    })),
  };
  return { row, problems };
}

/**
 * The Content Manager field a problem belongs to (`stages.1.appliesWhen`), for a link that takes
 * the editor there: the path up to the first field that is not a list of components.
 */
export function formFieldOf(path: FieldPath): string {
  const field: Array<string | number> = [];
  let i = 0;
  while (i < path.length) {
    const part = path[i];
    field.push(part);
    const index = path[i + 1];
    if (typeof part === 'string' && COMPONENT_LISTS.has(part) && typeof index === 'number') {
      field.push(index);
      i += 2;
      continue;
    }
    break;
  }
  return field.join('.');
}
