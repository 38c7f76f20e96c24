// The published catalog (or one item of it) as CPSV-AP 3.2.0 JSON-LD (domain/cpsv-ap.ts), written a
// node at a time: the areas and departments from the published snapshot, then each item's guides
// read one stage at a time as they are written, so that a Qingdao-scale catalog streams in flat
// memory. The HTTP export and `npm run catalog:export -- --format cpsv-ap` both read it here.
import type { Core } from '@strapi/strapi';
import type { CatalogItem } from '../domain/catalog-format';
import {
  DOCUMENT_HEAD,
  DOCUMENT_TAIL,
  NODE_SEPARATOR,
  areaNode,
  areasWithAncestors,
  cpsvApEtag,
  departmentNode,
  guideNode,
  itemNodes,
  stagePositions,
  type CpsvApFacts,
  type JsonLdNode,
} from '../domain/cpsv-ap';
import { NotFound } from '../domain/failures';
import { resourceIris } from '../domain/resource-iris';
import { getService } from '../get-service';
import type { Snapshot } from './published';

export interface CpsvApExport {
  /** Weak (domain/cpsv-ap.ts cpsvApEtag). */
  readonly etag: string;
  readonly lastModified: Date;
  /** The document's text, in chunks of about CHUNK characters; read once. */
  readonly chunks: AsyncIterable<string>;
}

/** Nodes are gathered into chunks of about this many characters before they are handed on. */
const CHUNK = 64 * 1024;

const byCode = <T extends { code: string }>(records: Iterable<T>): T[] => [...records].sort((a, b) => a.code.localeCompare(b.code));

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const published = () => getService(strapi, 'published');

  /** An item by any locale's slug, or by its code. */
  function itemNamed(snapshot: Snapshot, name: string): CatalogItem {
    const item = snapshot.items.get(snapshot.slugs.get(name) ?? name);
    if (!item) throw new NotFound(`No published linked item has the slug or code "${name}"`, 'item');
    return item;
  }

  async function* nodes(snapshot: Snapshot, facts: CpsvApFacts, only: CatalogItem | null): AsyncGenerator<JsonLdNode> {
    if (!only) {
      for (const unit of byCode(snapshot.units.values())) yield areaNode(unit, facts);
      for (const department of byCode(snapshot.departments.values())) yield departmentNode(department, facts);
    }
    // One item's export holds the departments and areas it names, and the areas above them.
    const departments = new Set<string>(only ? [only.managingDepartment] : []);
    const areas = new Set<string>(only ? [only.managingUnit] : []);
    for (const item of only ? [only] : byCode(snapshot.items.values())) {
      const guideIris: string[] = [];
      for (const { stage } of stagePositions(item).values()) {
        for (const guide of await published().stageGuides(item.code, stage.key, snapshot.locales)) {
          const node = guideNode(guide, item, facts);
          guideIris.push(node['@id']);
          departments.add(guide.department);
          areas.add(guide.unit);
          yield node;
        }
      }
      yield* itemNodes(item, guideIris, facts);
    }
    if (!only) return;
    for (const code of [...departments].sort()) {
      const department = snapshot.departments.get(code);
      if (!department) continue;
      areas.add(department.unit);
      yield departmentNode(department, facts);
    }
    for (const code of areasWithAncestors(areas, snapshot.units)) {
      const unit = snapshot.units.get(code);
      if (unit) yield areaNode(unit, facts);
    }
  }

  async function* text(source: AsyncIterable<JsonLdNode>): AsyncGenerator<string> {
    let chunk = DOCUMENT_HEAD;
    let first = true;
    for await (const node of source) {
      chunk += `${first ? '' : NODE_SEPARATOR}${JSON.stringify(node)}`;
      first = false;
      if (chunk.length >= CHUNK) {
        yield chunk;
        chunk = '';
      }
    }
    yield `${chunk}${DOCUMENT_TAIL}`;
  }

  return {
    /**
     * The export of the published catalog, or of one item (by slug or code: a NotFound when no
     * published item has it). Reads the change feed's head before anything is sent, so a database
     * that cannot be reached is refused (a 503) rather than a stream cut short.
     */
    async open(options: { readonly item?: string } = {}): Promise<CpsvApExport> {
      const snapshot = await published().snapshot();
      const only = options.item === undefined ? null : itemNamed(snapshot, options.item);
      const baseUrl = String(strapi.config.get('plugin::linkage.baseUrl'));
      const changeHead = await getService(strapi, 'changes').head();
      const facts: CpsvApFacts = { iris: resourceIris(baseUrl), locales: snapshot.locales, units: snapshot.units, departments: snapshot.departments };
      return {
        etag: cpsvApEtag({ baseUrl, locales: snapshot.locales, changeHead, itemCode: only?.code ?? null }),
        lastModified: snapshot.changedAt,
        chunks: text(nodes(snapshot, facts, only)),
      };
    },
  };
};
