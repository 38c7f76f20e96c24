// The admin's language, as the plugin's shared texts (server/src/domain) name it.
import { useIntl } from 'react-intl';
import { asAdminLanguage, type AdminLanguage } from '../../../server/src/domain/admin-language';

export function useAdminLanguage(): AdminLanguage {
  const { locale } = useIntl();
  return asAdminLanguage(locale) ?? 'en';
}
