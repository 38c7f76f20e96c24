// The national implementation list (实施清单, docs/national-list.md): exported from the stored catalog,
// and imported for one unit's guides (or every unit's) through the catalog import, which writes
// them as the admin would, through the write pipeline: checks, ownership, audit trail, change feed.
import type { Core } from '@strapi/strapi';
import { CATALOG_FORMAT, type Catalog } from '../domain/catalog-format';
import { CatalogRejected } from '../domain/catalog-rejection';
import { Invalid } from '../domain/failures';
import { NationalListRejected, problemsInList, readNationalList, type InputSheet } from '../domain/national-list-import';
import { LIST_LOCALE, nationalList, type SheetTable } from '../domain/national-list';
import { problem } from '../domain/problems';
import { getService } from '../get-service';
import type { ChangeCounts } from './catalog';
import { takeImportLock } from './import-lock';
import { csvFiles, listFileFormat, readCsvFiles, readWorkbook, writeCsvFiles, writeWorkbook } from './national-list-files';

export interface ListImportOptions {
  /** A unit code, or `all` (ALL_UNITS): whose rows are imported. */
  readonly unit: string;
  readonly dryRun?: boolean;
  readonly onProgress?: (message: string) => void;
}

export interface ListImportSummary {
  readonly dryRun: boolean;
  readonly units: readonly string[];
  readonly guides: ChangeCounts;
  readonly reviewsAdded: number;
  readonly otherUnitRows: number;
  readonly unlisted: readonly string[];
  readonly complaintCells: number;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const catalog = () => getService(strapi, 'catalog');

  const formatOf = (file: string) => {
    const format = listFileFormat(file);
    if (!format) throw new Invalid([problem(['file'], `must end in .xlsx (a workbook) or .csv (three CSV files), got ${JSON.stringify(file)}`)]);
    return format;
  };

  const exportList = async (): Promise<SheetTable[]> => nationalList(await catalog().exportCatalog());

  return {
    exportList,

    /** Writes the list to FILE.xlsx, or to FILE.csv, FILE-materials.csv and FILE-steps.csv; returns the sheets and the files written. */
    async writeList(file: string): Promise<{ sheets: SheetTable[]; files: string[] }> {
      const format = formatOf(file);
      const sheets = await exportList();
      if (format === 'csv') return { sheets, files: await writeCsvFiles(file, sheets) };
      await writeWorkbook(file, sheets);
      return { sheets, files: [file] };
    },

    /** The sheets of a list file (a workbook, or the three CSV files FILE.csv names). */
    async readList(file: string): Promise<InputSheet[]> {
      return formatOf(file) === 'csv' ? readCsvFiles(file) : readWorkbook(file);
    },

    /** The files a list named FILE is made of. */
    listFiles(file: string): string[] {
      return formatOf(file) === 'csv' ? csvFiles(file).map((f) => f.file) : [file];
    },

    /**
     * Imports the guides of one unit (or of all) from the sheets of a national list, all or nothing.
     * Throws NationalListRejected, naming every problem's sheet, row and column; then nothing is written.
     */
    async importList(sheets: readonly InputSheet[], options: ListImportOptions): Promise<ListImportSummary> {
      const progress = options.onProgress ?? (() => undefined);
      // One transaction: the list is read against the catalog it is written into, under the import
      // lock (which the catalog import takes again, in the same transaction).
      return strapi.db.transaction(async () => {
        if (!options.dryRun) await takeImportLock(strapi, () => progress('Waiting for another import to finish (it holds the import lock)...'));
        const stored: Catalog = await catalog().exportCatalog();
        const reading = readNationalList(sheets, stored, options.unit);
        if (reading.problems.length > 0) throw new NationalListRejected(reading.problems);
        progress(`Read ${reading.guides.length} guides of ${reading.units.length} units; ${reading.otherUnitRows} rows of other units left alone`);
        // The Chinese texts only, as an editor saving the Chinese page of each guide: the other
        // locales keep their texts, and take the new structure as the pipeline carries it.
        const file: Catalog = {
          format: CATALOG_FORMAT,
          defaultLocale: LIST_LOCALE,
          locales: [LIST_LOCALE],
          units: [],
          departments: [],
          items: [],
          guides: [...reading.guides],
        };
        try {
          const summary = await catalog().importCatalog(file, { dryRun: options.dryRun, onProgress: progress });
          return {
            dryRun: summary.dryRun,
            units: reading.units,
            guides: summary.guides,
            reviewsAdded: summary.reviewsAdded,
            otherUnitRows: reading.otherUnitRows,
            unlisted: reading.unlisted,
            complaintCells: reading.complaintCells,
          };
        } catch (error) {
          if (error instanceof CatalogRejected) throw new NationalListRejected(problemsInList(error.problems, reading.origins));
          throw error;
        }
      });
    },
  };
};
