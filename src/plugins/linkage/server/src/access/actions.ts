// RBAC actions of the plugin's own admin routes: each route requires one (routes/admin.ts).
import type { Core } from '@strapi/strapi';

interface ActionProvider {
  registerMany(actions: Array<{ section: string; displayName: string; uid: string; pluginName: string; category?: string; subCategory?: string }>): Promise<unknown>;
}

export async function registerActions(strapi: Core.Strapi): Promise<void> {
  const provider = (strapi.admin as unknown as { services: { permission: { actionProvider: ActionProvider } } }).services.permission.actionProvider;
  const action = (uid: string, displayName: string, subCategory: string) => ({ section: 'plugins', pluginName: 'linkage', uid, displayName, subCategory });
  await provider.registerMany([
    action('memberships.read', 'Read memberships', 'Memberships'),
    action('memberships.manage', 'Manage memberships', 'Memberships'),
    action('reports.read', 'Read ownership reports', 'Reports'),
    action('audit.read', 'Read the audit trail', 'Audit trail'),
    action('reviews.create', 'Mark records reviewed', 'Reviews'),
    action('items.inspect', "Read items' publishing checks, draft flow charts and health", 'Items'),
    action('assurance.read', 'Read my guides, guide assurance and reviews', 'Reviews'),
    action('doctor.run', 'Check derived data against the source records (super admins only)', 'Doctor'),
  ]);
}
