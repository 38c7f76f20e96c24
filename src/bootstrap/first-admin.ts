// The first super admin comes from ADMIN_EMAIL / ADMIN_PASSWORD, or from the admin's sign-up page.
import type { Core } from '@strapi/strapi';

interface AdminUserService {
  exists(): Promise<boolean>;
  createFirstAdmin(attributes: { email: string; password: string; firstname: string; lastname: string }): Promise<{ email: string }>;
}

export async function ensureFirstAdmin(strapi: Core.Strapi): Promise<void> {
  const users = strapi.service('admin::user') as unknown as AdminUserService;
  if (await users.exists()) return;
  const email = process.env.ADMIN_EMAIL?.trim();
  const password = process.env.ADMIN_PASSWORD;
  if (!email || !password) {
    const url = strapi.config.get('admin.absoluteUrl', `http://localhost:${strapi.config.get('server.port', 1337)}/admin`);
    strapi.log.info(
      `[linkage] No administrator yet. Open ${url} to create the first one, or set ADMIN_EMAIL and ADMIN_PASSWORD (8+ characters with upper case, lower case and a digit) and restart.`
    );
    return;
  }
  if (password.length < 8 || !/[a-z]/.test(password) || !/[A-Z]/.test(password) || !/\d/.test(password)) {
    strapi.log.error('[linkage] ADMIN_PASSWORD must have at least 8 characters with upper case, lower case and a digit; no administrator was created.');
    return;
  }
  const admin = await users.createFirstAdmin({ email: email.toLowerCase(), password, firstname: 'Linkage', lastname: 'Administrator' });
  strapi.log.info(`[linkage] Created the first super admin ${admin.email} from ADMIN_EMAIL.`);
}
