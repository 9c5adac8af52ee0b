import {
  describeAsOf,
  describeInvoices,
  featureNames,
  openOn,
  type FeatureRecord,
} from '../features';
import { compileHistory, NEVER } from '../history';
import { toDay } from '../calendar';
import { RECENT_HALF_LIFE_DAYS } from '../debtor-book';
import { regionColumns, regionSnapshot, snapshotColumns } from '../regions';
import {
  contact,
  creditNote,
  history,
  invoice,
  payment,
  random,
  syntheticPortfolio,
} from './fixtures';
import type { PaymentHistory } from '../history';

/**
 * Debtor D1: A paid 10 days late, B paid early, C partly paid and still open (and one day
 * overdue) on 2024-04-01, when Q is issued. D2's late invoice must never show up in D1's.
 */
const base = (changes: { qPaid?: string | null; cRestPaid?: string } = {}): PaymentHistory => {
  const { qPaid = '2024-05-20', cRestPaid = '2024-04-15' } = changes;
  const payments = [
    payment('PA', 'D1', '2024-02-10', [['A', 1000]]),
    payment('PB', 'D1', '2024-02-20', [['B', 2000]]),
    payment('PC1', 'D1', '2024-03-20', [['C', 500]]),
    payment('PC2', 'D1', cRestPaid, [['C', 1000]]),
    payment('PX', 'D2', '2024-03-30', [['X', 5000]]),
  ];
  if (qPaid) payments.push(payment('PQ', 'D1', qPaid, [['Q', 3000]]));
  return history({
    invoices: [
      invoice('A', 'D1', '2024-01-01', 1000, { billingChannel: 'Electronic' }),
      invoice('B', 'D1', '2024-02-01', 2000, { billingChannel: 'Paper' }),
      invoice('C', 'D1', '2024-03-01', 1500),
      invoice('Q', 'D1', '2024-04-01', 3000, { billingChannel: 'paper', disputed: true }),
      invoice('X', 'D2', '2024-01-15', 5000),
    ],
    payments,
  });
};

/** Same features: equal, or within 1e-12 for the recency weights (sums of powers of 2). */
const expectSame = (actual: Partial<FeatureRecord>, expected: Partial<FeatureRecord>): void => {
  expect(Object.keys(actual)).toEqual(Object.keys(expected));
  for (const [name, value] of Object.entries(expected)) {
    const got = actual[name as keyof FeatureRecord]!;
    if (Number.isNaN(value)) expect(got).toBeNaN();
    else expect(got).toBeCloseTo(value, 12);
  }
};

const featuresOf = (
  source: PaymentHistory,
  invoiceNumber: string,
  asOf: string,
  withDisputed = false,
): Partial<FeatureRecord> => describeAsOf(source, [{ invoiceNumber, asOf }], { withDisputed })[0]!;

