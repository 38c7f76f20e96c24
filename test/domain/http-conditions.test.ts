// Conditional GET (RFC 9110 §13): If-None-Match with weak comparison, its precedence over
// If-Modified-Since, and If-Modified-Since at second precision.
import { createHash } from 'node:crypto';
import { entityTags, isNotModified, strongEtagOf, weaklyEqual } from '../../src/plugins/linkage/server/src/domain/http-conditions';

const ETAG = '"abc"';
const AT = new Date('2026-12-01T08:00:00.500Z');

describe('strongEtagOf', () => {
  it('is the quoted base64url SHA-1 of the bytes, the same for a Buffer and a Uint8Array of them', () => {
    const bytes = new TextEncoder().encode('<p>办事指南</p>');
    expect(strongEtagOf(bytes)).toBe(`"${createHash('sha1').update(bytes).digest('base64url')}"`);
    expect(strongEtagOf(Buffer.from(bytes))).toBe(strongEtagOf(bytes));
    expect(strongEtagOf(new TextEncoder().encode('<p>办事指南!</p>'))).not.toBe(strongEtagOf(bytes));
  });
});

describe('entityTags', () => {
  it('reads a list of strong and weak tags, and a wildcard', () => {
    expect(entityTags('"a", W/"b" ,"c,d"')).toEqual(['"a"', '"b"', '"c,d"']);
    expect(entityTags(' * ')).toEqual(['*']);
    expect(entityTags('not-a-tag')).toEqual([]);
  });
});

describe('weaklyEqual', () => {
  it('matches a tag whether either side is weak, and nothing else', () => {
    expect(weaklyEqual('W/"x"', '"x"')).toBe(true);
    expect(weaklyEqual('"x"', 'W/"x"')).toBe(true);
    expect(weaklyEqual('"x"', '"y"')).toBe(false);
  });
});

describe('isNotModified', () => {
  it('is a 304 for the current tag, strong or weak, alone or in a list, and for *', () => {
    for (const header of [ETAG, `W/${ETAG}`, `"zzz", ${ETAG}`, '*']) expect(isNotModified({ ifNoneMatch: header }, { etag: ETAG })).toBe(true);
    expect(isNotModified({ ifNoneMatch: '"zzz"' }, { etag: ETAG })).toBe(false);
  });

  it('lets If-None-Match decide when both are given', () => {
    expect(isNotModified({ ifNoneMatch: '"zzz"', ifModifiedSince: AT.toUTCString() }, { etag: ETAG, lastModified: AT })).toBe(false);
  });

  it('compares If-Modified-Since at second precision and ignores a date it cannot read', () => {
    expect(isNotModified({ ifModifiedSince: AT.toUTCString() }, { etag: ETAG, lastModified: AT })).toBe(true);
    expect(isNotModified({ ifModifiedSince: new Date(AT.getTime() - 1000).toUTCString() }, { etag: ETAG, lastModified: AT })).toBe(false);
    expect(isNotModified({ ifModifiedSince: 'yesterday' }, { etag: ETAG, lastModified: AT })).toBe(false);
    expect(isNotModified({ ifModifiedSince: AT.toUTCString() }, { etag: ETAG })).toBe(false);
  });

  it('is never a 304 with no validators', () => {
    expect(isNotModified({}, { etag: ETAG, lastModified: AT })).toBe(false);
    expect(isNotModified({ ifNoneMatch: '' }, { etag: ETAG })).toBe(false);
  });
});
