// Admin API for the ownership report (内容保障报告): /linkage/reports/ownership (the per-owner
// summary) and /linkage/reports/ownership/records (the records behind a number), as JSON or CSV.
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { OwnershipRecords, OwnershipSummary, RecordRow } from '../contracts/ownership-report';
import { asAdminLanguage } from '../domain/admin-language';
import { InvalidParameter } from '../domain/failures';
import { getService } from '../get-service';
import { ReportParameterError } from '../services/ownership-report';

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

const checkLanguage = (ctx: Context): void => {
  const language = (ctx.query as Record<string, unknown>).language;
  if (language === undefined || (typeof language === 'string' && asAdminLanguage(language))) return;
  throw new InvalidParameter('language', `must be en or zh-Hans, got ${JSON.stringify(language)}`);
};

/** The report's refusal of a parameter, said as the plugin's failure (answered in http-errors.ts). */
async function answer(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof ReportParameterError) throw new InvalidParameter(error.parameter, error.reason);
    throw error;
  }
}

const formatOf = (ctx: Context): 'json' | 'csv' => {
  const as = format(ctx);
  if (as) return as;
  throw new InvalidParameter('format', `must be json or csv, got ${JSON.stringify(String((ctx.query as Record<string, unknown>).format))}`);
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const reports = () => getService(strapi, 'ownership-report');
  return {
    async ownership(ctx: Context) {
      const as = formatOf(ctx);
      checkLanguage(ctx);
      await answer(async () => {
        const query = ctx.query as Record<string, unknown>;
        if (as === 'csv') {
          const body = await reports().summaryCsv(query);
          attachment(ctx, await reports().fileName(query, 'summary', 'csv'), 'text/csv; charset=utf-8');
          ctx.body = body;
          return;
        }
        const data: OwnershipSummary = await reports().summary(query);
        if (query.download) attachment(ctx, await reports().fileName(query, 'summary', 'json'), 'application/json; charset=utf-8');
        ctx.body = { data };
      });
    },

    async records(ctx: Context) {
      const as = formatOf(ctx);
      checkLanguage(ctx);
      await answer(async () => {
        const query = ctx.query as Record<string, unknown>;
        if (as === 'csv') {
          const stream = await reports().recordsCsv(query);
          attachment(ctx, await reports().fileName(query, 'records', 'csv'), 'text/csv; charset=utf-8');
          ctx.body = stream;
          return;
        }
        const page = await reports().records(query);
        // Every row of a page is named; the check only tells the type so (an empty page's rows are typed unnamed).
        const rows: RecordRow[] = [];
        for (const row of page.rows) if ('names' in row) rows.push(row);
        const data: OwnershipRecords = { ...page, rows };
        if (query.download) attachment(ctx, await reports().fileName(query, 'records', 'json'), 'application/json; charset=utf-8');
        ctx.body = { data };
      });
    },
  };
};
