// One control inside a custom field, with its own label: the field's outer label names the field,
// this one names the part (a condition's question, comparison, value), for screen readers and, when
// `shown`, on screen, with a hint below when given. Each part gets its own id, so no two controls of a form share one.
import type { ReactNode } from 'react';
import { Field, VisuallyHidden } from '@strapi/design-system';

export function Labelled({ id, label, hint, shown = false, children }: { id: string; label: string; hint?: string; shown?: boolean; children: ReactNode }) {
  return (
    <Field.Root name={id} id={id} hint={hint}>
      {shown ? (
        <Field.Label>{label}</Field.Label>
      ) : (
        <VisuallyHidden>
          <Field.Label>{label}</Field.Label>
        </VisuallyHidden>
      )}
      {children}
      {hint ? <Field.Hint /> : null}
    </Field.Root>
  );
}
