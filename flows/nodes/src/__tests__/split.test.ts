import {
  createSplitter,
  fnv1a32,
  parseSplitConfig,
  sharePercents,
  splitHash,
  type SplitConfig,
} from '../domain/split';

const IDS = Array.from({ length: 100_000 }, (_, i) => `case-${i}`);

/** Uniformly looking ids like Strapi documentIds: 24 lowercase letters and digits. */
const DOCUMENT_IDS = Array.from({ length: 100_000 }, (_, i) =>
  `${(i * 2_654_435_761).toString(36)}${i.toString(36)}`.padStart(24, 'x').slice(-24),
);

const split = (experiment: string, ...shares: number[]): SplitConfig => ({
  experiment,
  branches: shares.map((share, i) => ({ name: `b${i}`, share })),
});

function assignAll(config: SplitConfig, ids: readonly string[]): number[] {
  const branchOf = createSplitter(config);
  return ids.map(branchOf);
}

function observedShares(assigned: readonly number[], branches: number): number[] {
  const counts = new Array<number>(branches).fill(0);
  for (const index of assigned) counts[index] = (counts[index] ?? 0) + 1;
  return counts.map((count) => (count * 100) / assigned.length);
}

describe('split hash', () => {
  it('is FNV-1a 32 bit over UTF-8', () => {
    // Published FNV-1a test vectors
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('hashes the UTF-8 bytes, as TextEncoder encodes them', () => {
    const byBytes = (text: string): number =>
      [...new TextEncoder().encode(text)].reduce(
        (hash, byte) => Math.imul(hash ^ byte, 0x01000193) >>> 0,
        0x811c9dc5,
      );
    for (const text of ['回款-案件-42', 'Ünïcödé', 'emoji 💰 case', 'lone \ud800 surrogate']) {
      expect(fnv1a32(text)).toBe(byBytes(text));
    }
  });

  it('is an unsigned 32-bit integer that does not change between releases', () => {
    expect(splitHash('sms-first:case-1')).toBe(splitHash('sms-first:case-1'));
    expect(Number.isInteger(splitHash('x')) && splitHash('x') >= 0).toBe(true);
    expect(splitHash('x')).toBeLessThan(2 ** 32);
    // Pinned: a changed hash would silently reassign every running experiment.
    expect(['sms-first:case-1', 'sms-first:case-2', '催收:案件'].map(splitHash)).toEqual([
      626642036, 900696481, 2803427100,
    ]);
    const branchOf = createSplitter(split('sms-first', 50, 50));
    expect(['case-1', 'case-2', 'case-3', 'case-4', 'case-5', 'case-6'].map(branchOf)).toEqual([
      0, 0, 0, 1, 0, 1,
    ]);
  });
});

describe('split assignment', () => {
  it.each([
    ['50/50', [50, 50]],
    ['90/10', [90, 10]],
    ['10/30/60', [10, 30, 60]],
    ['weights 1/1/1/1', [1, 1, 1, 1]],
  ])('keeps %s within 2 %% over 100,000 sequential ids', (_label, shares) => {
    const expected = sharePercents(split('e', ...shares).branches);
    const observed = observedShares(assignAll(split('sms-first', ...shares), IDS), shares.length);
    observed.forEach((share, i) =>
      expect(Math.abs(share - (expected[i] as number))).toBeLessThan(2),
    );
  });

  it('keeps the shares within 2 % over 100,000 document ids, too', () => {
    const observed = observedShares(assignAll(split('letter-tone', 80, 20), DOCUMENT_IDS), 2);
    expect(Math.abs((observed[0] as number) - 80)).toBeLessThan(2);
  });

  it('gives the same case the same branch, whatever else is assigned', () => {
    const branchOf = createSplitter(split('sms-first', 50, 50));
    const first = IDS.slice(0, 1000).map(branchOf);
    IDS.slice(1000, 5000).forEach(branchOf);
    expect(IDS.slice(0, 1000).map(createSplitter(split('sms-first', 50, 50)))).toEqual(first);
    expect(IDS.slice(0, 1000).map(branchOf)).toEqual(first);
  });

  it('depends on the experiment name, not on branch names', () => {
    const renamedBranches: SplitConfig = {
      experiment: 'sms-first',
      branches: [
        { name: 'champion', share: 50 },
        { name: 'challenger', share: 50 },
      ],
    };
    const ids = IDS.slice(0, 2000);
    expect(assignAll(renamedBranches, ids)).toEqual(assignAll(split('sms-first', 50, 50), ids));
    const sms = assignAll(split('sms-first', 50, 50), ids);
    const same = assignAll(split('letter-tone', 50, 50), ids).filter(
      (index, i) => index === sms[i],
    );
    expect(same.length / ids.length).toBeGreaterThan(0.4);
    expect(same.length / ids.length).toBeLessThan(0.6);
  });

  it('moves only the cases needed when the shares change', () => {
    const before = assignAll(split('sms-first', 90, 10), IDS);
    const after = assignAll(split('sms-first', 80, 20), IDS);
    const moved = before.filter((index, i) => index !== after[i]);
    const movedToChallenger = before.filter((index, i) => index === 0 && after[i] === 1);

    expect(movedToChallenger.length).toBe(moved.length); // nobody leaves the challenger
    expect(Math.abs(moved.length / IDS.length - 0.1)).toBeLessThan(0.01);
  });

  it('adds a third branch by taking from its neighbour only', () => {
    const before = assignAll(split('tone', 50, 50), IDS);
    const after = assignAll(split('tone', 50, 40, 10), IDS);
    const championChanged = IDS.filter((_, i) => (before[i] === 0) !== (after[i] === 0));
    expect(championChanged).toEqual([]);
    expect(Math.abs(observedShares(after, 3)[2]! - 10)).toBeLessThan(2);
  });
});

describe('split configuration', () => {
  const branches = [
    { name: 'champion', share: 90 },
    { name: 'challenger', share: '10' },
  ];

  it('normalises a valid split', () => {
    expect(parseSplitConfig({ experiment: ' sms-first.v2 ', branches })).toEqual({
      config: {
        experiment: 'sms-first.v2',
        branches: [
          { name: 'champion', share: 90 },
          { name: 'challenger', share: 10 },
        ],
      },
    });
  });

  it.each([
    [{ branches }, 'experiment-missing'],
    [{ experiment: ' ', branches }, 'experiment-missing'],
    [{ experiment: 'sms first', branches }, 'experiment-invalid'],
    [{ experiment: 'x'.repeat(65), branches }, 'experiment-invalid'],
    [{ experiment: 'e', branches: [{ name: 'a', share: 1 }] }, 'branches-too-few'],
    [{ experiment: 'e', branches: 'a,b' }, 'branches-too-few'],
    [
      {
        experiment: 'e',
        branches: Array.from({ length: 21 }, (_, i) => ({ name: `b${i}`, share: 1 })),
      },
      'branches-too-many',
    ],
    [{ experiment: 'e', branches: [{ name: 'a', share: 1 }, { share: 1 }] }, 'branch-name-invalid'],
    [
      {
        experiment: 'e',
        branches: [
          { name: 'a', share: 1 },
          { name: 'b/c', share: 1 },
        ],
      },
      'branch-name-invalid',
    ],
    [
      {
        experiment: 'e',
        branches: [
          { name: 'Champion', share: 1 },
          { name: 'champion', share: 1 },
        ],
      },
      'branch-name-duplicate',
    ],
    [
      {
        experiment: 'e',
        branches: [
          { name: 'a', share: 0 },
          { name: 'b', share: 1 },
        ],
      },
      'share-invalid',
    ],
    [
      {
        experiment: 'e',
        branches: [
          { name: 'a', share: 2.5 },
          { name: 'b', share: 1 },
        ],
      },
      'share-invalid',
    ],
    [
      {
        experiment: 'e',
        branches: [
          { name: 'a', share: 10_001 },
          { name: 'b', share: 1 },
        ],
      },
      'share-invalid',
    ],
    [
      {
        experiment: 'e',
        branches: [
          { name: 'a', share: '' },
          { name: 'b', share: 1 },
        ],
      },
      'share-invalid',
    ],
  ])('rejects %p as %s', (raw, problem) => {
    expect(parseSplitConfig(raw)).toEqual({ problem });
  });

  it('turns shares into percentages', () => {
    expect(
      sharePercents([
        { name: 'a', share: 9 },
        { name: 'b', share: 1 },
      ]),
    ).toEqual([90, 10]);
  });
});
