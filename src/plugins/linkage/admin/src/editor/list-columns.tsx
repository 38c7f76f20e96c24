// List views show values by name, in the admin's language: an enumeration's (区(市)级, not
// "district"), a department's type (社会保险经办机构, not "SI") and an item's domain (社会保障).
import { Typography } from '@strapi/design-system';
import { choiceName } from '../../../server/src/domain/field-names';
import { departmentKindName, domainName } from '../../../server/src/domain/vocabulary';
import { useAdminLanguage } from './language';

interface Header {
  name: string;
  attribute: { customField?: string };
  cellFormatter?: (data: Record<string, unknown>, header: Header) => React.ReactNode;
}

type Naming = 'choice' | 'departmentKind' | 'domain';

function NamedCell({ naming, field, value }: { naming: Naming; field: string; value: unknown }) {
  const language = useAdminLanguage();
  if (typeof value !== 'string') return <Typography textColor="neutral800">-</Typography>;
  const name = naming === 'choice' ? choiceName(field, value, language) : naming === 'departmentKind' ? departmentKindName(value, language) : domainName(value, language);
  return <Typography textColor="neutral800">{name}</Typography>;
}

/** How a column's values are named: a plugin enumeration, or the two plain string codes editors meet in lists. */
const namingOf = (header: Header): Naming | null => {
  if (header.attribute?.customField === 'plugin::linkage.choice') return 'choice';
  if (header.attribute?.customField) return null;
  if (header.name === 'kind') return 'departmentKind';
  if (header.name === 'domain') return 'domain';
  return null;
};

export function nameChoiceColumns({ displayedHeaders, layout }: { displayedHeaders: Header[]; layout: unknown }) {
  return {
    layout,
    displayedHeaders: displayedHeaders.map((header) => {
      const naming = window.location.pathname.includes('/plugin::linkage.') ? namingOf(header) : null;
      return naming ? { ...header, cellFormatter: (data: Record<string, unknown>) => <NamedCell naming={naming} field={header.name} value={data[header.name]} /> } : header;
    }),
  };
}