describe('payment features on a hand-made history', () => {
  const q = featuresOf(base(), 'Q', '2024-04-01');

  it('describes the settled history known on the as-of date', () => {
    expect(q).toMatchObject({
      settledCount: 2,
      lateShare: 0.5,
      meanDaysLate: 5,
      maxDaysLate: 10,
      meanDaysToSettle: 29.5,
      meanDaysFromDue: -0.5,
      lastDaysLate: 0,
      daysSinceLastLate: 51,
      partialShare: 0,
      paperShare: 0.5,
      sameChannelCount: 1,
      sameChannelDaysToSettle: 19,
      sameChannelLateShare: 0,
      disputedShare: 0,
    });
    expect(q.sdDaysToSettle).toBeCloseTo(Math.sqrt(((40 - 29.5) ** 2 + (19 - 29.5) ** 2) / 1), 10);
    expect(q.daysLateTrend).toBeNaN();
  });

  it('weighs recent settlements more', () => {
    const weightA = 2 ** (-51 / RECENT_HALF_LIFE_DAYS);
    const weightB = 2 ** (-41 / RECENT_HALF_LIFE_DAYS);
    expect(q.recentLateShare).toBeCloseTo(weightA / (weightA + weightB), 12);
    expect(q.recentDaysLate).toBeCloseTo((10 * weightA) / (weightA + weightB), 12);
  });

  it('counts an invoice settled after the as-of date as open, with what was paid by then', () => {
    expect(q).toMatchObject({
      openCount: 1,
      openAmountMinor: 1000,
      overdueCount: 1,
      overdueAmountMinor: 1000,
      oldestOverdueDays: 1,
      oldestOpenDays: 31,
      partiallyPaidOpen: 1,
    });
    expect(q.knownLateShare).toBeCloseTo(2 / 3, 12);
    expect(q.knownDaysToSettle).toBeCloseTo((40 + 19 + 31) / 3, 12);
  });

  it('describes the invoice and the relationship', () => {
    expect(q).toMatchObject({
      amountMinor: 3000,
      relativeAmount: 2,
      termDays: 30,
      paperBill: 1,
      relationshipDays: 91,
      pastInvoiceCount: 3,
      invoicesLast90Days: 2,
      remindersSent: 0,
      promisesKept: 0,
    });
    expect(q.reminderAnswerShare).toBeNaN();
  });

  it('reads the invoice’s own disputed flag only when asked', () => {
    expect(q).not.toHaveProperty('disputed');
    expect(featureNames(false)).not.toContain('disputed');
    expect(featuresOf(base(), 'Q', '2024-04-01', true).disputed).toBe(1);
  });

  it('never sees the invoice’s own settlement, whenever it happened', () => {
    for (const qPaid of ['2024-04-01', '2024-04-02', '2025-01-01', null]) {
      expectSame(featuresOf(base({ qPaid }), 'Q', '2024-04-01'), q);
    }
  });

  it('does not change when an invoice open on the as-of date settles at another later day', () => {
    expect(featuresOf(base({ cRestPaid: '2024-06-30' }), 'Q', '2024-04-01')).toEqual(q);
    expect(featuresOf(base({ cRestPaid: '2024-04-02' }), 'Q', '2024-04-01')).toEqual(q);
  });

  it('does see another invoice once it settled on or before the as-of date', () => {
    const sameDay = featuresOf(base({ cRestPaid: '2024-04-01' }), 'Q', '2024-04-01');
    expect(sameDay).toMatchObject({ settledCount: 3, openCount: 0, overdueCount: 0 });
    expect(sameDay.lateShare).toBeCloseTo(2 / 3, 12);
    expect(sameDay.partialShare).toBeCloseTo(1 / 3, 12);
  });

  it('ignores invoices issued after the as-of date and other debtors', () => {
    const later = base();
    const extended = {
      ...later,
      invoices: [...later.invoices, invoice('LATER', 'D1', '2024-04-05', 9000)],
    };
    expect(featuresOf(extended, 'Q', '2024-04-01')).toEqual(q);
  });

  it('leaves the described invoice out of its own history when asked after it settled', () => {
    const a = featuresOf(base(), 'A', '2024-03-15');
    expect(a).toMatchObject({ settledCount: 1, lateShare: 0, maxDaysLate: 0, lastDaysLate: 0 });
    expect(a.daysSinceLastLate).toBeNaN();
    expect(a.relationshipDays).toBe(74);
  });

  it('refuses to describe an invoice before its issue date or one it does not know', () => {
    expect(() => featuresOf(base(), 'Q', '2024-03-31')).toThrow(RangeError);
    expect(() => featuresOf(base(), 'NOPE', '2024-04-01')).toThrow(/unknown invoice NOPE/);
  });
});

describe('settlement replay', () => {
  it('settles when payments and credit notes together reach the amount', () => {
    const source = history({
      invoices: [invoice('K', 'D', '2024-01-01', 1000), invoice('L', 'D', '2024-03-01', 500)],
      payments: [payment('P1', 'D', '2024-02-01', [['K', 700]])],
      creditNotes: [creditNote('CN1', 'D', '2024-02-10', 'K', 300)],
    });
    const compiled = compileHistory(source);
    expect(compiled.settleDay[0]).toBe(toDay('2024-02-10'));
    expect(compiled.instalments[0]).toBe(2);
    expect(compiled.credited[0]).toBe(1);
    expect(compiled.settleDay[1]).toBe(NEVER);
    expect(featuresOf(source, 'L', '2024-03-01')).toMatchObject({
      settledCount: 1,
      partialShare: 1,
      creditedShare: 1,
      meanDaysToSettle: 40,
    });
  });

  it('lists the invoices open on a day', () => {
    const compiled = compileHistory(base());
    const open = openOn(compiled, toDay('2024-04-01'));
    const numbers = Array.from(open.invoice, (i) => compiled.source.invoices[i]!.number);
    expect(numbers.sort()).toEqual(['C', 'Q']);
  });

  it('names the record behind a bad date or a repeated invoice number', () => {
    const bad = history({
      invoices: [invoice('A', 'D', '2024-02-01', 100, { issueDate: '2024-02-30' })],
    });
    expect(() => compileHistory(bad)).toThrow(/invoice A issueDate .*2024-02-30/);
    const twice = history({
      invoices: [invoice('A', 'D', '2024-01-01', 1), invoice('A', 'D', '2024-01-02', 1)],
    });
    expect(() => compileHistory(twice)).toThrow(/invoice A appears twice/);
  });
});

