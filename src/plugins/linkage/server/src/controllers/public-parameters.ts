// Refuses a public request whose query has a parameter its address does not take, or one given
// twice (domain/query-parameters.ts), before anything is read.
import type { Context } from 'koa';
import { Invalid } from '../domain/failures';
import { parameterProblems, type ParameterSpec } from '../domain/query-parameters';

export function acceptOnly(ctx: Context, accepted: ParameterSpec): void {
  const problems = parameterProblems(ctx.query as Record<string, unknown>, accepted);
  if (problems.length > 0) throw new Invalid(problems);
}
