// List views show an enumeration's values by name (区(市)级, not "district"), in the admin's language.
import { Typography } from '@strapi/design-system';
import { choiceName } from '../../../server/src/domain/field-names';
import { useAdminLanguage } from './language';

interface Header {
  name: string;
  attribute: { customField?: string };
  cellFormatter?: (data: Record<string, unknown>, header: Header) => React.ReactNode;
}

function ChoiceCell({ field, value }: { field: string; value: unknown }) {
  const language = useAdminLanguage();
  return <Typography textColor="neutral800">{typeof value === 'string' ? choiceName(field, value, language) : '-'}</Typography>;
}

export function nameChoiceColumns({ displayedHeaders, layout }: { displayedHeaders: Header[]; layout: unknown }) {
  return {
    layout,
    displayedHeaders: displayedHeaders.map((header) =>
      header.attribute?.customField === 'plugin::linkage.choice' ? { ...header, cellFormatter: (data: Record<string, unknown>) => <ChoiceCell field={header.name} value={data[header.name]} /> } : header
    ),
  };
}
