import catalog from './catalog';
import changes from './changes';
import checks from './checks';
import itemHealth from './item-health';
import locales from './locales';
import memberships from './memberships';
import navigator from './navigator';
import published from './published';
import renderCache from './render-cache';
import sites from './sites';
import store from './store';

export default {
  catalog,
  changes,
  checks,
  'item-health': itemHealth,
  locales,
  memberships,
  navigator,
  published,
  'render-cache': renderCache,
  sites,
  store,
};
