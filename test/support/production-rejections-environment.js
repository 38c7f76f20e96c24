// The database outage tests' environment: Node's, with the product's handling of unhandled database
// rejections active as it is in production (docs/adr/019-database-outage.md: a database-unavailable
// error that code outside the plugin, Strapi's, leaves unhandled is logged and looked into, not
// fatal). Jest gives a test file a copy of `process` whose listeners never hear the real process,
// so the app's own handler (services/database-health.ts) is never called there, and jest fails the
// running test on any unhandled rejection. Here a rejection the product would handle is marked
// handled and kept in `linkageHandledRejections` (the test file can read it); any other still fails
// the test. Seen once in CI: Strapi's document service left a component read unhandled when the
// connection under it was cut.
'use strict';
const path = require('node:path');
const { TestEnvironment } = require('jest-environment-node');

// Compiled by `npm test`'s pretest build, before any test runs: the one classification the product uses.
const { isDatabaseUnavailable } = require(path.join(__dirname, '..', '..', 'src', 'plugins', 'linkage', 'dist', 'server', 'domain', 'database-outage.js'));

class ProductionRejectionsEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.linkageHandledRejections = [];
    this.onUnhandled = (reason, promise) => {
      if (!isDatabaseUnavailable(reason)) return;
      this.global.linkageHandledRejections.push(String((reason && reason.message) || reason));
      // Handled now: Node reports it as handled, and jest takes it off the running test's failures.
      promise.catch(() => undefined);
    };
  }

  async handleTestEvent(event) {
    // After jest has put its own listeners in place (at its setup), and until it takes them away.
    if (event.name === 'run_start') process.on('unhandledRejection', this.onUnhandled);
    if (event.name === 'run_finish') process.off('unhandledRejection', this.onUnhandled);
  }
}

module.exports = ProductionRejectionsEnvironment;
