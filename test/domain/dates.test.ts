import { addDays, daysBetween, isIsoDate, toIsoDate } from '../../src/plugins/linkage/server/src/domain/dates';

describe('isIsoDate', () => {
  it.each(['2026-11-27', '2026-02-28', '2024-02-29', '2000-02-29', '1999-12-31'])('accepts the calendar date %s', (date) => {
    expect(isIsoDate(date)).toBe(true);
  });

  it.each(['2026-02-30', '2025-02-29', '1900-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-01-32'])('refuses %s, which is not a day of the calendar', (date) => {
    expect(isIsoDate(date)).toBe(false);
  });

  it.each(['2026-1-01', '26-01-01', '2026/01/01', '2026-01-01T00:00:00Z', ' 2026-01-01', ''])('refuses %p, which is not YYYY-MM-DD', (date) => {
    expect(isIsoDate(date)).toBe(false);
  });

  it.each([20260101, null, undefined, new Date('2026-01-01')])('refuses the non-string %p', (date) => {
    expect(isIsoDate(date)).toBe(false);
  });
});

describe('addDays', () => {
  it('adds and subtracts days', () => {
    expect(addDays('2026-11-27', 5)).toBe('2026-12-02');
    expect(addDays('2026-11-27', -5)).toBe('2026-11-22');
    expect(addDays('2026-11-27', 0)).toBe('2026-11-27');
  });

  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('is not moved by daylight-saving changes (dates are UTC)', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
  });
});

describe('daysBetween', () => {
  it('counts days from the first date to the second, negative backwards', () => {
    expect(daysBetween('2026-11-27', '2026-12-02')).toBe(5);
    expect(daysBetween('2026-12-02', '2026-11-27')).toBe(-5);
    expect(daysBetween('2026-11-27', '2026-11-27')).toBe(0);
  });

  it('counts a leap year as 366 days', () => {
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
  });

  it('is undone by addDays', () => {
    expect(addDays('2025-09-01', daysBetween('2025-09-01', '2026-11-27'))).toBe('2026-11-27');
  });
});

describe('toIsoDate', () => {
  it('gives the UTC calendar date of an instant', () => {
    expect(toIsoDate(new Date(Date.UTC(2026, 0, 5, 23, 59)))).toBe('2026-01-05');
    expect(toIsoDate(new Date('2026-11-27T00:00:00.000Z'))).toBe('2026-11-27');
  });
});
