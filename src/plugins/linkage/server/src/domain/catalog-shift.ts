// The demo keeps its picture (who is overdue, by how much) whatever day it is seeded: every date
// moves by the days between the catalog's reference date and today.
import type { Catalog } from './catalog-format';
import { addDays, daysBetween } from './dates';

export function shiftCatalogDates(catalog: Catalog, today: string): Catalog {
  if (!catalog.referenceDate) return catalog;
  const days = daysBetween(catalog.referenceDate, today);
  if (days === 0) return catalog;
  const shift = (date: string | undefined) => (date === undefined ? undefined : addDays(date, days));
  return {
    ...catalog,
    referenceDate: today,
    items: catalog.items.map((item) => (item.lastReviewedAt ? { ...item, lastReviewedAt: shift(item.lastReviewedAt) } : item)),
    guides: catalog.guides.map((guide) => (guide.lastReviewedAt ? { ...guide, lastReviewedAt: shift(guide.lastReviewedAt) } : guide)),
  };
}
