import catalog from './catalog';
import checks from './checks';
import locales from './locales';
import store from './store';

export default {
  catalog,
  checks,
  locales,
  store,
};
