// GET /api/linkage/openapi.json: the public API, documented.
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import document from '../openapi/linkage-openapi.json';
import { json } from '../services/render-cache';
import { acceptOnly } from './public-parameters';
import { sender } from './send';

const rendered = json(document);

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const send = sender(strapi);
  return {
    show(ctx: Context) {
      acceptOnly(ctx, {});
      send(ctx, rendered);
    },
  };
};
