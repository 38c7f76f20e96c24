// A problem is one reason a record is refused: the path of the field at fault and why. `message`
// is the short English reason API clients and logs read beside the path; `text`, where written, is
// the same reason as a sentence an editor reads on its own, in each admin language: where (by the
// names the editor knows), what is wrong and how to fix it.
import type { AdminLanguage, AdminText } from './admin-language';

export type FieldPath = ReadonlyArray<string | number>;

export interface Problem {
  readonly path: FieldPath;
  readonly message: string;
  readonly text?: AdminText;
}

export const problem = (path: FieldPath, message: string, text?: AdminText): Problem => (text ? { path, message, text } : { path, message });

/** The same problem at another path (its sentence does not depend on the path). */
export const movedTo = (path: FieldPath, p: Problem): Problem => problem(path, p.message, p.text);

/** `['guides', 3, 'unit']` → `guides[3].unit` */
export const formatPath = (path: FieldPath): string =>
  path.reduce<string>((text, part) => {
    if (typeof part === 'number') return `${text}[${part}]`;
    return text ? `${text}.${part}` : part;
  }, '');

export const prefixed = (prefix: FieldPath, problems: readonly Problem[]): Problem[] => problems.map((p) => movedTo([...prefix, ...p.path], p));

export const describeProblem = (p: Problem): string => (p.path.length > 0 ? `${formatPath(p.path)}: ${p.message}` : p.message);

/** What an editor reads: the sentence in their language, else the path and the English reason. */
export const problemSentence = (p: Problem, language: AdminLanguage): string => p.text?.[language] ?? describeProblem(p);

/** Both languages at once, for texts built from parts. */
export const bilingual = (en: string, zh: string): AdminText => ({ en, 'zh-Hans': zh });

/** `where: what` in each language (a Chinese colon in Chinese). */
export const locatedText = (where: AdminText, what: AdminText): AdminText => ({
  en: `${where.en}: ${what.en}`,
  'zh-Hans': `${where['zh-Hans']}：${what['zh-Hans']}`,
});
