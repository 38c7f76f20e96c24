// The language of the admin behind the current request, for messages the plugin writes (refusals
// of a save, denials): their Strapi profile's interface language, else their browser's.
import type { Core } from '@strapi/strapi';
import { adminLanguage, type AdminLanguage } from './domain/admin-language';

interface RequestState {
  state?: { user?: { preferedLanguage?: string | null } };
  get?: (header: string) => string;
}

export function requestLanguage(strapi: Core.Strapi): AdminLanguage {
  const ctx = strapi.requestContext.get() as RequestState | undefined;
  const header = typeof ctx?.get === 'function' ? ctx.get('accept-language') : undefined;
  return adminLanguage(ctx?.state?.user?.preferedLanguage, header || undefined);
}
