import { futureRunProblem } from '../dates';

describe('the day a live cycle may run for', () => {
  // 10:00 UTC: midnight of the 5th at UTC+14, still the 4th in Shanghai and London.
  const now = new Date('2026-12-04T10:00:00Z');

  it('takes any day up to today in the zone where days begin first (UTC+14)', () => {
    expect(futureRunProblem('2026-12-04', now)).toBeNull();
    expect(futureRunProblem('2026-12-05', now)).toBeNull();
    expect(futureRunProblem('2013-06-30', now)).toBeNull();
  });

  it('refuses a day that has not begun anywhere, in Chinese and English', () => {
    expect(futureRunProblem('2026-12-05', new Date('2026-12-04T09:59:59Z'))).toMatch(
      /^截至日期 2026-12-05 尚未到来.* \/ as-of 2026-12-05 is in the future \(today is at most 2026-12-04 anywhere\)/,
    );
    expect(futureRunProblem('2026-12-06', now)).toMatch(/today is at most 2026-12-05 anywhere/);
    expect(futureRunProblem('2099-01-01', now)).not.toBeNull();
  });
});
