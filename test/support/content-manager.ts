// The Content Manager's admin API, called exactly as the admin panel calls it.
import type { TestStrapi } from './strapi';

const CM = '/content-manager/collection-types';

export interface ApiError {
  status: number;
  name: string;
  message: string;
  details?: { errors?: Array<{ path: string[]; message: string; reason?: string }> };
}

export function contentManager(t: TestStrapi) {
  const auth = async () => ({ Authorization: `Bearer ${await t.adminToken()}` });
  return {
    async list(uid: string, locale = 'zh-Hans', query = 'page=1&pageSize=100') {
      return t.http.get(`${CM}/${uid}?${query}&locale=${locale}`).set(await auth());
    },
    async get(uid: string, documentId: string, locale = 'zh-Hans') {
      return t.http.get(`${CM}/${uid}/${documentId}?locale=${locale}`).set(await auth());
    },
    async create(uid: string, data: object, locale = 'zh-Hans') {
      return t.http
        .post(`${CM}/${uid}?locale=${locale}`)
        .set(await auth())
        .send(data);
    },
    async update(uid: string, documentId: string, data: object, locale = 'zh-Hans') {
      return t.http
        .put(`${CM}/${uid}/${documentId}?locale=${locale}`)
        .set(await auth())
        .send(data);
    },
    async publish(uid: string, documentId: string, locale = 'zh-Hans', data: object = {}) {
      return t.http
        .post(`${CM}/${uid}/${documentId}/actions/publish?locale=${locale}`)
        .set(await auth())
        .send(data);
    },
    async createAndPublish(uid: string, data: object, locale = 'zh-Hans') {
      return t.http
        .post(`${CM}/${uid}/actions/publish?locale=${locale}`)
        .set(await auth())
        .send(data);
    },
    async clone(uid: string, documentId: string, data: object, locale = 'zh-Hans') {
      return t.http
        .post(`${CM}/${uid}/clone/${documentId}?locale=${locale}`)
        .set(await auth())
        .send(data);
    },
    async remove(uid: string, documentId: string, locale = 'zh-Hans') {
      return t.http.delete(`${CM}/${uid}/${documentId}?locale=${locale}`).set(await auth());
    },
    async updateSingle(uid: string, data: object) {
      return t.http
        .put(`/content-manager/single-types/${uid}`)
        .set(await auth())
        .send(data);
    },
    async generateUid(contentTypeUID: string, field: string, data: object, locale = 'zh-Hans') {
      return t.http
        .post(`/content-manager/uid/generate?locale=${locale}`)
        .set(await auth())
        .send({ contentTypeUID, field, data });
    },
  };
}

/** "path: reason" per field: the English reason API clients read (`message` is the editor's sentence). */
export const fieldErrors = (body: { error?: ApiError }): string[] => (body.error?.details?.errors ?? []).map((e) => `${e.path.join('.')}: ${e.reason ?? e.message}`);

/** "path: sentence" per field, in the language the admin reads. */
export const fieldSentences = (body: { error?: ApiError }): string[] => (body.error?.details?.errors ?? []).map((e) => `${e.path.join('.')}: ${e.message}`);
