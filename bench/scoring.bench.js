#!/usr/bin/env node
/**
 * Benchmark of the scoring: a generated book of debtors and invoices (a seeded
 * generator, no database), then
 *   1. the payment model trained on the settled history,
 *   2. the payment model's predictions for every open invoice,
 *   3. every debtor assessed: behaviour, statements (ratios, Z'', the bankruptcy
 *      model), ability, willingness, quadrant and the overdue reason.
 *
 *   npm run bench:scoring -- [--debtors 100000] [--invoices 1000000] [--seed 1]
 *
 * Prints time and peak memory per phase; it asserts nothing.
 */
const argValue = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : process.argv[index + 1];
};
const debtorCount = Number(argValue('debtors', '100000'));
const invoiceCount = Number(argValue('invoices', '1000000'));
let seed = Number(argValue('seed', '1'));

const { assessDebtor } = require('../plugins/scoring/dist/domain/assess');
const { DEFAULT_POLICY } = require('../plugins/scoring/dist/domain/policy');
const { createStatementReader } = require('../plugins/scoring/dist/adapters/statements');
const {
  toPaymentHistory,
  upcomingLateProbability,
} = require('../plugins/scoring/dist/adapters/payments');
const { train, predict } = require('../plugins/scoring/dist/payment/model');

let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const sampler = setInterval(sample, 50);
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** A small linear congruential generator: the same seed gives the same book. */
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const DAY = 86_400_000;
const AS_OF = '2026-06-30';
const day = (offset) =>
  new Date(Date.parse(`${AS_OF}T00:00:00Z`) + offset * DAY).toISOString().slice(0, 10);
const NOTES = [
  '客户称资金紧张，希望延期',
  '财务说忘了付款',
  '反映货物质量问题',
  '承诺下周付款',
  '电话无人接听',
];

const generate = () => {
  const histories = [];
  const perDebtor = invoiceCount / debtorCount;
  let made = 0;
  for (let d = 0; d < debtorCount; d += 1) {
    const code = `B${String(d).padStart(6, '0')}`;
    const lateness = random() < 0.6 ? 0 : random() * 60;
    const count = Math.max(1, Math.round(perDebtor * (0.5 + random())));
    const invoices = [];
    for (let i = 0; i < count && made < invoiceCount; i += 1, made += 1) {
      const issue = -Math.floor(random() * 700) - 1;
      const due = issue + 30;
      const late = Math.round(random() < 0.5 ? 0 : lateness * random() * 2);
      const settled = due + late;
      const amountMinor = Math.round(1000 + random() * 50000) * 100;
      invoices.push({
        number: `${code}-${i}`,
        issueDate: day(issue),
        dueDate: day(due),
        amountMinor,
        currency: 'CNY',
        disputed: random() < 0.03,
        movements: settled <= 0 ? [{ date: day(settled), amountMinor, kind: 'payment' }] : [],
      });
    }
    const statements = [];
    if (random() < 0.5) {
      const ta = Math.round(1e8 * (1 + random() * 10));
      const tl = Math.round(ta * (0.3 + random() * 0.7));
      const stl = Math.round(tl * 0.7);
      const ca = Math.round(stl * (0.6 + random() * 2));
      statements.push({
        debtorCode: code,
        periodEnd: '2025-12-31',
        currency: 'CNY',
        totalAssetsMinor: Math.max(ta, ca),
        currentAssetsMinor: ca,
        inventoryMinor: Math.round(ca * 0.3),
        cashMinor: Math.round(ca * 0.1),
        receivablesMinor: Math.round(ca * 0.4),
        totalLiabilitiesMinor: tl,
        shortTermLiabilitiesMinor: stl,
        equityMinor: Math.max(ta, ca) - tl,
        retainedEarningsMinor: Math.round((ta - tl) * 0.3),
        salesMinor: Math.round(ta * (0.8 + random())),
        costOfSalesMinor: Math.round(ta * 0.7),
        ebitMinor: Math.round(ta * (random() * 0.2 - 0.05)),
        netProfitMinor: Math.round(ta * (random() * 0.15 - 0.05)),
        depreciationMinor: Math.round(ta * 0.03),
        operatingCashFlowMinor: Math.round(ta * (random() * 0.2 - 0.05)),
      });
    }
    const activities =
      random() < 0.3
        ? [
            {
              debtorCode: code,
              occurredOn: day(-Math.floor(random() * 60)),
              channel: 'phone',
              direction: 'inbound',
              outcome: 'reached',
              summary: NOTES[Math.floor(random() * NOTES.length)],
            },
          ]
        : [];
    histories.push({ debtorCode: code, invoices, activities, statements });
  }
  return histories;
};

const timed = async (label, run) => {
  const started = process.hrtime.bigint();
  const result = await run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  sample();
  console.log(
    `${label.padEnd(44)} ${seconds.toFixed(1).padStart(7)} s   peak RSS so far ${mib(peakRss)}`,
  );
  return result;
};

const main = async () => {
  console.log(
    `scoring benchmark: ${debtorCount} debtors, ${invoiceCount} invoices, as of ${AS_OF}`,
  );
  const histories = await timed('generate the book', () => generate());
  const history = await timed('ledger -> payment history', () => toPaymentHistory(histories));
  const model = await timed('train the payment model (settled history)', () =>
    train(history, { asOf: AS_OF, seed: 42, withDisputed: true }),
  );
  const predictions = await timed('predict every open invoice', () =>
    predict(model, history, AS_OF),
  );
  const byDebtor = new Map();
  for (const prediction of predictions) {
    const list = byDebtor.get(prediction.debtorCode);
    if (list) list.push(prediction);
    else byDebtor.set(prediction.debtorCode, [prediction]);
  }
  const readStatement = await createStatementReader();
  const segments = { HH: 0, HL: 0, LH: 0, LL: 0 };
  const reasons = {};
  await timed('assess every debtor (ability, willingness, reason)', () => {
    for (const debtor of histories) {
      const assessment = assessDebtor(DEFAULT_POLICY, debtor, AS_OF, {
        readStatement,
        lateProbability: upcomingLateProbability(byDebtor.get(debtor.debtorCode)),
      });
      segments[assessment.quadrant] += 1;
      reasons[assessment.reason.verdict] = (reasons[assessment.reason.verdict] ?? 0) + 1;
    }
  });
  clearInterval(sampler);
  console.log(`open invoices predicted: ${predictions.length}`);
  console.log(`segments: ${JSON.stringify(segments)}`);
  console.log(`reasons: ${JSON.stringify(reasons)}`);
  console.log(`peak RSS: ${mib(peakRss)}`);
};

main().catch((error) => {
  clearInterval(sampler);
  console.error(error);
  process.exit(1);
});
