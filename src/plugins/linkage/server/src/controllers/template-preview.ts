// An editor's preview of a draft site template on a page of their choosing (Strapi's own preview
// panel shows the city's page only):
//   POST /linkage/site-templates/:documentId/preview   { unit?, item?, locale? }  →  { data: { url } }
// The address is a signed, short-lived preview link (services/preview.ts), handed only to an admin
// who may read the template.
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { Invalid, NotFound } from '../domain/failures';
import { getService } from '../get-service';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async link(ctx: Context) {
    const { documentId } = ctx.params as { documentId: string };
    const body = (ctx.request as { body?: unknown }).body;
    const input = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    const answer = await getService(strapi, 'preview').templateLink(documentId, input);
    if ('problems' in answer) throw new Invalid(answer.problems, 'asker');
    if (!answer.url) throw new NotFound('No draft of this site template that you may read, or previews are off');
    ctx.body = { data: { url: answer.url } };
  },
});
