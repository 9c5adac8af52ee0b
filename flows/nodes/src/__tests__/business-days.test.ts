/**
 * Mainland China working days with the State Council's 2026 arrangement: National Day 10-01 to
 * 10-07 off with make-up working days on Sunday 09-20 and Saturday 10-10; Mid-Autumn 09-25 to
 * 09-27; Spring Festival 02-15 to 02-23 off with make-up working Saturdays 02-14 and 02-28.
 */
import {
  addBusinessDays,
  addCalendarDays,
  addDays,
  daysBetween,
  firstYearWithoutHolidayData,
  hasHolidayData,
  isBusinessDay,
} from '../domain/business-days';

/** The working days of a month, counted one day at a time. */
function businessDaysIn(month: string): number {
  let count = 0;
  for (let day = `${month}-01`; day.startsWith(month); day = addCalendarDays(day, 1)) {
    if (isBusinessDay(day)) count += 1;
  }
  return count;
}

describe('calendar days', () => {
  it('adds and counts days across month, leap-day and year ends', () => {
    expect(addCalendarDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-12-04', '2027-01-03')).toBe(30);
    expect(daysBetween('2026-12-04', '2026-11-20')).toBe(-14);
  });

  it('ignores holidays when the day type is calendar', () => {
    expect(addDays('2026-09-30', 3, 'calendar')).toBe('2026-10-03');
  });
});

describe('2026 National Day week', () => {
  it('has no working day from 10-01 to 10-07, and works on 09-20 and 10-10', () => {
    for (let day = 1; day <= 7; day += 1) {
      expect(isBusinessDay(`2026-10-0${day}`)).toBe(false);
    }
    expect(isBusinessDay('2026-09-20')).toBe(true); // Sunday
    expect(isBusinessDay('2026-10-10')).toBe(true); // Saturday
    expect(isBusinessDay('2026-10-11')).toBe(false); // an ordinary Sunday
  });

  it('skips the holiday week and counts the make-up Saturday', () => {
    expect(addBusinessDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(addBusinessDays('2026-09-30', 2)).toBe('2026-10-09');
    expect(addBusinessDays('2026-09-30', 3)).toBe('2026-10-10');
    expect(addBusinessDays('2026-09-30', 4)).toBe('2026-10-12');
    expect(addDays('2026-09-30', 3, 'business')).toBe('2026-10-10');
  });

  it('counts the make-up Sunday before Mid-Autumn and skips Mid-Autumn', () => {
    expect(addBusinessDays('2026-09-18', 1)).toBe('2026-09-20');
    expect(addBusinessDays('2026-09-24', 1)).toBe('2026-09-28');
  });

  it('has 18 working days in October 2026', () => {
    expect(businessDaysIn('2026-10')).toBe(18);
  });
});

describe('2026 Spring Festival', () => {
  it('works on the Saturdays 02-14 and 02-28 and rests from 02-15 to 02-23', () => {
    expect(isBusinessDay('2026-02-14')).toBe(true);
    expect(isBusinessDay('2026-02-28')).toBe(true);
    expect(isBusinessDay('2026-02-16')).toBe(false); // a Monday of the festival
    expect(isBusinessDay('2026-02-23')).toBe(false);
    expect(isBusinessDay('2026-02-24')).toBe(true);
  });

  it('goes from the make-up Saturday straight to the Tuesday after the festival', () => {
    expect(addBusinessDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(addBusinessDays('2026-02-14', 1)).toBe('2026-02-24');
    expect(addBusinessDays('2026-02-13', 2)).toBe('2026-02-24');
    expect(addBusinessDays('2026-02-27', 1)).toBe('2026-02-28');
  });

  it('has 16 working days in February 2026', () => {
    expect(businessDaysIn('2026-02')).toBe(16);
  });
});

describe('business day arithmetic', () => {
  it('keeps the day for 0 days, even on a holiday', () => {
    expect(addBusinessDays('2026-10-03', 0)).toBe('2026-10-03');
  });

  it('counts backwards for negative days', () => {
    expect(addBusinessDays('2026-10-08', -1)).toBe('2026-09-30');
    expect(addBusinessDays('2026-02-24', -1)).toBe('2026-02-14');
  });

  it('crosses New Year 2026 (01-01 to 01-03 off, Sunday 01-04 worked)', () => {
    expect(addBusinessDays('2025-12-31', 1)).toBe('2026-01-04');
    expect(addBusinessDays('2025-12-30', 3)).toBe('2026-01-05');
    expect(addBusinessDays('2026-01-05', -1)).toBe('2026-01-04');
  });
});

describe('years without holiday data', () => {
  it('knows the years chinese-days covers', () => {
    expect(hasHolidayData(2004)).toBe(true);
    expect(hasHolidayData(2026)).toBe(true);
    expect(hasHolidayData(2003)).toBe(false);
    expect(hasHolidayData(2027)).toBe(false);
  });

  it('falls back to Monday to Friday and says which year it estimated', () => {
    expect(isBusinessDay('2027-01-01')).toBe(true); // a Friday; its holiday is not known yet
    expect(isBusinessDay('2027-01-02')).toBe(false);
    expect(addBusinessDays('2026-12-31', 2)).toBe('2027-01-04');
    expect(firstYearWithoutHolidayData('2026-12-31', '2027-01-04')).toBe(2027);
    expect(firstYearWithoutHolidayData('2027-01-04', '2026-12-31')).toBe(2027);
    expect(firstYearWithoutHolidayData('2026-01-05', '2026-12-31')).toBeNull();
  });
});
