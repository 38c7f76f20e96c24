import itemChecks from './item-checks';

export default {
  'item-checks': itemChecks,
};
