import hasAction from './has-action';

export default {
  'has-action': hasAction,
};
