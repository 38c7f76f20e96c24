// Refusals in the language of the admin who asked: their Strapi profile's interface language, else
// their browser's (Accept-Language). Both texts travel in the error's details for API clients. The
// error itself is made where every failure becomes HTTP (http-errors.ts).
import type { Core } from '@strapi/strapi';
import type { errors } from '@strapi/utils';
import type { AdminText } from '../domain/admin-language';
import type { Decision } from '../domain/denials';
import { Refused } from '../domain/failures';
import { toHttpError } from '../http-errors';

export { requestLanguage } from '../request-language';

/** The 403 for a text: a PolicyError (Strapi's router passes its message through, unlike a ForbiddenError's). */
export function refusal(strapi: Core.Strapi, reason: AdminText): errors.PolicyError {
  return toHttpError(strapi, new Refused(reason)) as errors.PolicyError;
}

/** Throws the refusal of a denied decision; returns when it is allowed. */
export function enforce(strapi: Core.Strapi, decision: Decision): void {
  if (!decision.allowed) throw refusal(strapi, decision.reason);
}
