// The guide spec: which fields a complete guide must hold.
import { problem, type Problem } from './problems';

/** Guide fields a spec may require. */
export const SPEC_FIELDS = ['conditions', 'materials', 'timeLimit', 'fee', 'onlineUrl', 'address', 'phone', 'hours'] as const;

export function guideSpecProblems(required: unknown): Problem[] {
  if (!Array.isArray(required)) return [problem(['required'], 'must be a list of guide fields')];
  const problems: Problem[] = [];
  required.forEach((field, i) => {
    if (!(SPEC_FIELDS as readonly unknown[]).includes(field)) {
      problems.push(problem(['required', i], `${JSON.stringify(field)} is not a guide field (fields: ${SPEC_FIELDS.join(', ')})`));
    } else if (required.indexOf(field) !== i) {
      problems.push(problem(['required', i], `${field} is listed twice`));
    }
  });
  return problems;
}
