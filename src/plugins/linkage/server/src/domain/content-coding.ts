// Which content coding a response is sent in, from the request's Accept-Encoding (RFC 9110
// §12.5.3): brotli or gzip when the client accepts them (brotli on a tie: smaller), else identity.
// Small bodies are not worth compressing.

export type ContentCoding = 'br' | 'gzip' | 'identity';

/** Below this many bytes a body is sent as it is: the coding's own overhead eats the gain. */
export const MIN_COMPRESSED_BYTES = 512;

const COMPRESSIBLE = /^(application\/(json|ld\+json|javascript)|text\/|image\/svg\+xml)/;

export const isCompressible = (mediaType: string): boolean => COMPRESSIBLE.test(mediaType);

/** The client's qualities by coding name, lower-cased; `*` stands for every coding not named. */
function qualities(header: string): Map<string, number> {
  const result = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('q='));
    const value = q === undefined ? 1 : Number(q.slice(2));
    result.set(name.trim().toLowerCase(), Number.isFinite(value) ? value : 0);
  }
  return result;
}

export function chooseCoding(acceptEncoding: string | undefined): ContentCoding {
  if (!acceptEncoding) return 'identity';
  const q = qualities(acceptEncoding);
  const of = (coding: string): number => q.get(coding) ?? (coding === 'identity' ? 1 : (q.get('*') ?? 0));
  const best = (['br', 'gzip'] as const).filter((c) => of(c) > 0).sort((a, b) => of(b) - of(a))[0];
  return best !== undefined && of(best) >= of('identity') ? best : 'identity';
}
