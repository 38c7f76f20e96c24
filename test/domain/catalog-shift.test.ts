import { shiftCatalogDates } from '../../src/plugins/linkage/server/src/domain/catalog-shift';
import { addDays } from '../../src/plugins/linkage/server/src/domain/dates';
import { loadDemo } from './demo-fixtures';

describe('shiftCatalogDates', () => {
  it('moves the reference date and every lastReviewedAt by the days between the reference date and today', () => {
    const demo = loadDemo();
    expect(demo.referenceDate).toBe('2026-11-27');
    const shifted = shiftCatalogDates(demo, '2027-01-06');
    expect(shifted.referenceDate).toBe('2027-01-06');
    expect(shifted.items.map((i) => i.lastReviewedAt)).toEqual(demo.items.map((i) => addDays(i.lastReviewedAt as string, 40)));
    expect(shifted.guides.map((g) => g.lastReviewedAt)).toEqual(demo.guides.map((g) => addDays(g.lastReviewedAt as string, 40)));
    // The overdue guides keep their lag: 崂山区's retirement approval was reviewed 2025-09-01.
    expect(shifted.guides[6].lastReviewedAt).toBe('2025-10-11');
    expect(shifted.items[0].lastReviewedAt).toBe('2026-11-24');
  });

  it('moves dates backwards when today is before the reference date', () => {
    const shifted = shiftCatalogDates(loadDemo(), '2026-11-17');
    expect(shifted.referenceDate).toBe('2026-11-17');
    expect(shifted.guides[71].lastReviewedAt).toBe('2025-08-22');
    expect(shifted.guides[0].lastReviewedAt).toBe('2026-10-05');
  });

  it('changes nothing but the dates and does not modify its input', () => {
    const demo = loadDemo();
    const before = JSON.stringify(demo);
    const shifted = shiftCatalogDates(demo, '2027-01-06');
    expect(JSON.stringify(demo)).toBe(before);
    expect(shifted.units).toBe(demo.units);
    expect(shifted.departments).toBe(demo.departments);
    const undated = (g: object) => Object.fromEntries(Object.entries(g).filter(([k]) => k !== 'lastReviewedAt'));
    expect(shifted.guides.map(undated)).toEqual(demo.guides.map(undated));
    expect(shifted.items.map(undated)).toEqual(demo.items.map(undated));
  });

  it('leaves records without a review date as they are', () => {
    const demo = loadDemo();
    delete demo.guides[5].lastReviewedAt;
    const shifted = shiftCatalogDates(demo, '2027-01-06');
    expect(shifted.guides[5]).toBe(demo.guides[5]);
    expect(shifted.guides[5].lastReviewedAt).toBeUndefined();
  });

  it('returns the same object when today is the reference date', () => {
    const demo = loadDemo();
    expect(shiftCatalogDates(demo, '2026-11-27')).toBe(demo);
  });

  it('returns the same object when the catalog has no reference date', () => {
    const demo = loadDemo();
    delete demo.referenceDate;
    expect(shiftCatalogDates(demo, '2027-01-06')).toBe(demo);
  });
});
