// How long browsers and shared caches (nginx in deploy/) may keep a public answer. Answers change
// whenever something is published, so a browser revalidates every time (its ETag makes that a 304);
// a shared cache may keep pages `s-maxage` seconds and serve them stale while it revalidates, as
// configured. A fingerprinted asset's address changes with its content: it is kept for a year.

export interface CachePolicyConfig {
  /** Seconds a shared cache may serve a page or view without asking (0: it revalidates each time). */
  readonly sharedMaxAge: number;
  /** Seconds a shared cache may serve a stale page while it revalidates in the background. */
  readonly staleWhileRevalidate: number;
}

export type CacheKind = 'public' | 'fingerprinted' | 'feed';

export const IMMUTABLE = 'public, max-age=31536000, immutable';

export function cacheControl(kind: CacheKind, config: CachePolicyConfig): string {
  if (kind === 'fingerprinted') return IMMUTABLE;
  // The change feed is what a syncing site polls: it must always see the head.
  if (kind === 'feed') return 'no-cache';
  const parts = ['public', 'max-age=0', `s-maxage=${config.sharedMaxAge}`];
  if (config.staleWhileRevalidate > 0) parts.push(`stale-while-revalidate=${config.staleWhileRevalidate}`);
  return parts.join(', ');
}
