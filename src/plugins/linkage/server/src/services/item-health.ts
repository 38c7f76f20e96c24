// Published items are checked again whenever units or departments change: a renamed or removed
// unit, or a department of the wrong kind, can leave a published item routing nowhere. What broke
// is logged and kept for the admin to see.
import type { Core } from '@strapi/strapi';
import { answerSpace } from '../domain/answer-space';
import { itemFromRows, itemVersion } from '../domain/catalog-records';
import { indexDepartments } from '../domain/departments';
import { departmentsByUnitKind } from '../domain/handlers';
import { itemCoverage } from '../domain/item-coverage';
import { itemProblems } from '../domain/item-rules';
import { describeProblem } from '../domain/problems';
import { indexUnits } from '../domain/unit-tree';
import { byDocument } from './store';
import { getService } from '../get-service';

export interface ItemHealth {
  code: string;
  problems: string[];
}

export interface HealthReport {
  checkedAt: string;
  reason: string;
  broken: ItemHealth[];
}

const KEY = 'item-health';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => getService(strapi, 'store');
  const pluginStore = () => strapi.store({ type: 'plugin', name: 'linkage' });

  /** The published items that no longer hold, from the stored catalog as it is now: nothing is written. */
  async function compute(): Promise<ItemHealth[]> {
    const locales = await getService(strapi, 'locales').codes();
    const [unitRows, departmentRows, itemRows] = await Promise.all([store().units(), store().departments(), store().items({ publishedAt: { $notNull: true } })]);
    const units = indexUnits([...new Map(unitRows.map((u) => [u.documentId, { code: u.code, level: u.level, kind: u.kind, parentCode: u.parentCode }])).values()]);
    const departmentFacts = [...new Map(departmentRows.map((d) => [d.documentId, { code: d.code, kind: d.kind, unitCode: d.unitCode }])).values()];
    const facts = { units, departments: indexDepartments(departmentFacts) };
    const byUnitKind = departmentsByUnitKind(departmentFacts);
    const broken: ItemHealth[] = [];
    for (const rows of byDocument(itemRows, locales).values()) {
      const problems = [...new Set(rows.flatMap((row) => itemProblems(itemVersion(row), facts)).map(describeProblem))];
      const item = itemFromRows(rows, 'published');
      if (problems.length === 0) problems.push(...itemCoverage(answerSpace(item, units), byUnitKind).problems.map(describeProblem));
      if (problems.length > 0) broken.push({ code: item.code, problems });
    }
    return broken;
  }

  return {
    compute,

    async recheck(reason: string): Promise<HealthReport> {
      const broken = await compute();
      const report: HealthReport = { checkedAt: new Date().toISOString(), reason, broken };
      await pluginStore().set({ key: KEY, value: report });
      for (const item of broken) strapi.log.warn(`[linkage] After ${reason}, published item ${item.code} no longer holds: ${item.problems.slice(0, 3).join('; ')}`);
      return report;
    },

    async report(): Promise<HealthReport | null> {
      return ((await pluginStore().get({ key: KEY })) as HealthReport | null) ?? null;
    },
  };
};