describe('days-late trend', () => {
  /** Invoice k issued 50k days after the start and paid `late(k)` days after its due date. */
  const debtor = (late: (k: number) => number, count: number): PaymentHistory => {
    const invoices = Array.from({ length: count }, (_, k) =>
      invoice(
        `T${k}`,
        'T',
        new Date(Date.UTC(2024, 0, 1 + 50 * k)).toISOString().slice(0, 10),
        100,
      ),
    );
    const payments = invoices.map((item, k) => {
      const paid = new Date(Date.parse(item.dueDate) + late(k) * 86_400_000).toISOString();
      return payment(`P${k}`, 'T', paid.slice(0, 10), [[item.number, 100]]);
    });
    return history({ invoices, payments });
  };
  const trendAt = (source: PaymentHistory, k: number): number => {
    const target = source.invoices[k]!;
    return featuresOf(source, target.number, target.issueDate).daysLateTrend!;
  };

  it('is the slope of days late over the latest settlements', () => {
    const rising = debtor((k) => 2 * k, 8);
    expect(trendAt(rising, 3)).toBeCloseTo(2, 12);
    expect(trendAt(rising, 7)).toBeCloseTo(2, 12);
    const falling = debtor((k) => 20 - 3 * k, 6);
    expect(trendAt(falling, 5)).toBeCloseTo(-3, 12);
  });

  it('looks only at the latest six settlements', () => {
    // Days late 30, 30, 30, 30, then 0, 4, 8, 12, 16, 20: over all ten the slope is
    // negative, over the latest six it is 4 a settlement.
    const turning = debtor((k) => (k < 4 ? 30 : 4 * (k - 4)), 11);
    expect(trendAt(turning, 10)).toBeCloseTo(4, 12);
  });

  it('needs three settlements', () => {
    expect(
      trendAt(
        debtor((k) => k, 3),
        2,
      ),
    ).toBeNaN();
  });
});

describe('promises to pay', () => {
  const source = history({
    invoices: [
      invoice('P1', 'P', '2024-01-01', 10000),
      invoice('P2', 'P', '2024-02-13', 100),
      invoice('P3', 'P', '2024-02-16', 100),
    ],
    payments: [
      payment('PAY1', 'P', '2024-02-07', [['P1', 4000]]),
      payment('PAY2', 'P', '2024-02-14', [['P1', 1000]]),
    ],
    contactEvents: [
      contact('P', '2024-02-02', 'promised', {
        promiseDate: '2024-02-05',
        promiseAmountMinor: 4000,
      }),
      contact('P', '2024-02-10', 'promised', {
        promiseDate: '2024-02-12',
        promiseAmountMinor: 6000,
      }),
      contact('P', '2024-02-20', 'promised', { direction: 'inbound', promiseDate: null }),
    ],
  });

  it('counts a promise kept when the amount arrives within the grace days', () => {
    expect(featuresOf(source, 'P2', '2024-02-13')).toMatchObject({
      promisesKept: 1,
      promisesBroken: 0,
      promisesPending: 1,
    });
  });

  it('counts a promise broken only once its grace days are over', () => {
    expect(featuresOf(source, 'P2', '2024-02-15')).toMatchObject({
      promisesBroken: 0,
      promisesPending: 1,
    });
    expect(featuresOf(source, 'P3', '2024-02-16')).toMatchObject({
      promisesKept: 1,
      promisesBroken: 1,
      promisesPending: 0,
    });
  });

  it('never judges an undated promise, and any payment keeps one without an amount', () => {
    expect(featuresOf(source, 'P3', '2024-03-31')).toMatchObject({
      promisesKept: 1,
      promisesBroken: 1,
      promisesPending: 0,
    });
    const anyAmount = history({
      invoices: [invoice('Z', 'Z', '2024-01-01', 100)],
      payments: [payment('ZP', 'Z', '2024-01-20', [['Z', 1]])],
      contactEvents: [contact('Z', '2024-01-10', 'promised', { promiseDate: '2024-01-18' })],
    });
    expect(featuresOf(anyAmount, 'Z', '2024-02-01')).toMatchObject({ promisesKept: 1 });
  });
});

