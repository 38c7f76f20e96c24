// The stores derived from the source records (guides, items, units, departments, reviews, the spec,
// templates), which the doctor recomputes and compares: their names in both languages, and what a
// repair of each says it did.
import type { AdminText } from './admin-language';

export const DERIVED_STORES = ['guide-facts', 'expected-handlers', 'published-snapshot', 'change-feed', 'audit-trail', 'item-health'] as const;

export type DerivedStore = (typeof DERIVED_STORES)[number];

export const isDerivedStore = (value: unknown): value is DerivedStore => typeof value === 'string' && (DERIVED_STORES as readonly string[]).includes(value);

export const STORE_NAMES: Readonly<Record<DerivedStore, AdminText>> = {
  'guide-facts': { en: 'guide facts', 'zh-Hans': '指南统计表' },
  'expected-handlers': { en: 'expected handlers', 'zh-Hans': '应办理单位表' },
  'published-snapshot': { en: 'published snapshot', 'zh-Hans': '已发布内容快照' },
  'change-feed': { en: 'change feed', 'zh-Hans': '变更记录' },
  'audit-trail': { en: 'audit trail', 'zh-Hans': '审计日志' },
  'item-health': { en: 'item health', 'zh-Hans': '事项健康状况' },
};

/** One thing a repair did, in both languages. */
export interface RepairStep {
  readonly store: DerivedStore;
  /** Rows written, changes appended, items found broken...: what the sentence counts. */
  readonly count: number;
  readonly message: AdminText;
}

/** What a repair of each store did, given the count it reports. */
export function repairStep(store: DerivedStore, count: number): RepairStep {
  const message = ((): AdminText => {
    switch (store) {
      case 'guide-facts':
        return { en: `guide facts rebuilt from the guides and reviews: ${count} rows`, 'zh-Hans': `已根据办事指南和复核记录重建指南统计表：${count} 行` };
      case 'expected-handlers':
        return {
          en: `expected handlers rebuilt from the published items, units and departments: ${count} rows`,
          'zh-Hans': `已根据已发布的联动事项、单位和部门重建应办理单位表：${count} 行`,
        };
      case 'published-snapshot':
        return { en: 'published snapshot forgotten: the next read builds it from the database', 'zh-Hans': '已清除已发布内容快照：下次读取时从数据库重新生成' };
      case 'change-feed':
        return { en: `change feed completed: ${count} missing changes appended`, 'zh-Hans': `已补全变更记录：追加 ${count} 条缺失的变更` };
      case 'item-health':
        return { en: `published items checked again: ${count} broken`, 'zh-Hans': `已重新检查已发布的联动事项：${count} 项有问题` };
      case 'audit-trail':
        return {
          en: 'the audit trail cannot be repaired: a broken chain means entries were altered or removed, and only a person comparing it with a copy kept elsewhere can tell what happened',
          'zh-Hans': '审计日志无法修复：哈希链断开说明有条目被改动或删除，只能由人对照别处保存的副本查明原委',
        };
    }
  })();
  return { store, count, message };
}
