import { referralProblems } from '../referral';

/** A referral as the dispatcher stores it: the Document Service returns bigintegers as text. */
const STORED = {
  referralKey: 'case-CG:legal-review-day-60:legal',
  kind: 'legal_review',
  referralStatus: 'open',
  openedOn: '2024-07-02',
  closedOn: null,
  claimAmount: '9900000',
  currency: 'CNY',
  feePercent: null,
  feeFixed: null,
  recoveredAmount: '0',
  actionKey: 'case-CG:legal-review-day-60:legal',
};

const pathsOf = (stored: Record<string, unknown> | null, data: Record<string, unknown>) =>
  referralProblems(stored, data).map((problem) => problem.path);

describe('referral saves', () => {
  it('accepts the dispatcher creating a referral, and a form sending back what it read', () => {
    expect(pathsOf(null, STORED)).toEqual([]);
    expect(pathsOf(STORED, { ...STORED, claimAmount: 9_900_000, notes: '已联系律师' })).toEqual([]);
    expect(pathsOf(STORED, { handlerName: '金杜律师事务所', recoveredAmount: 0 })).toEqual([]);
  });

  it('refuses changing the hand-off facts, naming each field', () => {
    expect(
      pathsOf(STORED, {
        kind: 'agency',
        claimAmount: '1',
        currency: 'USD',
        referralKey: 'other',
        actionKey: 'other',
      }),
    ).toEqual(['kind', 'claimAmount', 'currency', 'referralKey', 'actionKey']);
    expect(pathsOf(STORED, { actionKey: null })).toEqual(['actionKey']);
  });

  it('refuses negative amounts and a fee percentage outside 0–100', () => {
    expect(pathsOf(STORED, { recoveredAmount: -1, feeFixed: '-500' })).toEqual([
      'recoveredAmount',
      'feeFixed',
    ]);
    expect(pathsOf(STORED, { feePercent: 100.5 })).toEqual(['feePercent']);
    expect(pathsOf(STORED, { feePercent: -0.1 })).toEqual(['feePercent']);
    expect(pathsOf(STORED, { feePercent: 'abc' })).toEqual(['feePercent']);
    expect(pathsOf(STORED, { feePercent: 0, feeFixed: 0 })).toEqual([]);
    expect(pathsOf(STORED, { feePercent: '100' })).toEqual([]);
    expect(pathsOf(null, { ...STORED, recoveredAmount: -5 })).toEqual(['recoveredAmount']);
  });

  it('asks an ended referral when it ended, given or stored', () => {
    for (const referralStatus of ['recovered', 'returned', 'closed']) {
      expect(pathsOf(STORED, { referralStatus })).toEqual(['closedOn']);
    }
    expect(pathsOf(STORED, { referralStatus: 'returned', closedOn: '2024-07-10' })).toEqual([]);
    expect(pathsOf({ ...STORED, closedOn: '2024-07-10' }, { referralStatus: 'closed' })).toEqual(
      [],
    );
    expect(
      pathsOf({ ...STORED, referralStatus: 'closed', closedOn: '2024-07-10' }, { closedOn: null }),
    ).toEqual(['closedOn']);
    expect(pathsOf(STORED, { referralStatus: 'in_progress' })).toEqual([]);
  });

  it('refuses a closing day before the opening day', () => {
    expect(pathsOf(STORED, { closedOn: '2024-07-01' })).toEqual(['closedOn']);
    expect(pathsOf(STORED, { openedOn: '2024-08-01', closedOn: '2024-07-20' })).toEqual([
      'closedOn',
    ]);
    expect(pathsOf(STORED, { closedOn: '2024-07-02' })).toEqual([]);
    expect(referralProblems(STORED, { closedOn: '2024-07-01' })[0]?.message).toBe(
      '结案日期 2024-07-01 早于移交日期 2024-07-02 / closedOn 2024-07-01 is before openedOn 2024-07-02',
    );
  });
});
