import { addDays } from '@huikuan/plugin-collections/domain/dates';

import { toDay } from '../calendar';
import { codeRows } from '../coding';
import { describeAsOf, describeInvoices, openOn } from '../features';
import { compileHistory } from '../history';
import { dot, fitLinear, fitLogistic, predictLinear, sigmoid } from '../learners';
import {
  LABEL_WINDOW_DAYS,
  MIN_TRAINING_INVOICES,
  parseModel,
  predict,
  train,
  type PaymentModel,
} from '../model';
import { history, invoice, syntheticPortfolio } from './fixtures';

const portfolio = syntheticPortfolio({
  debtors: 40,
  invoicesEach: 30,
  seed: 7,
  openFrom: '2024-02-01',
  regions: 4,
});
const AS_OF = '2024-02-20';

const FACTOR_CODES = [
  'payment.history.late',
  'payment.history.speed',
  'payment.open.overdue',
  'payment.open.load',
  'payment.invoice.amount',
  'payment.invoice.channel',
  'payment.invoice.term',
  'payment.dispute',
  'payment.region',
  'payment.relationship',
  'payment.promises',
  'payment.contacts',
  'payment.history.partial',
  'payment.invoice.past_due',
];

let plain: PaymentModel;

beforeAll(async () => {
  plain = await train(portfolio, { asOf: AS_OF, seed: 11 });
});

