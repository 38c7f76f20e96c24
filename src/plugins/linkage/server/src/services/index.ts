import assurance from './assurance';
import audit from './audit';
import catalog from './catalog';
import changes from './changes';
import checks from './checks';
import clusterNotifications from './cluster-notifications';
import cpsvAp from './cpsv-ap';
import databaseHealth from './database-health';
import doctor from './doctor';
import editVersions from './edit-versions';
import editorChoices from './editor-choices';
import editorConfiguration from './editor-configuration';
import expectedHandlers from './expected-handlers';
import guideFacts from './guide-facts';
import guideTitles from './guide-titles';
import itemHealth from './item-health';
import locales from './locales';
import memberships from './memberships';
import nationalList from './national-list';
import navigator from './navigator';
import ownershipReport from './ownership-report';
import preview from './preview';
import published from './published';
import renderCache from './render-cache';
import renderer from './renderer';
import readiness from './readiness';
import reviews from './reviews';
import sites from './sites';
import store from './store';
import unitLabels from './unit-labels';

export default {
  assurance,
  audit,
  catalog,
  changes,
  checks,
  'cluster-notifications': clusterNotifications,
  'cpsv-ap': cpsvAp,
  'database-health': databaseHealth,
  doctor,
  'edit-versions': editVersions,
  'editor-choices': editorChoices,
  'editor-configuration': editorConfiguration,
  'expected-handlers': expectedHandlers,
  'guide-facts': guideFacts,
  'guide-titles': guideTitles,
  'item-health': itemHealth,
  locales,
  memberships,
  'national-list': nationalList,
  navigator,
  'ownership-report': ownershipReport,
  preview,
  published,
  readiness,
  reviews,
  'render-cache': renderCache,
  renderer,
  sites,
  store,
  'unit-labels': unitLabels,
};
