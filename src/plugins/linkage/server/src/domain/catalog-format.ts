// The catalog exchange format `linkage-catalog/1` (JSON Schema: catalog/linkage-catalog-1.schema.json).
// Records name each other by code; texts are objects keyed by locale.
import type { Level } from './levels';

export const CATALOG_FORMAT = 'linkage-catalog/1';

export type LocaleCode = string;
export type LocalizedText = Readonly<Record<LocaleCode, string>>;
/** A JSON Logic rule (or a literal, which is a valid rule too). */
export type JsonLogic = unknown;

export type PublicationStatus = 'draft' | 'published';

export interface CatalogUnit {
  code: string;
  level: Level;
  kind: string;
  parent: string | null;
  name: LocalizedText;
  siteUrl?: string | null;
  note?: string;
}

export interface CatalogDepartment {
  code: string;
  kind: string;
  unit: string;
  name: LocalizedText;
  phone?: string | null;
  address?: LocalizedText;
  hours?: LocalizedText;
  note?: string;
}

export interface CatalogOption {
  value: string;
  label: LocalizedText;
}

export type QuestionKind = 'core' | 'auxiliary';
export type QuestionType = 'choice' | 'boolean' | 'unit';

export interface CatalogQuestion {
  key: string;
  kind: QuestionKind;
  type: QuestionType;
  label: LocalizedText;
  options?: CatalogOption[];
  answerLevel?: Level;
  within?: string;
}

export interface FixedHandler {
  unit: string;
  department: string;
}

export interface AnswerHandler {
  fromAnswer: string;
  level: Level;
  departmentKind: string;
}

export type StageHandler = FixedHandler | AnswerHandler;

export interface CatalogStage {
  key: string;
  order: number;
  level: Level;
  name: LocalizedText;
  handler: StageHandler;
  appliesWhen: JsonLogic;
}

export interface CatalogPolicy {
  title: LocalizedText;
  url?: string | null;
}

export interface CatalogItem {
  code: string;
  slug?: string;
  status?: PublicationStatus;
  domain: string;
  managingUnit: string;
  managingDepartment: string;
  title: LocalizedText;
  summary?: LocalizedText;
  policies?: CatalogPolicy[];
  questions: CatalogQuestion[];
  stages: CatalogStage[];
  lastReviewedAt?: string;
  note?: string;
}

export interface CatalogMaterial {
  name: LocalizedText;
  original?: number;
  copies?: number;
  required?: boolean;
  when?: JsonLogic;
  blankForm?: string;
}

export interface TimeLimit {
  statutoryDays?: number;
  promisedDays?: number;
}

export interface CatalogGuide {
  item: string;
  stage: string;
  unit: string;
  department: string;
  status?: PublicationStatus;
  lastReviewedAt?: string;
  conditions?: LocalizedText;
  /** Absent: not filled in. Empty: filled in, the stage needs no materials. */
  materials?: CatalogMaterial[];
  timeLimit?: TimeLimit;
  fee?: LocalizedText;
  onlineUrl?: string;
  address?: LocalizedText;
  phone?: string;
  hours?: LocalizedText;
  note?: string;
}

export type RuleScope = 'item' | 'guide' | 'template' | 'unit';

export interface CatalogRule {
  key: string;
  scope: RuleScope;
  level?: Level;
  domain?: string;
  /** `owner` (the record's owner) unless a responsible department is named. */
  responsible?: 'owner' | 'department';
  responsibleDepartment?: string;
  reviewEveryDays: number;
  description?: LocalizedText;
}

export interface GuideSpecRecord {
  required: string[];
  note?: string;
}

export interface Catalog {
  format: typeof CATALOG_FORMAT;
  about?: string;
  referenceDate?: string;
  defaultLocale: LocaleCode;
  locales: LocaleCode[];
  levels?: Level[];
  units: CatalogUnit[];
  departments: CatalogDepartment[];
  items: CatalogItem[];
  guideSpec?: GuideSpecRecord;
  guides: CatalogGuide[];
  responsibilityRules?: CatalogRule[];
}

export const isFixedHandler = (handler: unknown): handler is FixedHandler => typeof handler === 'object' && handler !== null && 'unit' in handler;

export const isAnswerHandler = (handler: unknown): handler is AnswerHandler => typeof handler === 'object' && handler !== null && 'fromAnswer' in handler;

/** A guide's identity: at most one guide per (item, stage, unit). */
export const guideKey = (guide: { item: string; stage: string; unit: string }): string => `${guide.item}/${guide.stage}/${guide.unit}`;