describe('training', () => {
  it('learns only from mature invoices settled by the as-of date', () => {
    const compiled = compileHistory(portfolio);
    const day = toDay(AS_OF);
    const mature = (invoice: number) => compiled.issueDay[invoice]! <= day - LABEL_WINDOW_DAYS;
    const labelled = Array.from(compiled.settleDay.keys()).filter(
      (invoice) => compiled.settleDay[invoice]! <= day && mature(invoice),
    );
    expect(plain.trainedOn.invoices).toBe(labelled.length);
    expect(plain.trainedOn.labelledInvoices).toBe(labelled.length);
    expect(plain.trainedOn.invoices).toBeGreaterThan(MIN_TRAINING_INVOICES);
    expect(plain.trainedOn.lastIssueDate <= addDays(AS_OF, -LABEL_WINDOW_DAYS)).toBe(true);
    expect(plain.trainedOn).toMatchObject({ asOf: AS_OF, debtors: 40 });
  });

  it('is reproducible: same history, options and seed give the same document', async () => {
    const again = await train(portfolio, { asOf: AS_OF, seed: 11 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(plain));
    const other = await train(portfolio, { asOf: AS_OF, seed: 12 });
    expect(other.seed).toBe(12);
    expect(other.params.days.seed).toBe(12);
  });

  it('writes a versioned JSON document that reads back and predicts the same', async () => {
    const read = parseModel(JSON.parse(JSON.stringify(plain)));
    expect(read).toEqual(plain);
    expect(read).toMatchObject({ version: 2, kind: 'huikuan.payment.dispute-mixture-linear' });
    expect(await predict(read, portfolio, AS_OF)).toEqual(await predict(plain, portfolio, AS_OF));
    expect(() => parseModel({ ...plain, version: 1 })).toThrow();
    expect(() => parseModel({ ...plain, extra: true })).toThrow();
  });

  it('chooses its penalty and shrinkage on the latest quarter of the training period', () => {
    const { selection } = plain.params;
    expect(selection.method).toBe('time-ordered-validation');
    expect(selection.candidates.length).toBeGreaterThan(1);
    const best = Math.min(...selection.candidates.map((candidate) => candidate.maeDays));
    expect(plain.metrics.validation?.maeDays).toBe(best);
    expect(selection.validationFrom! <= plain.trainedOn.lastIssueDate).toBe(true);
    expect(selection.validationFrom! > plain.trainedOn.firstIssueDate).toBe(true);
  });

  it('learns from the regions when the debtors are listed, and trains without them', async () => {
    const regionColumns = (model: PaymentModel) =>
      model.coding.filter((code) => code.feature.startsWith('region')).map((code) => code.feature);
    expect(new Set(regionColumns(plain))).toEqual(
      new Set(['regionLateShare', 'regionDisputedShare', 'regionDaysToSettle']),
    );
    expect(plain.params.regionPriorInvoices).toBeGreaterThan(0);

    const { debtors, ...unlisted } = portfolio;
    expect(debtors).toHaveLength(40);
    const without = await train(unlisted, { asOf: AS_OF, seed: 11 });
    expect(regionColumns(without)).toEqual([]);
    const predictions = await predict(without, unlisted, AS_OF);
    expect(predictions.length).toBeGreaterThan(40);
    for (const p of predictions) {
      expect(Number.isFinite(p.lateProbability)).toBe(true);
      expect(p.reasons.every((reason) => reason.code !== 'payment.region')).toBe(true);
    }
  });

  it('refuses a history with too few settled invoices', async () => {
    const tiny = history({ invoices: [invoice('A', 'D', '2024-01-01', 100)] });
    await expect(train(tiny, { asOf: '2024-06-30' })).rejects.toThrow(/needs at least/);
  });

  it('learns the debtors’ habits', () => {
    expect(plain.metrics.training.auc).toBeGreaterThan(0.85);
    expect(plain.metrics.validation!.auc).toBeGreaterThan(0.8);
  });
});

describe('prediction of open invoices', () => {
  let predictions: Awaited<ReturnType<typeof predict>>;

  beforeAll(async () => {
    predictions = await predict(plain, portfolio, AS_OF);
  });

  it('scores exactly the invoices open on the as-of date', () => {
    const compiled = compileHistory(portfolio);
    const open = openOn(compiled, toDay(AS_OF));
    const expected = Array.from(open.invoice, (i) => compiled.source.invoices[i]!.number).sort();
    expect(predictions.map((p) => p.invoiceNumber).sort()).toEqual(expected);
    expect(predictions.length).toBeGreaterThan(40);
  });

  it('gives probabilities, expected days no earlier than tomorrow, and dates to match', () => {
    for (const p of predictions) {
      const issued = portfolio.invoices.find((item) => item.number === p.invoiceNumber)!;
      const age = toDay(AS_OF) - toDay(issued.issueDate);
      expect(p.lateProbability).toBeGreaterThanOrEqual(0);
      expect(p.lateProbability).toBeLessThanOrEqual(1);
      expect(p.expectedDaysToSettle).toBeGreaterThanOrEqual(age + 1);
      expect(toDay(p.expectedSettlementDate) - toDay(issued.issueDate)).toBe(
        Math.round(p.expectedDaysToSettle),
      );
      expect(p.disputeProbability).toBeGreaterThan(0);
      expect(p.disputeProbability).toBeLessThan(1);
    }
  });

  it('predicts a debtor alike alone or among the whole portfolio', async () => {
    const debtorCode = predictions[0]!.debtorCode;
    const alone: typeof portfolio = {
      ...portfolio,
      invoices: portfolio.invoices.filter((item) => item.debtorCode === debtorCode),
      payments: portfolio.payments.filter((item) => item.debtorCode === debtorCode),
    };
    expect(await predict(plain, alone, AS_OF)).toEqual(
      predictions.filter((p) => p.debtorCode === debtorCode),
    );
    expect(plain.regions.asOf).toBe(AS_OF);
    expect(plain.regions.totals.map((total) => total.region)).toEqual(['R0', 'R1', 'R2', 'R3']);
  });

  it('calls an invoice already past due late for certain, and says so first', () => {
    const pastDue = predictions.filter((p) => p.knownLate);
    expect(pastDue.length).toBeGreaterThan(0);
    for (const p of pastDue) {
      expect(p.lateProbability).toBe(1);
      expect(p.reasons[0]).toMatchObject({ code: 'payment.invoice.past_due' });
      expect(p.reasons[0]!.text.en).toMatch(/^already \d+ days past due$/);
    }
  });

  it('explains each prediction by real factors, strongest first, in both languages', () => {
    for (const p of predictions) {
      expect(p.reasons.length).toBeGreaterThan(0);
      const weights = p.reasons.filter((r) => r.code !== 'payment.invoice.past_due');
      weights.forEach((reason, index) => {
        expect(FACTOR_CODES).toContain(reason.code);
        expect(reason.text['zh-CN']).toMatch(/\S/);
        expect(reason.text.en).toMatch(/\S/);
        expect(reason.text.en).not.toMatch(/NaN|undefined/);
        if (index > 0) {
          expect(Math.abs(reason.weight)).toBeLessThanOrEqual(Math.abs(weights[index - 1]!.weight));
        }
      });
    }
  });

  it('blames a chronic late payer’s history and quotes its real counts', () => {
    const fresh = predictions.filter((p) => !p.knownLate);
    const worst = fresh.reduce((a, b) => (b.lateProbability > a.lateProbability ? b : a));
    const best = fresh.reduce((a, b) => (b.lateProbability < a.lateProbability ? b : a));
    expect(worst.lateProbability).toBeGreaterThan(0.8);
    expect(best.lateProbability).toBeLessThan(0.2);

    const history = worst.reasons.find((r) => r.code.startsWith('payment.history.'));
    expect(history).toBeDefined();
    expect(history!.weight).toBeGreaterThan(0);
    const [facts] = describeAsOf(portfolio, [{ invoiceNumber: worst.invoiceNumber, asOf: AS_OF }]);
    const settled = facts!.settledCount!;
    const late = Math.round(facts!.lateShare! * settled);
    const sentence =
      history!.code === 'payment.history.late'
        ? `${late} of ${settled} past invoices were paid late`
        : `past invoices took ${facts!.meanDaysToSettle!.toFixed(0)} days on average to settle`;
    expect(history!.text.en).toContain(sentence);
    if (history!.code === 'payment.history.late') {
      expect(history!.text['zh-CN']).toContain(`过去 ${settled} 张发票中 ${late} 张逾期`);
    }
  });

  it('reads the invoice’s own disputed flag only in a model trained to', async () => {
    const flagged = await train(portfolio, { asOf: AS_OF, withDisputed: true });
    const read = await predict(flagged, portfolio, AS_OF);
    expect(read.every((p) => p.disputeProbability === null)).toBe(true);
    const disputedNumbers = new Set(
      portfolio.invoices.filter((i) => i.disputed).map((i) => i.number),
    );
    const disputed = read.filter((p) => disputedNumbers.has(p.invoiceNumber) && !p.knownLate);
    for (const p of disputed.slice(0, 5)) {
      expect(p.reasons.some((r) => r.text.en === 'the invoice is disputed')).toBe(
        p.reasons.some((r) => r.code === 'payment.dispute'),
      );
    }
    const plainRead = await predict(plain, portfolio, AS_OF);
    expect(
      plainRead.some((p) =>
        p.reasons.some((r) => /the invoice is( not)? disputed/.test(r.text.en)),
      ),
    ).toBe(false);
  });
});

describe('the learning libraries', () => {
  it('XGBoost predicts what the weights read from its model file say', async () => {
    const compiled = compileHistory(portfolio);
    const matrix = describeInvoices(compiled, openOn(compiled, toDay(AS_OF)), {
      withDisputed: true,
    });
    const rows = Array.from({ length: matrix.rows }, (_, row) => row);
    const coded = codeRows(matrix, rows, plain.coding);
    const fromXGBoost = await predictLinear(plain.weights.days, coded);
    coded.forEach((row, index) => {
      const byHand = plain.weights.days.intercept + dot(plain.weights.days.weights, row);
      expect(fromXGBoost[index]).toBeCloseTo(byHand, 2);
    });
  });

  it('recovers a known line and a known logistic', async () => {
    const next = (() => {
      let state = 3;
      return () => (state = (state * 16807) % 2147483647) / 2147483647;
    })();
    const rows = Array.from({ length: 400 }, () => [next() * 2 - 1, next() * 2 - 1]);
    const line = await fitLinear(
      rows,
      rows.map(([a, b]) => 3 + 2 * a! - b!),
      { lambda: 0, alpha: 0, eta: 0.5, iterations: 200, seed: 1 },
    );
    expect(line.intercept).toBeCloseTo(3, 3);
    expect(line.weights[0]).toBeCloseTo(2, 3);
    expect(line.weights[1]).toBeCloseTo(-1, 3);

    const withIntercept = rows.map((row) => [1, ...row]);
    const labels = withIntercept.map((row) => Number(next() < sigmoid(dot([-0.5, 3, -2], row))));
    const weights = fitLogistic(withIntercept, labels, { steps: 2000, rate: 1 })!;
    expect(weights[1]).toBeGreaterThan(2);
    expect(weights[2]).toBeLessThan(-1);
    expect(
      fitLogistic(
        withIntercept,
        labels.map(() => 1),
        { steps: 10, rate: 1 },
      ),
    ).toBeNull();
  });

  it('refuses a non-finite input instead of letting the WebAssembly abort', async () => {
    const params = { lambda: 1, alpha: 0, eta: 0.5, iterations: 5, seed: 1 };
    await expect(fitLinear([[1], [NaN]], [1, 2], params)).rejects.toThrow(/non-finite/);
    await expect(fitLinear([[1], [2]], [1, Infinity], params)).rejects.toThrow(/not finite/);
  });
});
