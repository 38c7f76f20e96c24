// What would stop an item from being published: GET /linkage/items/:documentId/checks and
// POST /linkage/items/checks.

export interface CheckProblem {
  /** The problem's path in the item, as text (`stages[2].handler`). */
  path: string;
  /** The form field it belongs to. */
  field: string;
  /** The short English reason. */
  message: string;
  /** The sentence in the admin's language. */
  text: string;
}

export interface ItemChecks {
  documentId: string | null;
  locale: string;
  publishable: boolean;
  problems: CheckProblem[];
  warnings: CheckProblem[];
}
