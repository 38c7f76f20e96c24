// GET /api/linkage/exports/cpsv-ap.jsonld[?item=SLUG|CODE]: the published catalog, or one item of
// it, as CPSV-AP 3.2.0 JSON-LD (docs/cpsv-ap-mapping.md), streamed as it is read: never one string
// in memory. The same HTTP as every public answer, with a weak ETag (the body is not hashed before
// it is sent): 304 on a matching If-None-Match or If-Modified-Since, gzip or brotli when asked.
import { PassThrough, Readable, pipeline } from 'node:stream';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { cacheControl } from '../domain/cache-policy';
import { chooseCoding } from '../domain/content-coding';
import { CPSV_AP_MEDIA_TYPE } from '../domain/cpsv-ap';
import { Invalid } from '../domain/failures';
import { isNotModified } from '../domain/http-conditions';
import { problem } from '../domain/problems';
import { getService } from '../get-service';
import { acceptOnly } from './public-parameters';
import { cachePolicy } from './send';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const policy = cachePolicy(strapi);
  return {
    async cpsvAp(ctx: Context) {
      acceptOnly(ctx, { item: 'one' });
      const item = (ctx.query as Record<string, string | undefined>).item;
      if (item === '') throw new Invalid([problem(['item'], 'must be the slug or the code of a published item, got ""')]);
      const exported = await getService(strapi, 'cpsv-ap').open(item === undefined ? {} : { item });
      ctx.vary('Accept-Encoding');
      ctx.set('ETag', exported.etag);
      ctx.set('Last-Modified', exported.lastModified.toUTCString());
      ctx.set('Cache-Control', cacheControl('public', policy));
      if (isNotModified({ ifNoneMatch: ctx.get('If-None-Match') || undefined, ifModifiedSince: ctx.get('If-Modified-Since') || undefined }, exported)) {
        ctx.status = 304;
        ctx.body = null;
        return;
      }
      const coding = chooseCoding(ctx.get('Accept-Encoding') || undefined);
      const encoder =
        coding === 'br'
          ? // Quality 5, as for cached answers: near the best ratio at a fraction of quality 11's time.
            createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
          : coding === 'gzip'
            ? createGzip({ level: 6 })
            : new PassThrough();
      if (coding !== 'identity') ctx.set('Content-Encoding', coding);
      ctx.status = 200;
      ctx.type = CPSV_AP_MEDIA_TYPE;
      // A failure half-way (the database gone) cannot change the status already sent: the
      // connection is closed, so the client sees a cut response rather than a document that ends.
      ctx.body = pipeline(Readable.from(exported.chunks, { objectMode: false }), encoder, (error) => {
        if (!error || ctx.res.writableFinished) return;
        if (error.code !== 'ERR_STREAM_PREMATURE_CLOSE') strapi.log.error(`linkage: the CPSV-AP export failed while it was sent: ${error.message}`);
        ctx.res.destroy();
      });
    },
  };
};
