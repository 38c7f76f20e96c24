// Why an admin is refused, in both languages the admin may read (the request picks one): names of
// record kinds, verbs, and every refusal text of the plugin's access rules, in one place.
import type { AdminText } from './admin-language';
import { nounOf } from './record-types';

export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly reason: AdminText };

export const ALLOW: Decision = { allowed: true };
export type Denied = { readonly allowed: false; readonly reason: AdminText };
export const deny = (en: string, zh: string): Denied => ({ allowed: false, reason: { en, 'zh-Hans': zh } });

/** A unit named for a message, in each language: `市北区 (370203000000)` / `Shibei District (370203000000)`. */
export type UnitLabel = (code: string) => AdminText;

/** A record kind's name in sentences (domain/record-types.ts): `{ one, many }` in English and its Chinese noun. */
export const kindName = nounOf;

/** What a refused request would have done to a guide. */
export type GuideVerb = 'read' | 'create' | 'update' | 'clone' | 'delete' | 'publish' | 'unpublish' | 'discardDraft' | 'review';

const VERBS: Readonly<Record<GuideVerb, AdminText>> = {
  read: { en: 'read', 'zh-Hans': '查看' },
  create: { en: 'create', 'zh-Hans': '创建' },
  update: { en: 'edit', 'zh-Hans': '编辑' },
  clone: { en: 'copy', 'zh-Hans': '复制' },
  delete: { en: 'delete', 'zh-Hans': '删除' },
  publish: { en: 'publish', 'zh-Hans': '发布' },
  unpublish: { en: 'unpublish', 'zh-Hans': '撤销发布' },
  discardDraft: { en: 'discard the draft of', 'zh-Hans': '放弃草稿：' },
  review: { en: 'review', 'zh-Hans': '复核' },
};

export const verb = (action: GuideVerb): AdminText => VERBS[action];

/** What an admin's roles and memberships amount to, for messages. */
export interface Asker {
  readonly email: string;
  readonly roleNames: readonly string[];
  readonly scope: ReadonlySet<string>;
}

const rolesOf = (asker: Asker) => asker.roleNames.join(', ') || 'none';
const rolesOfZh = (asker: Asker) => asker.roleNames.join('、') || '无';
const mine = (asker: Asker, label: UnitLabel) => ({
  en: [...asker.scope].map((c) => label(c).en).join(', ') || 'none',
  zh: [...asker.scope].map((c) => label(c)['zh-Hans']).join('、') || '无',
});
const list = (codes: readonly string[], label: UnitLabel) => ({
  en: codes.map((c) => label(c).en).join(', '),
  zh: codes.map((c) => label(c)['zh-Hans']).join('、'),
});

