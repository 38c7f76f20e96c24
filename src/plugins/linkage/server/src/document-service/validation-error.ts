// Problems become Strapi's ValidationError: a 400 whose details list each field and reason, in the
// shape the Content Manager shows beside the fields.
import { errors } from '@strapi/utils';
import { describeProblem, type Problem } from '../domain/problems';

export function validationError(problems: readonly Problem[]): InstanceType<typeof errors.ValidationError> {
  const [first] = problems;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return new errors.ValidationError(`${describeProblem(first)}${more}`, {
    errors: problems.map((p) => ({ path: p.path.map(String), message: p.message, name: 'ValidationError', value: null })),
  });
}
