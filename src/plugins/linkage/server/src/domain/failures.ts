// Why a request cannot be answered, as the domain and the services say it, without HTTP: the one
// module that maps these to Strapi's errors and statuses is http-errors.ts.
import type { AdminLanguage, AdminText } from './admin-language';
import { problemSentence, type Problem } from './problems';

const MORE: Readonly<Record<AdminLanguage, (count: number) => string>> = {
  en: (count) => ` (and ${count} more)`,
  'zh-Hans': (count) => `（另有 ${count} 处问题）`,
};

/** The first problem as a sentence in the language, and how many more there are. */
export const problemsSentence = (problems: readonly Problem[], language: AdminLanguage): string =>
  problems.length === 0 ? '' : `${problemSentence(problems[0], language)}${problems.length > 1 ? MORE[language](problems.length - 1) : ''}`;

/** Input that cannot be used: each problem names its field (a 400). */
export class Invalid extends Error {
  constructor(
    readonly problems: readonly Problem[],
    /** The language its sentences are said in: a reader's, or that of the admin who asked ('asker'). */
    readonly language: AdminLanguage | 'asker' = 'en'
  ) {
    super(problemsSentence(problems, language === 'asker' ? 'en' : language));
    this.name = 'Invalid';
  }
}

/** Each problem of an Invalid as its sentence, in the language it was said in. */
export const problemMessages = (invalid: Invalid): string[] => {
  const language = invalid.language === 'asker' ? 'en' : invalid.language;
  return invalid.problems.map((p) => (p.text ? p.text[language] : p.message));
};

/** A decision of the access rules (domain/denials.ts), enforced: a refusal when it is not allowed. */
export function enforce(decision: { readonly allowed: true } | { readonly allowed: false; readonly reason: AdminText }): void {
  if (!decision.allowed) throw new Refused(decision.reason);
}

/** One query parameter that cannot be used, said as `parameter: reason` (a 400). */
export class InvalidParameter extends Error {
  constructor(
    readonly parameter: string,
    readonly reason: string
  ) {
    super(`${parameter}: ${reason}`);
    this.name = 'InvalidParameter';
  }
}

/** Nothing of that name (a 404); `parameter` names what named it. */
export class NotFound extends Error {
  constructor(
    message: string,
    readonly parameter?: string
  ) {
    super(message);
    this.name = 'NotFound';
  }
}

/** Not this user's to do: the reason in both languages (a 403). */
export class Refused extends Error {
  constructor(readonly reason: AdminText) {
    super(reason.en);
    this.name = 'Refused';
  }
}

/** A request from an origin the admin API does not accept credentials from (a 403). */
export class OriginRefused extends Error {
  constructor(
    message: string,
    readonly origin: string
  ) {
    super(message);
    this.name = 'OriginRefused';
  }
}

/** Only for a signed-in admin user (a 401). */
export class Unauthenticated extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Unauthenticated';
  }
}

/** Well-formed, but not something this can be done with yet (a 422): a draft too broken to draw. */
export class Unprocessable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Unprocessable';
  }
}

/** A save built on a version another save has replaced (a 409): who, when, what, in both languages. */
export class Conflict extends Error {
  constructor(
    readonly reason: AdminText,
    readonly details: Readonly<Record<string, unknown>>
  ) {
    super(reason.en);
    this.name = 'Conflict';
  }
}

/** A site page whose templates, the fallbacks included, all fail: answered with a plain page. */
export class PageUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PageUnavailable';
  }
}

export type Failure = Invalid | InvalidParameter | NotFound | Refused | OriginRefused | Unauthenticated | Unprocessable | Conflict;

export const isFailure = (error: unknown): error is Failure =>
  error instanceof Invalid ||
  error instanceof InvalidParameter ||
  error instanceof NotFound ||
  error instanceof Refused ||
  error instanceof OriginRefused ||
  error instanceof Unauthenticated ||
  error instanceof Unprocessable ||
  error instanceof Conflict;
