// The national implementation list (实施清单) on the command line (docs/national-list.md):
//   npm run catalog:export -- --format national-list FILE.xlsx|FILE.csv
//   npm run catalog:import -- --format national-list FILE.xlsx|FILE.csv --unit CODE|all [--dry-run] [--language en|zh-Hans]
// A .csv FILE stands for three files: FILE.csv (事项清单), FILE-materials.csv (材料), FILE-steps.csv (办理环节).
// Runs as the system, like the rest of catalog.js: whoever may run it may write any unit's guides.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { withStrapi } = require('./headless-strapi');

const usage = `Usage:
  npm run catalog:export -- --format national-list FILE.xlsx|FILE.csv
      the national implementation list of the published catalog (FILE.csv: also FILE-materials.csv, FILE-steps.csv)
  npm run catalog:import -- --format national-list FILE.xlsx|FILE.csv --unit CODE|all [--dry-run] [--language en|zh-Hans]
      the guides of one unit (or of every unit) from such a list, all or nothing`;

/** True when the arguments ask for the national list (`--format national-list`). */
const wants = (args) => args.some((arg, i) => arg === '--format' && args[i + 1] === 'national-list');

/** The command's options, or a reason they are wrong. */
function parse(args) {
  const [command, ...rest] = args;
  const options = { command, file: null, unit: null, dryRun: false, language: 'en' };
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i];
    if (arg === '--format') i += 1;
    else if (arg === '--unit' && command === 'import') options.unit = rest[(i += 1)];
    else if (arg === '--language' && command === 'import') options.language = rest[(i += 1)];
    else if (arg === '--dry-run' && command === 'import') options.dryRun = true;
    else if (!arg.startsWith('--') && options.file === null) options.file = arg;
    else return { error: `unexpected argument ${JSON.stringify(arg)}` };
  }
  if (!['import', 'export'].includes(command)) return { error: `no command ${JSON.stringify(command)}` };
  if (!options.file || !/\.(xlsx|csv)$/i.test(options.file)) return { error: 'FILE must end in .xlsx or .csv' };
  if (command === 'import' && !/^(\d{12}|all)$/.test(options.unit || '')) return { error: '--unit must be a 12-digit unit code or all' };
  if (!['en', 'zh-Hans'].includes(options.language)) return { error: '--language must be en or zh-Hans' };
  return { options };
}

const counts = (c) => `${c.create} new, ${c.update} changed, ${c.unchanged} unchanged`;

async function main(args) {
  const parsed = parse(args);
  if (parsed.error) {
    console.error(`${parsed.error}\n${usage}`);
    return 2;
  }
  const { command, file, unit, dryRun, language } = parsed.options;
  const progress = (message) => console.error(message);
  return withStrapi(async (app) => {
    const list = app.plugin('linkage').service('national-list');
    if (command === 'export') {
      const { sheets, files } = await list.writeList(path.resolve(file));
      progress(`Exported ${sheets.map((s) => `${s.rows.length} ${s.name} rows`).join(', ')} to ${files.map((f) => path.relative(process.cwd(), f)).join(', ')}`);
      return 0;
    }
    const missing = list.listFiles(path.resolve(file)).filter((f) => !fs.existsSync(f));
    if (missing.length > 0) {
      console.error(`Cannot read ${missing.join(', ')}: no such file`);
      return 1;
    }
    progress(`Reading ${file}...`);
    let summary;
    try {
      summary = await list.importList(await list.readList(path.resolve(file)), { unit, dryRun, onProgress: progress });
    } catch (error) {
      if (error && error.name === 'NationalListRejected') {
        console.error(
          language === 'zh-Hans'
            ? `未导入实施清单（${error.problems.length} 处问题，未写入任何内容）：`
            : `The national list was not imported (${error.problems.length === 1 ? '1 problem' : `${error.problems.length} problems`}; nothing was written):`
        );
        for (const p of error.problems) console.error(`  - ${(p.text && p.text[language]) || p.message}`);
        return 1;
      }
      throw error;
    }
    console.log(dryRun ? `Dry run of ${file}: nothing was written. The import would make:` : `Imported ${file}:`);
    console.log(`  units read             ${summary.units.length === 1 ? summary.units[0] : summary.units.length}`);
    console.log(`  guides                 ${counts(summary.guides)}`);
    console.log(`  reviews recorded       ${summary.reviewsAdded}`);
    console.log(`  rows of other units    ${summary.otherUnitRows} (left alone)`);
    if (summary.unlisted.length > 0) console.log(`  not in the list, kept  ${summary.unlisted.join(', ')}`);
    if (summary.complaintCells > 0) console.log(`  监督投诉方式 in ${summary.complaintCells} rows not imported: Linkage keeps no such field`);
    return 0;
  });
}

module.exports = { wants, main, usage };
