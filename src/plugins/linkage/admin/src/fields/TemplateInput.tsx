// A site template's body (Liquid over HTML) or styles (CSS), edited with syntax highlighting and
// line numbers instead of a five-line text area.
import { Box, Field } from '@strapi/design-system';
import { useFocusInputField } from '@strapi/strapi/admin';
import CodeMirror from '@uiw/react-codemirror';
import { css, liquidHtml } from '../editor/liquid-language';
import { fieldOf, type CustomFieldProps } from '../editor/field-props';

export default function TemplateInput({ name, label, hint, required, disabled, error, value, onChange, labelAction }: CustomFieldProps<string>) {
  const focus = useFocusInputField(name) as (element: HTMLElement | null) => void;
  const language = fieldOf(name) === 'styles' ? css : liquidHtml;
  return (
    <Field.Root name={name} id={name} error={error} hint={hint} required={required}>
      <Field.Label action={labelAction}>{label}</Field.Label>
      <Box ref={focus} tabIndex={-1} hasRadius borderColor={error ? 'danger600' : 'neutral200'} overflow="hidden" data-linkage-template={name}>
        <CodeMirror
          value={value ?? ''}
          editable={!disabled}
          minHeight="320px"
          maxHeight="70vh"
          extensions={[language]}
          basicSetup={{ lineNumbers: true, foldGutter: false, highlightActiveLine: true, autocompletion: false }}
          onChange={(next) => onChange(name, next)}
        />
      </Box>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}
