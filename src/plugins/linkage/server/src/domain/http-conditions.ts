// Conditional GET per RFC 9110 §13: whether a request's validators say the client already holds
// the representation (a 304), with If-None-Match's weak comparison (§8.8.3.2: W/"x" and "x" match),
// and If-Modified-Since considered only when there is no If-None-Match (§13.2.2).
import { createHash } from 'node:crypto';

/** A body's strong entity tag: its SHA-1, base64url, quoted. */
export const strongEtagOf = (body: Uint8Array): string => `"${createHash('sha1').update(body).digest('base64url')}"`;

/** The opaque tags of an If-None-Match list, weakness dropped; ['*'] for a wildcard. */
export function entityTags(header: string): string[] {
  if (header.trim() === '*') return ['*'];
  return [...header.matchAll(/(?:W\/)?("[^"]*")/g)].map((m) => m[1]);
}

/** Weak comparison: the opaque tags are equal, whether either is marked weak. */
export const weaklyEqual = (a: string, b: string): boolean => a.replace(/^W\//, '') === b.replace(/^W\//, '');

export interface Validators {
  readonly etag: string;
  /** Second precision, as Last-Modified carries it. */
  readonly lastModified?: Date;
}

export interface Preconditions {
  readonly ifNoneMatch?: string;
  readonly ifModifiedSince?: string;
}

/** True when a GET or HEAD with these headers is answered 304 Not Modified. */
export function isNotModified(request: Preconditions, current: Validators): boolean {
  if (request.ifNoneMatch !== undefined && request.ifNoneMatch.trim() !== '') {
    return entityTags(request.ifNoneMatch).some((tag) => tag === '*' || weaklyEqual(tag, current.etag));
  }
  if (request.ifModifiedSince === undefined || current.lastModified === undefined) return false;
  const since = Date.parse(request.ifModifiedSince);
  // An invalid date is ignored (§13.1.3); the resource's own time is compared at second precision.
  return !Number.isNaN(since) && Math.floor(current.lastModified.getTime() / 1000) * 1000 <= since;
}
