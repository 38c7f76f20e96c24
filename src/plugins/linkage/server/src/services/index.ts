import catalog from './catalog';
import checks from './checks';
import locales from './locales';
import memberships from './memberships';
import store from './store';

export default {
  catalog,
  checks,
  locales,
  memberships,
  store,
};