export const denials = {
  /** The admin's roles give no permission for this on guides at all. */
  guideRolesLack(asker: Asker, action: GuideVerb, owner: string | null, label: UnitLabel): Denied {
    const v = verb(action);
    const whose = owner ? { en: `the guide of ${label(owner).en}`, zh: `${label(owner)['zh-Hans']}的指南` } : { en: 'a guide', zh: '指南' };
    return deny(
      `your roles (${rolesOf(asker)}) do not let you ${v.en} guides; you may not ${v.en} ${whose.en}`,
      `你的角色（${rolesOfZh(asker)}）不允许${v['zh-Hans']}办事指南；你不能${v['zh-Hans']}${whose.zh}`
    );
  },

  noMembership(asker: Asker, action: GuideVerb, owner: string | null, label: UnitLabel): Denied {
    const v = verb(action);
    const whose = owner ? { en: `the guide of ${label(owner).en}`, zh: `${label(owner)['zh-Hans']}的指南` } : { en: 'a guide', zh: '指南' };
    return deny(
      `${asker.email} belongs to no unit, so may not ${v.en} ${whose.en}; ask a city manager for a membership`,
      `${asker.email} 不属于任何单位，不能${v['zh-Hans']}${whose.zh}；请市级管理员为你添加所属单位`
    );
  },

  /** One or more guides belong to units outside the admin's. */
  guidesOutside(asker: Asker, action: GuideVerb, owners: readonly string[], label: UnitLabel): Denied {
    const v = verb(action);
    const m = mine(asker, label);
    if (owners.length === 1) {
      const [owner] = owners;
      return deny(
        `the guide belongs to ${label(owner).en}, which is outside your units (${m.en}); you may not ${v.en} it`,
        `该指南属于${label(owner)['zh-Hans']}，不在你的单位（${m.zh}）之内；你不能${v['zh-Hans']}它`
      );
    }
    const named = list(owners, label);
    return deny(`guides of ${named.en} are outside your units (${m.en}); you may not ${v.en} them`, `${named.zh}的指南不在你的单位（${m.zh}）之内；你不能${v['zh-Hans']}它们`);
  },

  ownerChange(from: string, to: string, label: UnitLabel): Denied {
    return deny(
      `moving a guide from ${label(from).en} to ${label(to).en} changes its owner, which only a city manager may do`,
      `把指南从${label(from)['zh-Hans']}移到${label(to)['zh-Hans']}会改变它的所属单位，只有市级管理员可以这样做`
    );
  },

  writtenOutside(asker: Asker, action: GuideVerb, unit: string, label: UnitLabel): Denied {
    const v = verb(action);
    const m = mine(asker, label);
    return deny(
      `${label(unit).en} is outside your units (${m.en}); you may not ${v.en} its guides`,
      `${label(unit)['zh-Hans']}不在你的单位（${m.zh}）之内；你不能${v['zh-Hans']}它的指南`
    );
  },

  noOwnerNamed(asker: Asker, label: UnitLabel): Denied {
    const m = mine(asker, label);
    return deny(`a guide must name its owning unit (unitCode), one of your units (${m.en})`, `指南必须写明所属单位（unitCode），且须是你的单位之一（${m.zh}）`);
  },

  /** Writes to any record but a guide: city managers only. */
  cityManagersOnly(asker: Asker, uid: string): Denied {
    const kind = kindName(uid);
    return deny(
      `only a city manager may change ${kind.many}; your roles (${rolesOf(asker)}) do not let ${asker.email} do it`,
      `只有市级管理员可以修改${kind.zh}；你的角色（${rolesOfZh(asker)}）不允许 ${asker.email} 这样做`
    );
  },

  /** Strapi's roles refused what the plugin's rules would allow. */
  rolesLack(asker: Asker, action: GuideVerb, uid: string): Denied {
    const kind = kindName(uid);
    const v = verb(action);
    return deny(`your roles (${rolesOf(asker)}) do not let you ${v.en} ${kind.many}`, `你的角色（${rolesOfZh(asker)}）不允许${v['zh-Hans']}${kind.zh}`);
  },

  /** Records the plugin derives from others (the change feed, the report's tables): nobody writes them. */
  derivedRecords(uid: string): Denied {
    const kind = kindName(uid);
    return deny(
      `${kind.many} are derived by Linkage from the records they describe; nobody changes them directly`,
      `${kind.zh}由 Linkage 根据相关记录自动生成，任何人都不能直接修改`
    );
  },

  /** The admin's roles give no read permission on this type. */
  readRolesLack(asker: Asker, uid: string): Denied {
    const kind = kindName(uid);
    return deny(`your roles (${rolesOf(asker)}) do not let you read ${kind.many}`, `你的角色（${rolesOfZh(asker)}）不允许查看${kind.zh}`);
  },

  /** The admin may read some records of the type, not these. */
  recordsUnreadable(asker: Asker, uid: string): Denied {
    const kind = kindName(uid);
    return deny(`your roles (${rolesOf(asker)}) do not let you read these ${kind.many}`, `你的角色（${rolesOfZh(asker)}）不允许查看这些${kind.zh}`);
  },

  /** A Strapi route that names a linkage type but that the plugin has not reviewed: refused until it is. */
  unreviewedRoute(route: string, uid: string): Denied {
    const kind = kindName(uid);
    return deny(
      `${route} is not among the admin routes Linkage has checked for ${kind.many}; it is refused until it is (ask a super admin)`,
      `${route} 不在 Linkage 已审查的管理接口之列，不能用于${kind.zh}；在审查之前一律拒绝（请联系超级管理员）`
    );
  },

  /** A plugin route's permission is missing. */
  missingAction(email: string | undefined, action: string, does: AdminText): Denied {
    return deny(
      `${email ?? 'you'} may not ${does.en}: that needs the permission ${action}, which none of your roles gives`,
      `${email ?? '你'} 不能${does['zh-Hans']}：这需要权限 ${action}，你的角色都没有该权限`
    );
  },

  /** A plugin route also needs the Content Manager's read permission on a type. */
  missingRead(email: string | undefined, uid: string): Denied {
    const kind = kindName(uid);
    return deny(
      `${email ?? 'you'} may not read ${kind.many}: that needs the Content Manager's read permission on ${uid}, which none of your roles gives`,
      `${email ?? '你'} 不能查看${kind.zh}：这需要内容管理器中 ${uid} 的查看权限，你的角色都没有该权限`
    );
  },

  /** A plugin route that works on a type's unsaved form also needs the Content Manager's update permission on it. */
  missingEdit(email: string | undefined, uid: string): Denied {
    const kind = kindName(uid);
    return deny(
      `${email ?? 'you'} may not edit ${kind.many}: that needs the Content Manager's update permission on ${uid}, which none of your roles gives`,
      `${email ?? '你'} 不能编辑${kind.zh}：这需要内容管理器中 ${uid} 的编辑权限，你的角色都没有该权限`
    );
  },

  unitOutside(asker: Asker, unit: string, label: UnitLabel): Denied {
    const m = mine(asker, label);
    return deny(`${label(unit).en} is outside your units (${m.en})`, `${label(unit)['zh-Hans']}不在你的单位（${m.zh}）之内`);
  },

  reviewsImmutable(action: string): Denied {
    return deny(
      `reviews cannot be changed or removed (${action}): a review records who checked a record and when; record a new review instead`,
      `复核记录不能修改或删除（${action}）：复核记录说明谁在何时核对过记录；请另行记录一次复核`
    );
  },

  auditAppendOnly(action: string): Denied {
    const past: Record<string, [string, string]> = {
      create: ['created', '创建'],
      clone: ['cloned', '复制'],
      update: ['updated', '修改'],
      delete: ['deleted', '删除'],
      publish: ['published', '发布'],
      unpublish: ['unpublished', '撤销发布'],
      discardDraft: ['discarded', '放弃'],
    };
    const [en, zh] = past[action] ?? [action, action];
    return deny(
      `Audit entries are append-only: they cannot be ${en} (the trail is written only by the audit service, entry by entry, as records change)`,
      `审计条目只能追加，不能${zh}（审计日志只由审计服务在记录变化时逐条写入）`
    );
  },

  reviewKindCityOnly(asker: Asker, kind: 'item' | 'template'): Denied {
    const names = { item: ['items', '联动事项'], template: ['templates', '展现模板'] }[kind];
    return deny(
      `only a city manager may review ${names[0]}; your roles (${rolesOf(asker)}) do not let ${asker.email} do it`,
      `只有市级管理员可以复核${names[1]}；你的角色（${rolesOfZh(asker)}）不允许 ${asker.email} 这样做`
    );
  },

  readOfKind(asker: Asker, kind: 'item' | 'template', what: AdminText): Denied {
    const names = { item: ['items', '联动事项'], template: ['templates', '展现模板'] }[kind];
    return deny(`your roles (${rolesOf(asker)}) do not let you read ${what.en} of ${names[0]}`, `你的角色（${rolesOfZh(asker)}）不允许查看${names[1]}的${what['zh-Hans']}`);
  },

  guideUnreadable(owner: string | null, label: UnitLabel, what: AdminText): Denied {
    const whose = owner ? { en: label(owner).en, zh: label(owner)['zh-Hans'] } : { en: 'no unit', zh: '无单位' };
    return deny(
      `the guide belongs to ${whose.en}, which is outside your units; you may not read ${what.en}`,
      `该指南属于${whose.zh}，不在你的单位之内；你不能查看它的${what['zh-Hans']}`
    );
  },
};
