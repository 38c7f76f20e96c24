// A guide's fields as a reader sees them in one locale: the one projection shared by the route
// view (the navigator's answer) and the site view (a unit's item page), so that both show a guide
// the same way. Each view adds what is its own: the route a link and materials that apply to the
// answers, the site each material's condition and blank form.
import type { CatalogGuide, CatalogMaterial } from './catalog-format';
import { guideStatus, type GuideStatus } from './completeness';
import { webUrlOrNull } from './links';
import { fieldName } from './site-strings';
import { textIn } from './vocabulary';
import { stampIn, type Stamped } from './record-stamps';

export interface GuideProjectionFacts {
  /** The guide spec's required fields. */
  readonly spec: readonly string[];
  readonly locales: readonly string[];
  readonly locale: string;
}

/** Whether the guide is there and complete, and what it lacks, named in the locale. */
export function guideState(guide: CatalogGuide | undefined, facts: GuideProjectionFacts) {
  const { status, missing } = guideStatus(guide, facts.spec, facts.locales);
  return { status: status as GuideStatus, missingFields: missing, missingFieldNames: missing.map((field) => fieldName(field, facts.locale)) };
}

/** What every view of a material shows. */
export const materialFields = (m: CatalogMaterial, locale: string) => ({
  name: textIn(m.name, locale),
  original: m.original ?? null,
  copies: m.copies ?? null,
  required: m.required ?? true,
  blankForm: m.blankForm ?? null,
});

/** The guide's fields in the locale, its materials as the view shows them. */
export function guideFields<M>(guide: CatalogGuide & Stamped, locale: string, materials: M) {
  return {
    ...stampIn(guide, locale),
    conditions: textIn(guide.conditions, locale) || null,
    materials,
    timeLimit: guide.timeLimit ?? null,
    fee: textIn(guide.fee, locale) || null,
    onlineUrl: webUrlOrNull(guide.onlineUrl),
    address: textIn(guide.address, locale) || null,
    hours: textIn(guide.hours, locale) || null,
    phone: guide.phone ?? null,
  };
}
