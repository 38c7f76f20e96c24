// How long browsers and shared caches may keep public answers.
import { cacheControl } from '../../src/plugins/linkage/server/src/domain/cache-policy';

describe('cacheControl', () => {
  it('has browsers revalidate answers, and shared caches keep them as configured', () => {
    expect(cacheControl('public', { sharedMaxAge: 0, staleWhileRevalidate: 0 })).toBe('public, max-age=0, s-maxage=0');
    expect(cacheControl('public', { sharedMaxAge: 60, staleWhileRevalidate: 30 })).toBe('public, max-age=0, s-maxage=60, stale-while-revalidate=30');
  });

  it('keeps a fingerprinted asset a year, and never keeps the change feed', () => {
    expect(cacheControl('fingerprinted', { sharedMaxAge: 60, staleWhileRevalidate: 30 })).toBe('public, max-age=31536000, immutable');
    expect(cacheControl('feed', { sharedMaxAge: 60, staleWhileRevalidate: 30 })).toBe('no-cache');
  });
});
