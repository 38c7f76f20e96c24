// Problems become Strapi's ValidationError: a 400 whose details list each field, in the shape the
// Content Manager shows beside the fields: `message` is the sentence in the language of the admin
// who asked, `reason` the short English reason API clients match on.
import { errors } from '@strapi/utils';
import type { AdminLanguage } from './domain/admin-language';
import { problemSentence, type Problem } from './domain/problems';

const MORE: Readonly<Record<AdminLanguage, (count: number) => string>> = {
  en: (count) => ` (and ${count} more)`,
  'zh-Hans': (count) => `（另有 ${count} 处问题）`,
};

export function validationError(problems: readonly Problem[], language: AdminLanguage = 'en'): InstanceType<typeof errors.ValidationError> {
  const [first] = problems;
  const more = problems.length > 1 ? MORE[language](problems.length - 1) : '';
  return new errors.ValidationError(`${problemSentence(first, language)}${more}`, {
    errors: problems.map((p) => ({ path: p.path.map(String), message: p.text ? p.text[language] : p.message, reason: p.message, name: 'ValidationError', value: null })),
  });
}