describe('reminders and disputes', () => {
  const source = history({
    invoices: [invoice('R1', 'R', '2024-01-15', 1000)],
    payments: [payment('RP', 'R', '2024-03-04', [['R1', 100]])],
    contactEvents: [
      contact('R', '2024-03-01', 'sent', { channel: 'email' }),
      contact('R', '2024-03-10', 'sent', { channel: 'sms' }),
      contact('R', '2024-03-20', 'reached'),
      contact('R', '2024-03-21', 'failed', { channel: 'email' }),
      contact('R', '2024-03-22', 'refused'),
      contact('R', '2024-03-23', 'disputed', { direction: 'inbound', channel: 'email' }),
    ],
  });

  it('measures how often and how fast reminders get an answer', () => {
    expect(featuresOf(source, 'R1', '2024-03-25')).toMatchObject({
      remindersSent: 4,
      reminderAnswerShare: 0.75,
      meanDaysToAnswer: 1,
      refusals: 1,
      disputesRaised: 1,
    });
  });

  it('leaves a reminder out until its answer window has closed', () => {
    expect(featuresOf(source, 'R1', '2024-03-12')).toMatchObject({
      remindersSent: 2,
      reminderAnswerShare: 1,
      meanDaysToAnswer: 3,
      disputesRaised: 0,
    });
  });
});

