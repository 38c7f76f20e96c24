// The Content Manager shows a field's description as a plain string; the plugin's fields explain
// themselves in the admin's language instead (domain/field-names.ts), through the Content Manager's
// hook for changing the edit view's layout.
import type { ReactNode } from 'react';
import { FIELD_NAMES } from '../../../server/src/domain/field-names';
import { useAdminLanguage } from './language';

function FieldHint({ uid, field }: { uid: string; field: string }) {
  const language = useAdminLanguage();
  return <>{FIELD_NAMES[uid]?.[field]?.description[language] ?? null}</>;
}

interface LayoutField {
  name: string;
  hint?: ReactNode;
}

interface EditLayout {
  layout: LayoutField[][][];
  components: Record<string, { layout: LayoutField[][] }>;
}

/** The content type of the page: the Content Manager's route holds it (`.../collection-types/:uid/...`). */
const modelOfPage = (): string | null => /\/(?:collection|single)-types\/([^/?#]+)/.exec(window.location.pathname)?.[1] ?? null;

const withHint =
  (uid: string) =>
  (field: LayoutField): LayoutField =>
    FIELD_NAMES[uid]?.[field.name] ? { ...field, hint: <FieldHint uid={uid} field={field.name} /> } : field;

export function explainFields({ layout, query }: { layout: EditLayout; query: unknown }): { layout: EditLayout; query: unknown } {
  const model = modelOfPage();
  const components = Object.fromEntries(
    Object.entries(layout.components).map(([uid, component]) => [
      uid,
      uid.startsWith('linkage.') ? { ...component, layout: component.layout.map((row) => row.map(withHint(uid))) } : component,
    ])
  );
  const panels = model && model.startsWith('plugin::linkage.') ? layout.layout.map((panel) => panel.map((row) => row.map(withHint(model)))) : layout.layout;
  return { layout: { ...layout, layout: panels, components }, query };
}
