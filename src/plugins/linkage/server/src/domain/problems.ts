// A problem is one reason a record is refused: the path of the field at fault and why.

export type FieldPath = ReadonlyArray<string | number>;

export interface Problem {
  readonly path: FieldPath;
  readonly message: string;
}

export const problem = (path: FieldPath, message: string): Problem => ({ path, message });

/** `['guides', 3, 'unit']` → `guides[3].unit` */
export const formatPath = (path: FieldPath): string =>
  path.reduce<string>((text, part) => {
    if (typeof part === 'number') return `${text}[${part}]`;
    return text ? `${text}.${part}` : part;
  }, '');

export const prefixed = (prefix: FieldPath, problems: readonly Problem[]): Problem[] =>
  problems.map((p) => ({ path: [...prefix, ...p.path], message: p.message }));

export const describeProblem = (p: Problem): string =>
  p.path.length > 0 ? `${formatPath(p.path)}: ${p.message}` : p.message;
