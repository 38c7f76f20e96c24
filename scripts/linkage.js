#!/usr/bin/env node
// npm run linkage -- member add --email E --unit CODE [--scope subtree]
// npm run linkage -- member list [--email E] [--unit CODE]
// npm run linkage -- member remove --email E --unit CODE
// npm run linkage -- audit verify
// npm run linkage -- report rebuild
// npm run linkage -- doctor [--repair]
// npm run linkage -- backup FILE
// npm run linkage -- restore FILE
'use strict';
const { backup, restore } = require('./lib/database-backup');
const { run, withStrapi } = require('./lib/headless-strapi');

const usage = `Usage:
  npm run linkage -- member add --email EMAIL --unit CODE [--scope unit|subtree]
  npm run linkage -- member list [--email EMAIL] [--unit CODE]
  npm run linkage -- member remove --email EMAIL --unit CODE
  npm run linkage -- audit verify     check the audit trail's hash chain: exit 0 when intact,
                                      1 naming the first broken entry
  npm run linkage -- report rebuild   recompute the ownership report's per-guide facts (after a
                                      bulk load or direct database edits)
  npm run linkage -- doctor           recompute every derived store (guide facts, expected handlers,
                                      the published snapshot, change-feed coverage, the audit chain,
                                      item health) and list every difference: exit 0 when none, 1 if any
  npm run linkage -- doctor --repair  rebuild what differs, then check again: exit 0 when nothing is
                                      left (a broken audit chain cannot be repaired)
  npm run linkage -- backup FILE      back up the configured database to FILE, a new file (SQLite: an
                                      online backup, consistent while the app writes; Postgres: pg_dump
                                      --format=custom)
  npm run linkage -- restore FILE     restore FILE into the configured database, which must be empty
                                      (SQLite: no file or an empty one; Postgres: a database with no
                                      tables); start the app with the same LINKAGE_AUDIT_KEY
                                      (RELIABILITY.md, "Backup and restore")`;

/** --name value pairs; null when an argument is not of that form. */
function parseOptions(args, allowed) {
  const options = {};
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i].replace(/^--/, '');
    if (!args[i].startsWith('--') || !allowed.includes(name) || args[i + 1] === undefined) return null;
    options[name] = args[i + 1];
  }
  return options;
}

const line = (m) => `${m.unitCode}  ${(m.unitName || '').padEnd(16)}  ${m.scope.padEnd(8)}  ${m.email || `(user ${m.userId})`}`;

