// The audit trail: GET /linkage/audit (entries, newest first) and GET /linkage/audit/verify.

/** A field written: its name, or with the values before and after for the fields that say them. */
export type AuditField = string | { field: string; from: string | null; to: string | null };

export interface AuditEntry {
  seq: number;
  at: string;
  userId: number | null;
  userEmail: string | null;
  unitCode: string | null;
  action: string;
  subjectUid: string;
  subjectDocumentId: string | null;
  subjectKey: string | null;
  subjectLocale: string | null;
  fields: readonly AuditField[];
}

export interface AuditPagination {
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
}

export interface AuditVerifyReport {
  ok: boolean;
  entries: number;
  firstBroken: { seq: number; reason: string; message: string } | null;
}
