// What the edit forms choose from (the server's /linkage/editor routes), fetched once per page load
// and locale: units, departments, items, and one item's questions and stages.
import { useEffect, useState } from 'react';
import { useFetchClient, useQueryParams } from '@strapi/strapi/admin';

import type { EditorDepartment, EditorItem, EditorItemSummary, EditorUnit } from '../../../server/src/contracts/editor-choices';

export type { EditorDepartment, EditorItem, EditorOption, EditorQuestion, EditorStage, EditorUnit } from '../../../server/src/contracts/editor-choices';

export type Loaded<T> = { state: 'loading' } | { state: 'failed'; status: number | null } | { state: 'ready'; data: T };

const cache = new Map<string, Promise<unknown>>();

/** The locale of the document being edited (the Content Manager's `plugins[i18n][locale]`). */
export function useEditedLocale(): string {
  const [{ query }] = useQueryParams<{ plugins?: { i18n?: { locale?: string } } }>();
  return query.plugins?.i18n?.locale ?? 'zh-Hans';
}

/** GET one of the editor routes; null skips (nothing to ask yet). */
export function useEditorData<T>(path: string | null): Loaded<T> {
  const { get } = useFetchClient();
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    if (path === null) return;
    let cancelled = false;
    setLoaded({ state: 'loading' });
    let request = cache.get(path) as Promise<T> | undefined;
    if (!request) {
      request = get<{ data: T }>(path).then(({ data }) => data.data);
      cache.set(path, request);
      request.catch(() => cache.delete(path));
    }
    request
      .then((data) => !cancelled && setLoaded({ state: 'ready', data }))
      .catch(
        (error: { status?: number; response?: { status?: number } }) => !cancelled && setLoaded({ state: 'failed', status: error?.response?.status ?? error?.status ?? null })
      );
    return () => {
      cancelled = true;
    };
  }, [path, get]);
  return path === null ? { state: 'loading' } : loaded;
}

export const useUnits = (locale: string) => useEditorData<EditorUnit[]>(`/linkage/editor/units?locale=${encodeURIComponent(locale)}`);
export const useDepartments = (locale: string) => useEditorData<EditorDepartment[]>(`/linkage/editor/departments?locale=${encodeURIComponent(locale)}`);
export const useItems = (locale: string) => useEditorData<EditorItemSummary[]>(`/linkage/editor/items?locale=${encodeURIComponent(locale)}`);
export const useItem = (code: string | null, locale: string) =>
  useEditorData<EditorItem>(code ? `/linkage/editor/items/${encodeURIComponent(code)}?locale=${encodeURIComponent(locale)}` : null);