/** Walks the whole hash chain, a page at a time, progress on stderr. */
async function verifyAudit(app) {
  const started = Date.now();
  const report = await app
    .plugin('linkage')
    .service('audit')
    .verify({
      onProgress: (checked) => {
        if (checked > 0 && checked % 10000 === 0) console.error(`  ${checked} entries checked (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      },
    });
  const vouched = report.vouched ? `Entries ${report.vouched.from}–${report.vouched.to} are vouched for by the audit key.` : 'No entry is vouched for by the audit key.';
  const unkeyed = report.unkeyed
    ? ` Entries ${report.unkeyed.from}–${report.unkeyed.to} were written before the trail was signed: their order is checked, but anyone who could write the database could have rewritten them.`
    : '';
  if (report.ok) {
    console.log(`Audit trail intact: ${report.entries} entries${report.last ? `, last entry ${report.last.seq} with hash ${report.last.hash}` : ''}.`);
    console.log(`${vouched}${unkeyed}`);
    return 0;
  }
  console.log(`Audit trail broken at entry ${report.firstBroken.seq} (${report.firstBroken.reason}): ${report.firstBroken.message}.`);
  console.log(`${vouched}${unkeyed}`);
  return 1;
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Progress on stderr, one line per store checked. */
const progress = (check) =>
  console.error(
    `  ${check.store}: ${check.checked} checked, ${check.differences === 0 ? 'no difference' : `${check.differences} difference${check.differences === 1 ? '' : 's'}`} (${seconds(check.ms)})`
  );

const differenceLine = (d) => `${d.repairable ? '' : '[cannot be repaired] '}${d.message.en}`;

/** Every derived store recomputed and compared; with --repair, rebuilt where it differs. */
async function doctor(app, repair) {
  const service = app.plugin('linkage').service('doctor');
  console.error('Checking the derived stores against the source records...');
  if (!repair) {
    const report = await service.examine({ onStore: progress });
    for (const d of report.differences) console.log(differenceLine(d));
    console.log(
      report.ok
        ? 'The doctor found nothing: every derived store agrees with the source records.'
        : `The doctor found ${report.differences.length} difference${report.differences.length === 1 ? '' : 's'}.`
    );
    return report.ok ? 0 : 1;
  }
  const result = await service.repair({
    onStore: progress,
    onStep: (step) => console.error(`  repaired ${step.store}: ${step.message.en}`),
  });
  for (const d of result.found) console.log(`found: ${differenceLine(d)}`);
  for (const step of result.steps) console.log(`did: ${step.message.en}`);
  for (const d of result.remaining) console.log(`left: ${differenceLine(d)}`);
  if (result.found.length === 0) console.log('The doctor found nothing to repair.');
  else
    console.log(
      result.ok
        ? 'Repaired: the doctor now finds nothing.'
        : `After the repair the doctor still finds ${result.remaining.length} difference${result.remaining.length === 1 ? '' : 's'}.`
    );
  return result.ok ? 0 : 1;
}

async function main() {
  const [topic, command, ...rest] = process.argv.slice(2);
  if (topic === 'doctor') {
    const args = [command, ...rest].filter((a) => a !== undefined);
    if (args.length > 1 || (args.length === 1 && args[0] !== '--repair')) {
      console.error(usage);
      return 2;
    }
    return withStrapi((app) => doctor(app, args[0] === '--repair'));
  }
  if (topic === 'report') {
    if (command !== 'rebuild' || rest.length > 0) {
      console.error(usage);
      return 2;
    }
    return withStrapi(async (app) => {
      const started = Date.now();
      const n = await app.plugin('linkage').service('guide-facts').rebuildFacts();
      console.log(`Guide facts rebuilt: ${n} guides in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      return 0;
    });
  }
  if (topic === 'backup' || topic === 'restore') {
    if (!command || rest.length > 0) {
      console.error(usage);
      return 2;
    }
    const progress = (message) => console.error(message);
    if (topic === 'backup') await backup(command, progress);
    else {
      await restore(command, progress);
      console.log(
        'Restored. Start the app with the LINKAGE_AUDIT_KEY (and LINKAGE_AUDIT_PREVIOUS_KEYS) of the instance that was backed up, then check: npm run linkage -- doctor'
      );
    }
    return 0;
  }
  if (topic === 'audit') {
    if (command !== 'verify' || rest.length > 0) {
      console.error(usage);
      return 2;
    }
    return withStrapi(verifyAudit);
  }
  const allowed = { add: ['email', 'unit', 'scope'], list: ['email', 'unit'], remove: ['email', 'unit'] }[command];
  const options = topic === 'member' && allowed ? parseOptions(rest, allowed) : null;
  if (!options || ((command === 'add' || command === 'remove') && (!options.email || !options.unit))) {
    console.error(usage);
    return 2;
  }
  return withStrapi(async (app) => {
    const memberships = app.plugin('linkage').service('memberships');
    if (command === 'add') {
      const added = await memberships.add({ email: options.email, unitCode: options.unit, scope: options.scope || 'unit' });
      console.log(`Added: ${line(added)}`);
    } else if (command === 'remove') {
      const removed = await memberships.remove({ email: options.email, unitCode: options.unit });
      console.log(`Removed: ${line(removed)}`);
    } else {
      const list = await memberships.list({ email: options.email, unitCode: options.unit });
      if (list.length === 0) console.log('No memberships.');
      for (const m of list) console.log(line(m));
    }
    return 0;
  });
}

run(main);
