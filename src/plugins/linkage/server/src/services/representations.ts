// A rendered answer in the content coding a client accepts: each body is compressed once per
// coding, when first asked for, and kept beside it (a cache hit sends the bytes as they are). Each
// representation has its own strong ETag (RFC 9110 §8.8.3: a gzipped body is not the same bytes).
import type { ServerResponse } from 'node:http';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { MIN_COMPRESSED_BYTES, isCompressible, type ContentCoding } from '../domain/content-coding';
import type { Cached, Rendered } from './render-cache';

export interface Representation {
  readonly body: Buffer;
  readonly etag: string;
  /** null: identity (no Content-Encoding header). */
  readonly encoding: 'br' | 'gzip' | null;
}

const variants = new WeakMap<Rendered, Map<ContentCoding, Representation>>();

/** The coding actually used: identity for small or incompressible bodies, whatever was accepted. */
export const codingFor = (value: Rendered, accepted: ContentCoding): ContentCoding =>
  accepted !== 'identity' && value.body.length >= MIN_COMPRESSED_BYTES && isCompressible(value.type) ? accepted : 'identity';

const compress = (body: Buffer, coding: 'br' | 'gzip'): Buffer =>
  coding === 'br'
    ? // Quality 5: near the best ratio for text this size, at a small fraction of quality 11's time (compressed on a miss).
      brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : gzipSync(body, { level: 6 });

export function representation(value: Rendered, accepted: ContentCoding): Representation {
  const coding = codingFor(value, accepted);
  if (coding === 'identity') return { body: value.body, etag: value.etag, encoding: null };
  let forValue = variants.get(value);
  if (!forValue) {
    forValue = new Map();
    variants.set(value, forValue);
  }
  let variant = forValue.get(coding);
  if (!variant) {
    variant = { body: compress(value.body, coding), etag: `${value.etag.slice(0, -1)}-${coding}"`, encoding: coding };
    forValue.set(coding, variant);
  }
  return variant;
}

/** What a response was answered with, from the render cache: what the fast path replays for its address. */
const answered = new WeakMap<ServerResponse, Cached>();

export const rememberAnswer = (response: ServerResponse, value: Cached): void => {
  answered.set(response, value);
};

export const answerOf = (response: ServerResponse): Cached | undefined => answered.get(response);
