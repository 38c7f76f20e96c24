// Memberships of admin users in units: GET/POST /linkage/memberships, DELETE /linkage/memberships/:documentId.

export interface Membership {
  id: number;
  documentId: string;
  userId: number;
  email: string | null;
  unitCode: string;
  unitName: string | null;
  scope: 'unit' | 'subtree';
}
