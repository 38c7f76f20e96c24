#!/usr/bin/env node
// npm run linkage -- member add --email E --unit CODE [--scope subtree]
// npm run linkage -- member list [--email E] [--unit CODE]
// npm run linkage -- member remove --email E --unit CODE
// npm run linkage -- audit verify
// npm run linkage -- report rebuild
'use strict';
const { run, withStrapi } = require('./lib/headless-strapi');

const usage = `Usage:
  npm run linkage -- member add --email EMAIL --unit CODE [--scope unit|subtree]
  npm run linkage -- member list [--email EMAIL] [--unit CODE]
  npm run linkage -- member remove --email EMAIL --unit CODE
  npm run linkage -- audit verify     check the audit trail's hash chain: exit 0 when intact,
                                      1 naming the first broken entry
  npm run linkage -- report rebuild   recompute the ownership report's per-guide facts (after a
                                      bulk load or direct database edits)`;

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
  const report = await app.plugin('linkage').service('audit').verify({
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

async function main() {
  const [topic, command, ...rest] = process.argv.slice(2);
  if (topic === 'report') {
    if (command !== 'rebuild' || rest.length > 0) {
      console.error(usage);
      return 2;
    }
    return withStrapi(async (app) => {
      const started = Date.now();
      const n = await app.plugin('linkage').service('ownership-report').rebuildFacts();
      console.log(`Guide facts rebuilt: ${n} guides in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      return 0;
    });
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
