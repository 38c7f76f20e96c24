// Memberships of admin users in units, and the scope they give.
import type { Core } from '@strapi/strapi';
import { membershipProblems } from '../domain/memberships';
import { scopeCodes, type MembershipFacts, type MembershipScope, type ScopeMode } from '../domain/scope';
import { indexUnits, type UnitFacts } from '../domain/unit-tree';
import { Invalid, NotFound } from '../domain/failures';
import { MEMBERSHIP, UNIT } from '../uids';
import type { Membership } from '../contracts/memberships';
import { getService } from '../get-service';

/** A membership as the admin sees it (the contract of its routes). */
export type MembershipView = Membership;

interface MembershipRow {
  id: number;
  documentId: string;
  userId: number;
  unitCode: string;
  scope: MembershipScope;
}

interface AdminUserRow {
  id: number;
  email: string;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const locales = () => getService(strapi, 'locales');

  async function units(): Promise<UnitFacts[]> {
    const rows = (await strapi.db.query(UNIT).findMany({ select: ['documentId', 'code', 'level', 'kind', 'parentCode'] })) as Array<UnitFacts & { documentId: string }>;
    return [...new Map(rows.map((r) => [r.documentId, r])).values()];
  }

  const findUser = async (email: string): Promise<AdminUserRow | null> =>
    (await strapi.db.query('admin::user').findOne({ where: { email: email.trim().toLowerCase() }, select: ['id', 'email'] })) as AdminUserRow | null;

  return {
    units,

    async forUser(userId: number): Promise<MembershipFacts[]> {
      return (await strapi.db.query(MEMBERSHIP).findMany({ where: { userId }, select: ['unitCode', 'scope'] })) as MembershipFacts[];
    },

    /** The unit codes a user's memberships cover. */
    async scopeOf(userId: number, mode: ScopeMode = 'as-granted'): Promise<string[]> {
      const [memberships, allUnits] = await Promise.all([this.forUser(userId), units()]);
      return scopeCodes(memberships, allUnits, mode);
    },

    async list(filter: { email?: string; unitCode?: string } = {}): Promise<MembershipView[]> {
      const where: Record<string, unknown> = {};
      if (filter.unitCode) where.unitCode = filter.unitCode;
      if (filter.email) {
        const user = await findUser(filter.email);
        if (!user) return [];
        where.userId = user.id;
      }
      const rows = (await strapi.db.query(MEMBERSHIP).findMany({ where, orderBy: [{ unitCode: 'asc' }, { id: 'asc' }] })) as MembershipRow[];
      const userIds = [...new Set(rows.map((r) => r.userId))];
      const users = (await strapi.db.query('admin::user').findMany({ where: { id: { $in: userIds } }, select: ['id', 'email'] })) as AdminUserRow[];
      const emails = new Map(users.map((u) => [u.id, u.email]));
      const locale = await locales().defaultLocale();
      const names = (await strapi.db.query(UNIT).findMany({ where: { code: { $in: [...new Set(rows.map((r) => r.unitCode))] }, locale }, select: ['code', 'name'] })) as Array<{
        code: string;
        name: string;
      }>;
      const nameOf = new Map(names.map((n) => [n.code, n.name]));
      return rows.map((r) => ({
        id: r.id,
        documentId: r.documentId,
        userId: r.userId,
        email: emails.get(r.userId) ?? null,
        unitCode: r.unitCode,
        unitName: nameOf.get(r.unitCode) ?? null,
        scope: r.scope,
      }));
    },

    async add(input: { email?: unknown; unitCode?: unknown; scope?: unknown }): Promise<MembershipView> {
      const email = typeof input.email === 'string' ? input.email.trim().toLowerCase() : input.email;
      const scope = input.scope ?? 'unit';
      const user = typeof email === 'string' && email !== '' ? await findUser(email) : null;
      const existing = user && typeof input.unitCode === 'string' ? await strapi.db.query(MEMBERSHIP).count({ where: { userId: user.id, unitCode: input.unitCode } }) : 0;
      const problems = membershipProblems({ userFound: user !== null, email, unitCode: input.unitCode, scope }, indexUnits(await units()), existing > 0);
      if (problems.length > 0 || !user) throw new Invalid(problems);
      const created = (await strapi
        .documents(MEMBERSHIP)
        .create({ data: { userId: user.id, unitCode: input.unitCode as string, scope: scope as MembershipScope } })) as unknown as MembershipRow;
      const [view] = (await this.list({ unitCode: created.unitCode })).filter((m) => m.documentId === created.documentId);
      return view;
    },

    async remove(match: { documentId?: string; email?: string; unitCode?: string }): Promise<MembershipView> {
      const candidates = match.documentId
        ? (await this.list()).filter((m) => m.documentId === match.documentId)
        : (await this.list({ email: match.email, unitCode: match.unitCode })).filter(() => Boolean(match.email && match.unitCode));
      const [membership] = candidates;
      if (!membership) {
        throw new NotFound(
          match.documentId ? `No membership has the documentId ${match.documentId}` : `${match.email ?? '(no email)'} is not a member of ${match.unitCode ?? '(no unit)'}`,
          match.documentId ? 'documentId' : 'unitCode'
        );
      }
      await strapi.documents(MEMBERSHIP).delete({ documentId: membership.documentId });
      return membership;
    },
  };
};
