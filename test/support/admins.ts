// Admin users with linkage roles and memberships, signed in through the admin API.
import type { TestStrapi } from './strapi';

export const ROLES = {
  cityManager: 'linkage-city-manager',
  unitEditor: 'linkage-unit-editor',
  auditor: 'linkage-auditor',
} as const;

export interface SignedInAdmin {
  readonly id: number;
  readonly email: string;
  readonly token: string;
  readonly auth: { Authorization: string };
}

const PASSWORD = 'Linkage-Editor-Pass-1';

export async function createAdmin(
  t: TestStrapi,
  email: string,
  roleCodes: string[],
  memberships: Array<{ unitCode: string; scope?: 'unit' | 'subtree' }> = []
): Promise<SignedInAdmin> {
  const roles = (await t.strapi.db.query('admin::role').findMany({ where: { code: { $in: roleCodes } } })) as Array<{ id: number; code: string }>;
  if (roles.length !== roleCodes.length) throw new Error(`missing roles: ${roleCodes.join(', ')} (found ${roles.map((r) => r.code).join(', ')})`);
  const user = (await t.strapi.service('admin::user').create({
    email,
    firstname: email.split('@')[0],
    lastname: 'Test',
    password: PASSWORD,
    isActive: true,
    registrationToken: null,
    roles: roles.map((r) => r.id),
  })) as { id: number };
  for (const membership of memberships) {
    await t.strapi.db.query('plugin::linkage.membership').create({ data: { userId: user.id, unitCode: membership.unitCode, scope: membership.scope ?? 'unit' } });
  }
  const login = await t.http.post('/admin/login').send({ email, password: PASSWORD });
  if (login.status !== 200) throw new Error(`login of ${email} failed: ${login.status} ${JSON.stringify(login.body)}`);
  const token = login.body.data.token as string;
  return { id: user.id, email, token, auth: { Authorization: `Bearer ${token}` } };
}
