import catalog from './catalog';
import checks from './checks';
import itemHealth from './item-health';
import locales from './locales';
import memberships from './memberships';
import navigator from './navigator';
import published from './published';
import store from './store';

export default {
  catalog,
  checks,
  'item-health': itemHealth,
  locales,
  memberships,
  navigator,
  published,
  store,
};
