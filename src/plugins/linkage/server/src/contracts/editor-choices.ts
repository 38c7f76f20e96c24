// What the edit forms choose from: GET /linkage/editor/units, /departments, /items, /items/:code.

export interface EditorUnit {
  code: string;
  name: string;
  level: string;
  kind: string;
  parentCode: string | null;
}

export interface EditorDepartment {
  code: string;
  name: string;
  unitCode: string;
  kind: string;
  kindName: string;
}

export interface EditorItemSummary {
  code: string;
  title: string;
}

export interface EditorOption {
  value: string;
  label: string;
}

export interface EditorQuestion {
  key: string;
  kind: string;
  type: string;
  label: string;
  answerLevel: string | null;
  within: string | null;
  options: EditorOption[];
}

export interface EditorStage {
  key: string;
  name: string;
  level: string;
  handler: unknown;
  appliesWhen: unknown;
}

export interface EditorItem {
  code: string;
  title: string;
  questions: EditorQuestion[];
  stages: EditorStage[];
}
