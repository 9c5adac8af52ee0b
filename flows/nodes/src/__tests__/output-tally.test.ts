import { OutputTally, countsText } from '../output-tally';

describe('output tally', () => {
  let now: number;
  let shown: number[][];
  let tally: OutputTally;

  beforeEach(() => {
    jest.useFakeTimers();
    now = 1_000_000;
    shown = [];
    tally = new OutputTally(3, (counts) => shown.push([...counts]), {
      intervalMs: 100,
      runGapMs: 3000,
      now: () => now,
    });
  });

  afterEach(() => {
    tally.stop();
    jest.useRealTimers();
  });

  it('shows the first count at once and then at most once per interval', () => {
    tally.count(0);
    expect(shown).toEqual([[1, 0, 0]]);

    for (let i = 0; i < 9_999; i++) tally.count(i % 3);
    expect(shown).toHaveLength(1);

    now += 100;
    jest.advanceTimersByTime(100);
    expect(shown).toEqual([
      [1, 0, 0],
      [3334, 3333, 3333],
    ]);
  });

  it('shows the final counts after the last message of a burst', () => {
    tally.count(0);
    now += 30;
    tally.count(2);
    tally.count(2);
    expect(shown).toHaveLength(1);

    now += 70;
    jest.advanceTimersByTime(70);
    expect(shown.at(-1)).toEqual([1, 0, 2]);
    jest.advanceTimersByTime(10_000);
    expect(shown).toHaveLength(2);
  });

  it('starts counting again after a pause between runs', () => {
    tally.count(1);
    now += 2999;
    tally.count(1);
    now += 3000;
    tally.count(2);
    expect(shown.at(-1)).toEqual([0, 0, 1]);
  });

  it('drops a pending redraw when stopped', () => {
    tally.count(0);
    tally.count(0);
    tally.stop();
    jest.advanceTimersByTime(1000);
    expect(shown).toEqual([[1, 0, 0]]);
  });

  it('writes one entry per output', () => {
    expect(countsText(['HH', 'HL', 'LH'], [12, 0, 3])).toBe('HH 12 · HL 0 · LH 3');
  });
});
