// Runs one write through the Content Manager API or the Document Service and reports how it was
// refused, so each validation rule can be tried through every write path with the same case.
import type { Core } from '@strapi/strapi';
import { contentManager, fieldErrors, type ApiError } from './content-manager';
import { documentIdOf } from './demo';
import type { TestStrapi } from './strapi';

export type Via = 'content manager' | 'document service';
export const BOTH_PATHS: Via[] = ['content manager', 'document service'];

export interface WriteCase {
  readonly uid: string;
  readonly action: 'create' | 'update' | 'publish' | 'delete' | 'clone';
  /** The stored document written to (update, publish, delete, clone). */
  readonly target?: Record<string, unknown>;
  readonly data?: Record<string, unknown>;
  readonly locale?: string;
}

export interface Outcome {
  readonly status: number;
  readonly message: string;
  /** "path: reason" per field. */
  readonly errors: string[];
}

async function viaContentManager(t: TestStrapi, c: WriteCase, documentId: string | undefined): Promise<Outcome> {
  const cm = contentManager(t);
  const locale = c.locale ?? 'zh-Hans';
  const data = c.data ?? {};
  const res =
    c.action === 'create'
      ? await cm.create(c.uid, data, locale)
      : c.action === 'update'
        ? await cm.update(c.uid, documentId as string, data, locale)
        : c.action === 'publish'
          ? await cm.publish(c.uid, documentId as string, locale, data)
          : c.action === 'clone'
            ? await cm.clone(c.uid, documentId as string, data, locale)
            : await cm.remove(c.uid, documentId as string, locale);
  const error = res.body?.error as ApiError | undefined;
  return { status: res.status, message: error?.message ?? '', errors: fieldErrors(res.body) };
}

async function viaDocumentService(strapi: Core.Strapi, c: WriteCase, documentId: string | undefined): Promise<Outcome> {
  const documents = strapi.documents(c.uid as 'plugin::linkage.item') as unknown as Record<string, (params: object) => Promise<unknown>>;
  const locale = c.locale ?? 'zh-Hans';
  const params = c.action === 'create' ? { data: c.data ?? {}, locale } : { documentId, data: c.data, locale };
  try {
    await documents[c.action](params);
    return { status: 200, message: '', errors: [] };
  } catch (error) {
    const e = error as { name?: string; message?: string; details?: { errors?: Array<{ path: string[]; message: string; reason?: string }> } };
    return {
      status: e.name === 'ValidationError' ? 400 : 500,
      message: e.message ?? String(error),
      errors: (e.details?.errors ?? []).map((d) => `${d.path.join('.')}: ${d.reason ?? d.message}`),
    };
  }
}

export async function attempt(t: TestStrapi, via: Via, c: WriteCase): Promise<Outcome> {
  const documentId = c.target ? await documentIdOf(t.strapi, c.uid, c.target) : undefined;
  return via === 'content manager' ? viaContentManager(t, c, documentId) : viaDocumentService(t.strapi, c, documentId);
}
