// Refusals in the language of the admin who asked: their Strapi profile's interface language, else
// their browser's (Accept-Language). Both texts travel in the error's details for API clients.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { adminLanguage, type AdminLanguage, type AdminText } from '../domain/admin-language';
import type { Decision } from '../domain/denials';

interface RequestState {
  state?: { user?: { preferedLanguage?: string | null } };
  get?(header: string): string;
}

/** The language of the current admin request (English outside one). */
export function requestLanguage(strapi: Core.Strapi): AdminLanguage {
  const ctx = strapi.requestContext.get() as RequestState | undefined;
  return adminLanguage(ctx?.state?.user?.preferedLanguage ?? null, ctx?.get?.('accept-language') || undefined);
}

/** The 403 for a text: a PolicyError (Strapi's router passes its message through, unlike a ForbiddenError's). */
export function refusal(strapi: Core.Strapi, reason: AdminText): errors.PolicyError {
  return new errors.PolicyError(reason[requestLanguage(strapi)], { messages: reason });
}

/** Throws the refusal of a denied decision; returns when it is allowed. */
export function enforce(strapi: Core.Strapi, decision: Decision): void {
  if (!decision.allowed) throw refusal(strapi, decision.reason);
}
