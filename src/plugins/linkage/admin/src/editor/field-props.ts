// The props the Content Manager gives a custom field's input (InputRenderer, for custom fields).
export interface CustomFieldProps<Value> {
  name: string;
  label: string;
  hint?: React.ReactNode;
  required?: boolean;
  disabled?: boolean;
  error?: string;
  value: Value | undefined | null;
  onChange: (name: string, value: unknown) => void;
  attribute: { type: string; customField: string; enum?: string[]; options?: { refers?: string } };
  labelAction?: React.ReactNode;
}

/** The last part of a field's name: `stages.1.level` → `level`. */
export const fieldOf = (name: string): string => name.split('.').pop() ?? name;

/** The name of a sibling field in the same component: `stages.1.handler` + `level` → `stages.1.level`. */
export const siblingOf = (name: string, field: string): string => [...name.split('.').slice(0, -1), field].join('.');
