// An enumeration shown by its values' names (区(市)级, not "district"), in the admin's language.
import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useFocusInputField } from '@strapi/strapi/admin';
import { choiceName } from '../../../server/src/domain/field-names';
import { fieldOf, type CustomFieldProps } from '../editor/field-props';
import { useAdminLanguage } from '../editor/language';

export default function ChoiceInput({ name, label, hint, required, disabled, error, value, onChange, attribute, labelAction }: CustomFieldProps<string>) {
  const language = useAdminLanguage();
  const field = fieldOf(name);
  const focus = useFocusInputField(name) as (element: HTMLElement | null) => void;
  return (
    <Field.Root name={name} id={name} error={error} hint={hint} required={required}>
      <Field.Label action={labelAction}>{label}</Field.Label>
      <SingleSelect
        ref={focus}
        value={value ?? undefined}
        disabled={disabled}
        onChange={(next) => onChange(name, next === '' ? null : String(next))}
        onClear={required ? undefined : () => onChange(name, null)}
      >
        {(attribute.enum ?? []).map((option) => (
          <SingleSelectOption key={option} value={option}>
            {choiceName(field, option, language)}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}
