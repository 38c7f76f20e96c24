// The one place where the plugin's failures (domain/failures.ts) become HTTP: Strapi's error
// classes, which its error middleware turns into statuses and bodies. Controllers are wrapped with
// `answeringFailures` (controllers/index.ts); other shells (policies, the write pipeline, the
// access layer) call `toHttpError` where Strapi expects its own errors.
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import createHttpError from 'http-errors';
import type { AdminLanguage } from './domain/admin-language';
import { Conflict, Invalid, InvalidParameter, NotFound, OriginRefused, Refused, Unauthenticated, Unprocessable, problemsSentence } from './domain/failures';
import type { Problem } from './domain/problems';
import { requestLanguage } from './request-language';

/**
 * Problems as Strapi's ValidationError: a 400 whose details list each field, in the shape the
 * Content Manager shows beside the fields: `message` the sentence in the language of who asked,
 * `reason` the short English reason API clients match on.
 */
export function validationError(problems: readonly Problem[], language: AdminLanguage = 'en'): InstanceType<typeof errors.ValidationError> {
  return new errors.ValidationError(problemsSentence(problems, language), {
    errors: problems.map((p) => ({ path: p.path.map(String), message: p.text ? p.text[language] : p.message, reason: p.message, name: 'ValidationError', value: null })),
  });
}

/** A failure as the Strapi error that answers it; anything else as it is (a 500 unless Strapi's own). */
export function toHttpError(strapi: Core.Strapi, error: unknown): unknown {
  if (error instanceof Invalid) return validationError(error.problems, error.language === 'asker' ? requestLanguage(strapi) : error.language);
  if (error instanceof InvalidParameter) return new errors.ValidationError(error.message, { parameter: error.parameter, reason: error.reason });
  if (error instanceof NotFound) return new errors.NotFoundError(error.message, error.parameter ? { parameter: error.parameter } : undefined);
  // A PolicyError: Strapi's router passes its message through, unlike a ForbiddenError's. Said in the
  // language of the admin who asked; both texts travel in the details for API clients.
  if (error instanceof Refused) return new errors.PolicyError(error.reason[requestLanguage(strapi)], { messages: error.reason });
  if (error instanceof OriginRefused) return new errors.ForbiddenError(error.message, { origin: error.origin });
  if (error instanceof Unauthenticated) return new errors.UnauthorizedError(error.message);
  // Strapi has no error class for a 409; its error middleware answers an http-errors error with its status and details.
  if (error instanceof Conflict) {
    const language = requestLanguage(strapi);
    return createHttpError(409, error.reason[language], { details: { ...error.details, messages: error.reason } });
  }
  return error;
}

type Action = (ctx: Context, ...rest: unknown[]) => unknown;

/** A controller whose actions' failures are answered as HTTP (an Unprocessable as a 422). */
export function answeringFailures<C extends object>(strapi: Core.Strapi, controller: C): C {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(controller)) {
    if (typeof value !== 'function') {
      wrapped[name] = value;
      continue;
    }
    const action = value as Action;
    wrapped[name] = async function (this: unknown, ctx: Context, ...rest: unknown[]) {
      try {
        return await action.call(this, ctx, ...rest);
      } catch (error) {
        if (error instanceof Unprocessable) return ctx.throw(422, error.message);
        throw toHttpError(strapi, error);
      }
    };
  }
  return wrapped as C;
}
