import itemChecks from './item-checks';
import me from './me';
import memberships from './memberships';

export default {
  'item-checks': itemChecks,
  me,
  memberships,
};
