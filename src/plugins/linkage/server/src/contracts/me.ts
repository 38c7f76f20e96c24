// GET /linkage/me: the signed-in admin's linkage roles and the units their memberships cover.

export interface Me {
  email: string;
  isSuperAdmin: boolean;
  isCityManager: boolean;
  isAuditor: boolean;
  /** Each unit's name by locale. */
  units: Array<{ code: string; level: string; name: Record<string, string> }>;
}
