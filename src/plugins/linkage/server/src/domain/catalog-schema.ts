// The catalog file's shape, checked with its JSON Schema before any reference is followed.
import Ajv, { type ErrorObject } from 'ajv';
import schema from '../catalog/linkage-catalog-1.schema.json';
import { problem, type FieldPath, type Problem } from './problems';

let validate: ReturnType<Ajv['compile']> | null = null;

const compiled = () => {
  validate ??= new Ajv({ allErrors: true, strict: true }).compile(schema);
  return validate;
};

const pathOf = (pointer: string): FieldPath =>
  pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));

const describe = (error: ErrorObject): { path: FieldPath; message: string } => {
  const path = pathOf(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: [...path, String(params.missingProperty)], message: 'is required' };
    case 'additionalProperties':
      return { path: [...path, String(params.additionalProperty)], message: 'is not a field of this record' };
    case 'enum':
      return { path, message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'const':
      return { path, message: `must be ${JSON.stringify(params.allowedValue)}` };
    case 'pattern':
      return { path, message: `must match ${String(params.pattern)}` };
    case 'oneOf':
      return { path, message: 'matches none of the allowed shapes' };
    default:
      return { path, message: error.message ?? 'is invalid' };
  }
};

/** Shape problems of a parsed catalog file, one per field (none when it fits the schema). */
export function catalogSchemaProblems(input: unknown): Problem[] {
  const check = compiled();
  if (check(input)) return [];
  const errors = check.errors ?? [];
  // Errors inside a failed oneOf are folded into it: each branch only says why it does not fit.
  const oneOfPaths = errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath);
  const inside = (e: ErrorObject, p: string) => e.keyword !== 'oneOf' && (e.instancePath === p || e.instancePath.startsWith(`${p}/`));
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const error of errors) {
    if (oneOfPaths.some((p) => inside(error, p))) continue;
    const described = describe(error);
    const path = described.path;
    let message = described.message;
    if (error.keyword === 'oneOf') {
      const reasons = [
        ...new Set(
          errors
            .filter((e) => inside(e, error.instancePath))
            .map((e) => {
              const d = describe(e);
              return `${d.path.slice(path.length).join('.') || 'it'} ${d.message}`;
            })
        ),
      ];
      message = `fits none of the allowed shapes (${reasons.join('; ')})`;
    }
    const key = `${path.join('/')}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem(path, message));
  }
  return problems;
}
