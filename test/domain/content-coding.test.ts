// The content coding of a response (RFC 9110 §12.5.3): brotli or gzip as the client accepts them,
// brotli on a tie, identity when neither is acceptable or nothing is asked for.
import { chooseCoding, isCompressible } from '../../src/plugins/linkage/server/src/domain/content-coding';

describe('chooseCoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['*', 'br'],
    ['*;q=0.2, gzip;q=0', 'identity'],
    ['*;q=0.2, identity;q=0.1', 'br'],
    ['compress', 'identity'],
    ['identity', 'identity'],
    ['GZIP', 'gzip'],
    ['gzip;q=0.1, identity;q=0.5', 'identity'],
  ])('Accept-Encoding %p → %s', (header, coding) => {
    expect(chooseCoding(header)).toBe(coding);
  });
});

describe('isCompressible', () => {
  it('compresses text, JSON and SVG, not images or archives', () => {
    for (const type of ['application/json; charset=utf-8', 'text/html; charset=utf-8', 'text/css', 'image/svg+xml', 'application/ld+json'])
      expect(isCompressible(type)).toBe(true);
    for (const type of ['image/png', 'application/zip', 'application/octet-stream']) expect(isCompressible(type)).toBe(false);
  });
});
