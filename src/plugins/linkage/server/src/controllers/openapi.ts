// GET /api/linkage/openapi.json: the public API, documented.
import type { Context } from 'koa';
import document from '../openapi/linkage-openapi.json';

const body = JSON.stringify(document);

export default () => ({
  show(ctx: Context) {
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = body;
  },
});
