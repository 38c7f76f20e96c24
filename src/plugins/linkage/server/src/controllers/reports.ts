// Admin API for the ownership report (内容保障报告): /linkage/reports/ownership (the per-owner
// summary) and /linkage/reports/ownership/records (the records behind a number), as JSON or CSV.
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { ReportParameterError } from '../services/ownership-report';

type ReportService = ReturnType<typeof import('../services/ownership-report').default>;

const format = (ctx: Context): 'json' | 'csv' | null => {
  const raw = String((ctx.query as Record<string, unknown>).format ?? 'json').toLowerCase();
  return raw === 'json' || raw === 'csv' ? raw : null;
};

const attachment = (ctx: Context, name: string, type: string) => {
  ctx.set('Content-Type', type);
  ctx.set('Content-Disposition', `attachment; filename="${name}"`);
  ctx.set('Cache-Control', 'no-store');
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
      await answer(ctx, async () => {
        const query = ctx.query as Record<string, unknown>;
        if (as === 'csv') {
          const body = await reports().summaryCsv(query);
          attachment(ctx, 'ownership-report.csv', 'text/csv; charset=utf-8');
          ctx.body = body;
          return;
        }
        const data = await reports().summary(query);
        if (query.download) attachment(ctx, 'ownership-report.json', 'application/json; charset=utf-8');
        ctx.body = { data };
      });
    },

    async records(ctx: Context) {
      const as = format(ctx);
      if (!as) return badFormat(ctx);
      await answer(ctx, async () => {
        const query = ctx.query as Record<string, unknown>;
        if (as === 'csv') {
          const stream = await reports().recordsCsv(query);
          attachment(ctx, `ownership-records-${String(query.category ?? 'all').replace(/[^a-zA-Z]/g, '')}.csv`, 'text/csv; charset=utf-8');
          ctx.body = stream;
          return;
        }
        const data = await reports().records(query);
        if (query.download) attachment(ctx, 'ownership-records.json', 'application/json; charset=utf-8');
        ctx.body = { data };
      });
    },
  };
};
