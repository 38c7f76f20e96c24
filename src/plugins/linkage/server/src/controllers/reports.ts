// Admin API for the ownership report (内容保障报告): /linkage/reports/ownership (the per-owner
// summary) and /linkage/reports/ownership/records (the records behind a number), as JSON or CSV.
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { asAdminLanguage } from '../domain/admin-language';
import { ReportParameterError } from '../services/ownership-report';

type ReportService = ReturnType<typeof import('../services/ownership-report').default>;

const format = (ctx: Context): 'json' | 'csv' | null => {
  const raw = String((ctx.query as Record<string, unknown>).format ?? 'json').toLowerCase();
  return raw === 'json' || raw === 'csv' ? raw : null;
};

// The name in the admin's language (RFC 6266 / 5987), with an ASCII fallback for old clients.
const attachment = (ctx: Context, name: string, type: string) => {
  ctx.set('Content-Type', type);
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  ctx.set('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`);
  ctx.set('Cache-Control', 'no-store');
};

const badLanguage = (ctx: Context): boolean => {
  const language = (ctx.query as Record<string, unknown>).language;
  if (language === undefined || (typeof language === 'string' && asAdminLanguage(language))) return false;
  ctx.status = 400;
  const reason = `must be en or zh-Hans, got ${JSON.stringify(language)}`;
  ctx.body = { data: null, error: { status: 400, name: 'ValidationError', message: `language: ${reason}`, details: { parameter: 'language', reason } } };
  return true;
};

async function answer(ctx: Context, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof ReportParameterError) {
      ctx.status = 400;
      ctx.body = { data: null, error: { status: 400, name: 'ValidationError', message: `${error.parameter}: ${error.reason}`, details: { parameter: error.parameter, reason: error.reason } } };
      return;
    }
    throw error;
  }
}

const badFormat = (ctx: Context) => {
  ctx.status = 400;
  const reason = `must be json or csv, got ${JSON.stringify(String((ctx.query as Record<string, unknown>).format))}`;
  ctx.body = { data: null, error: { status: 400, name: 'ValidationError', message: `format: ${reason}`, details: { parameter: 'format', reason } } };
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const reports = () => strapi.plugin('linkage').service('ownership-report') as ReportService;
  return {
    async ownership(ctx: Context) {
      const as = format(ctx);
      if (!as) return badFormat(ctx);
      if (badLanguage(ctx)) return;
      await answer(ctx, async () => {
        const query = ctx.query as Record<string, unknown>;
        if (as === 'csv') {
          const body = await reports().summaryCsv(query);
          attachment(ctx, await reports().fileName(query, 'summary', 'csv'), 'text/csv; charset=utf-8');
          ctx.body = body;
          return;
        }
        const data = await reports().summary(query);
        if (query.download) attachment(ctx, await reports().fileName(query, 'summary', 'json'), 'application/json; charset=utf-8');
        ctx.body = { data };
      });
    },

    async records(ctx: Context) {
      const as = format(ctx);
      if (!as) return badFormat(ctx);
      if (badLanguage(ctx)) return;
      await answer(ctx, async () => {
        const query = ctx.query as Record<string, unknown>;
        if (as === 'csv') {
          const stream = await reports().recordsCsv(query);
          attachment(ctx, await reports().fileName(query, 'records', 'csv'), 'text/csv; charset=utf-8');
          ctx.body = stream;
          return;
        }
        const data = await reports().records(query);
        if (query.download) attachment(ctx, await reports().fileName(query, 'records', 'json'), 'application/json; charset=utf-8');
        ctx.body = { data };
      });
    },
  };
};