describe('region statistics', () => {
  /**
   * D1 and D2 are in the north, D3 in the south, D4's region is blank and D5 is not
   * listed. Q (D1) is issued on 2024-04-01. By then the north's other debtor D2 has
   * settled X (disputed, 45 days late); Y of D2 settles on `yPaid`. D1's own A and the
   * south's S must never count for Q.
   */
  const regional = (yPaid: string | null, listed = true): PaymentHistory => {
    const payments = [
      payment('PA', 'D1', '2024-01-20', [['A', 1000]]),
      payment('PX', 'D2', '2024-03-30', [['X', 5000]]),
      payment('PS', 'D3', '2024-02-01', [['S', 4000]]),
    ];
    if (yPaid) payments.push(payment('PY', 'D2', yPaid, [['Y', 2000]]));
    return history({
      invoices: [
        invoice('A', 'D1', '2024-01-01', 1000),
        invoice('Q', 'D1', '2024-04-01', 3000),
        invoice('X', 'D2', '2024-01-15', 5000, { disputed: true }),
        invoice('Y', 'D2', '2024-02-01', 2000),
        invoice('S', 'D3', '2024-01-10', 4000, { disputed: true }),
        invoice('U', 'D4', '2024-04-01', 100),
        invoice('V', 'D5', '2024-04-01', 100),
      ],
      payments,
      debtors: listed
        ? [
            { code: 'D1', region: 'north' },
            { code: 'D2', region: ' north ' },
            { code: 'D3', region: 'south' },
            { code: 'D4', region: '  ' },
            { code: 'D1', region: 'south' },
            { code: 'NO-INVOICES', region: 'west' },
          ]
        : undefined,
    });
  };
  const regionOf = (source: PaymentHistory, invoiceNumber: string, asOf = '2024-04-01') => {
    const facts = featuresOf(source, invoiceNumber, asOf);
    return {
      regionSettledCount: facts.regionSettledCount,
      regionLateShare: facts.regionLateShare,
      regionDisputedShare: facts.regionDisputedShare,
      regionDaysToSettle: facts.regionDaysToSettle,
    };
  };
  const onlyX = {
    regionSettledCount: 1,
    regionLateShare: 1,
    regionDisputedShare: 1,
    regionDaysToSettle: 75,
  };

  it('reads each debtor’s region once, trimmed, and leaves blank ones unknown', () => {
    const compiled = compileHistory(regional(null));
    expect(compiled.regionNames).toEqual(['north', 'south']);
    const named = compiled.debtorCodes.map((code, debtor) => {
      const region = compiled.regionOf[debtor]!;
      return [code, region < 0 ? null : compiled.regionNames[region]];
    });
    expect(named).toEqual([
      ['D1', 'north'],
      ['D2', 'north'],
      ['D3', 'south'],
      ['D4', null],
      ['D5', null],
    ]);
  });

  it('counts the other debtors’ invoices of the region settled by the as-of date', () => {
    expect(regionOf(regional(null), 'Q')).toEqual(onlyX);
    expect(regionOf(regional('2024-03-01'), 'Q')).toEqual({
      regionSettledCount: 2,
      regionLateShare: 0.5,
      regionDisputedShare: 0.5,
      regionDaysToSettle: (75 + 29) / 2,
    });
  });

  it('never sees an invoice settled after the as-of date, whenever it settles', () => {
    for (const yPaid of ['2024-04-02', '2024-06-30', '2030-01-01', null]) {
      expect(regionOf(regional(yPaid), 'Q')).toEqual(onlyX);
      expect(featuresOf(regional(yPaid), 'Q', '2024-04-01')).toEqual(
        featuresOf(regional(null), 'Q', '2024-04-01'),
      );
    }
    expect(regionOf(regional('2024-04-01'), 'Q').regionSettledCount).toBe(2);
    expect(regionOf(regional('2024-04-02'), 'Q', '2024-04-02').regionSettledCount).toBe(2);
  });

  it('matches a direct count on a generated portfolio, in one sweep', () => {
    const source = syntheticPortfolio({
      debtors: 30,
      invoicesEach: 12,
      seed: 3,
      openFrom: '2023-05-01',
      regions: 4,
    });
    const compiled = compileHistory(source);
    const next = random(5);
    const invoice = Int32Array.from(compiled.issueDay.keys());
    const day = invoice.map((item) => compiled.issueDay[item]! + Math.floor(next() * 60));
    const columns = regionColumns(compiled, { invoice, day });
    invoice.forEach((own, query) => {
      const debtor = compiled.debtorOf[own]!;
      const region = compiled.regionOf[debtor];
      const others = Array.from(compiled.settleDay.keys()).filter(
        (item) =>
          compiled.settleDay[item]! <= day[query]! &&
          compiled.debtorOf[item] !== debtor &&
          compiled.regionOf[compiled.debtorOf[item]!] === region,
      );
      const late = others.filter((item) => compiled.settleDay[item]! > compiled.dueDay[item]!);
      expect(columns.settledCount[query]).toBe(others.length);
      expect(columns.late[query]).toBe(late.length);
      expect(columns.disputed[query]).toBe(
        others.filter((item) => compiled.disputed[item] === 1).length,
      );
    });
  });

  it('reads the same figures from a snapshot of the day, even for one debtor alone', () => {
    const source = regional('2024-03-01');
    const compiled = compileHistory(source);
    const day = toDay('2024-04-01');
    const open = openOn(compiled, day);
    const snapshot = regionSnapshot(compiled, day);
    expect(snapshot).toEqual({
      asOf: '2024-04-01',
      totals: [
        { region: 'north', settledCount: 3, late: 1, disputed: 1, daysToSettle: 19 + 75 + 29 },
        { region: 'south', settledCount: 1, late: 0, disputed: 1, daysToSettle: 22 },
      ],
    });
    expect(snapshotColumns(compiled, open, snapshot)).toEqual(regionColumns(compiled, open));

    const alone = history({
      ...source,
      invoices: source.invoices.filter((i) => i.debtorCode === 'D1'),
    });
    const [fromSnapshot] = describeAsOf(alone, [{ invoiceNumber: 'Q', asOf: '2024-04-01' }], {
      regions: snapshot,
    });
    expect(fromSnapshot).toEqual(featuresOf(source, 'Q', '2024-04-01'));
    expect(() =>
      describeAsOf(alone, [{ invoiceNumber: 'Q', asOf: '2024-04-01' }], {
        regions: { ...snapshot, asOf: '2024-04-02' },
      }),
    ).toThrow(/cannot describe an earlier day/);
  });

  it('says nothing about a debtor whose region is not known, or without any debtors', () => {
    for (const number of ['U', 'V']) {
      for (const value of Object.values(regionOf(regional(null), number))) {
        expect(value).toBeNaN();
      }
    }
    const unlisted = regional('2024-03-01', false);
    for (const value of Object.values(regionOf(unlisted, 'Q'))) expect(value).toBeNaN();
    expect(compileHistory(unlisted).regionNames).toEqual([]);
    expect(featuresOf(unlisted, 'Q', '2024-04-01').settledCount).toBe(1);
  });
});

describe('the replay as a whole', () => {
  it.each([
    ['without regions', base()],
    [
      'with regions',
      {
        ...base(),
        debtors: [
          { code: 'D1', region: 'r' },
          { code: 'D2', region: 'r' },
        ],
      },
    ],
  ])('gives each query the same row alone as in a batch (%s)', (_, source) => {
    const compiled = compileHistory(source);
    const all = Int32Array.from(compiled.issueDay.keys());
    const batch = describeInvoices(compiled, { invoice: all, day: compiled.issueDay });
    all.forEach((invoiceIndex, row) => {
      const single = describeInvoices(compiled, {
        invoice: Int32Array.of(invoiceIndex),
        day: Int32Array.of(compiled.issueDay[invoiceIndex]!),
      });
      const width = batch.names.length;
      expect(Array.from(single.values)).toEqual(
        Array.from(batch.values.subarray(row * width, (row + 1) * width)),
      );
    });
  });
});
