// Rendered public answers (JSON views, pages, flow charts), bounded by bytes, least recently used
// first, each with its strong ETag; emptied by any write to the plugin's records.
import type { Core } from '@strapi/strapi';
import { LRUCache } from 'lru-cache';
import { strongEtagOf } from '../domain/http-conditions';
import { getService } from '../get-service';
import type { Snapshot } from './published';

/** A response body ready to send, with its media type and strong ETag. */
export interface Rendered {
  /** Encoded once, when rendered: a cache hit sends these bytes as they are. */
  readonly body: Buffer;
  readonly type: string;
  readonly etag: string;
  readonly status?: number;
}

/** A rendered answer as the cache holds it: of one snapshot, and as new as that snapshot's data. */
export interface Cached extends Rendered {
  readonly generation: number;
  readonly lastModified: Date;
}

export const rendered = (text: string, type: string, extra: Pick<Rendered, 'status'> = {}): Rendered => {
  const body = Buffer.from(text, 'utf8');
  return { body, type, etag: strongEtagOf(body), ...extra };
};

export const json = (value: unknown): Rendered => rendered(JSON.stringify(value), 'application/json; charset=utf-8');

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const maxBytes = Number(strapi.config.get('plugin::linkage.cacheBytes', 32 * 1024 * 1024));
  const cache = new LRUCache<string, Cached>({ maxSize: maxBytes, sizeCalculation: (value, key) => value.body.length + key.length * 2 + 128 });
  // Renders under way, by key: concurrent misses of one page wait for one render (a slow template's
  // page requested in a loop costs one render budget, not one per request).
  const inFlight = new Map<string, Promise<Cached>>();
  getService(strapi, 'published').onInvalidate(() => cache.clear());

  return {
    stats: () => ({ entries: cache.size, bytes: cache.calculatedSize, maxBytes }),

    /**
     * The cached answer of this snapshot, else one render shared by every request that asks for it
     * meanwhile. `key` names the answer within a snapshot.
     */
    async get(snapshot: Snapshot, name: string, render: () => Promise<Rendered> | Rendered): Promise<Cached> {
      const key = `${snapshot.generation}|${name}`;
      const hit = cache.get(key);
      if (hit) return hit;
      const pending = inFlight.get(key);
      if (pending) return pending;
      const rendering = (async () => render())().then(
        (value) => {
          inFlight.delete(key);
          const stamped: Cached = { ...value, generation: snapshot.generation, lastModified: snapshot.changedAt };
          cache.set(key, stamped);
          return stamped;
        },
        (error: unknown) => {
          inFlight.delete(key);
          throw error;
        }
      );
      inFlight.set(key, rendering);
      return rendering;
    },
  };
};
