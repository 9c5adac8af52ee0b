import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { createSplitter, isBusinessDay } from '@huikuan/node-red-nodes';

import { repoRoot } from './paths';
import {
  OPEN_INVOICE_MINOR,
  dayInZone,
  paymentOf,
  portfolioOf,
  shift,
  todayInZone,
  type PayerSpec,
  type Profile,
} from './strategy-portfolio';
import { bootTestApp, type DatabaseKind, type TestApp } from './strapi';

/** An action row as the Query Engine returns it. */
interface ActionRow {
  id: number;
  idempotencyKey: string;
  stepKey: string;
  kind: string;
  round: number;
  channel: string | null;
  templateCode: string | null;
  dispatchStatus: string;
  asOf: string;
  dueAt: string | Date;
  sentAt: string | Date | null;
  lastError: string | null;
  flowVersion: string;
  strategyVersion: number;
  branches: Array<{ experiment: string; branch: string }>;
  detail: Record<string, any> | null;
}

interface CaseRow {
  id: number;
  documentId: string;
  caseKey: string;
  caseStatus: string;
  agencyCode: string | null;
  frozenOn: string | null;
  legalReviewOn: string | null;
  holdUntil: string | null;
  holdReason: string | null;
  assignments: Record<string, { branch: string; assignedOn: string }> | null;
}

/** What a test expects of one action: [idempotency key, kind, channel, due day, status]. */
type Planned = [string, string, string | null, unknown, string];

/**
 * The due day of a wait hold: the test of the wait after the HL letter checks it exactly; the
 * day-by-day expectations leave it open.
 */
const HOLD_DAY = expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/);

const DEFAULT_FLOW = path.join(repoRoot, 'flows', 'strategies', 'default.json');
const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** The hl-offer split of the shipped HL flow: 80% champion, 20% challenger. */
const hlOfferBranch = createSplitter({
  experiment: 'hl-offer',
  branches: [
    { name: 'champion', share: 80 },
    { name: 'challenger', share: 20 },
  ],
});
const branchOf = (caseId: string) => (hlOfferBranch(caseId) === 0 ? 'champion' : 'challenger');

/** `days` working days after `day`, counted one day at a time. */
const workingDaysAfter = (day: string, days: number): string => {
  let current = day;
  for (let left = days; left > 0;) {
    current = shift(current, 1);
    if (isBusinessDay(current)) left -= 1;
  }
  return current;
};

/** Coefficients of the Chebyshev fit of erfc in Numerical Recipes (erfcc). */
const ERFC_FIT = [
  -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587,
  -0.82215223, 0.17087277,
];

/** The complementary error function, to a relative error below 1.2e-7. */
const erfc = (x: number): number => {
  const z = Math.abs(x);
  const t = 1 / (1 + z / 2);
  const fit = ERFC_FIT.reduceRight((sum, coefficient) => coefficient + t * sum, 0);
  const value = t * Math.exp(-z * z + fit);
  return x >= 0 ? value : 2 - value;
};

/** Pearson chi-square (no continuity correction) of a 2 x 2 table, and its p-value (df 1). */
const chiSquare2x2 = (table: number[][]) => {
  const rows = table.map((row) => row.reduce((sum, n) => sum + n, 0));
  const columns = [0, 1].map((c) => table.reduce((sum, row) => sum + (row[c] ?? 0), 0));
  const total = rows.reduce((sum, n) => sum + n, 0);
  let statistic = 0;
  let minExpected = Infinity;
  table.forEach((row, r) =>
    row.forEach((observed, c) => {
      const expected = ((rows[r] ?? 0) * (columns[c] ?? 0)) / total;
      statistic += (observed - expected) ** 2 / expected;
      minExpected = Math.min(minExpected, expected);
    }),
  );
  return { statistic, pValue: erfc(Math.sqrt(statistic / 2)), minExpected };
};

const meanOf = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
const varianceOf = (values: number[]) => {
  const centre = meanOf(values);
  return values.reduce((sum, v) => sum + (v - centre) ** 2, 0) / (values.length - 1);
};

/** The default strategies end to end on one database: Node-RED, Strapi, scoring, BullMQ. */
export const describeStrategies = (kind: DatabaseKind): void => {
  describe(`the default strategy flows on ${kind}`, () => {
    let app: TestApp;
    let flowDir: string;
    let flowFile: string;
    let runtime: { editorUrl: string | null; flowVersion(): string };
    /** The wait holds AHL1 had right after its offer was refused. */
    let waitsAfterRefusal: unknown[] = [];
    const shippedFlow = fs.readFileSync(DEFAULT_FLOW, 'utf8');
    /** Day 0 of the timeline: today in Shanghai, since the dispatcher stamps wall-clock days. */
    const T0 = todayInZone();
    const day = (n: number) => shift(T0, n);

    const collections = (name: string) => app.strapi.plugin('collections').service(name);
    const run = (asOf: string, worker = false) => collections('cycle').run({ asOf, worker });
    const write = (batch: unknown) => collections('ledger').writeBatch(batch);
    const payer = (code: string, profile: Profile, asOf: string, openDaysPastDue: number) =>
      ({ code, name: `${code} 测试有限公司`, profile, asOf, openDaysPastDue }) as PayerSpec;

    const actionsOf = async (code: string): Promise<ActionRow[]> =>
      (await app.strapi.db.query('api::action.action').findMany({
        where: { debtor: { code } },
        orderBy: { id: 'asc' },
      })) as ActionRow[];
    const caseOf = async (code: string): Promise<CaseRow> =>
      (await app.strapi.db.query('api::collection-case.collection-case').findOne({
        where: { debtor: { code } },
        orderBy: { id: 'desc' },
      })) as CaseRow;
    const quadrantsOn = async (asOf: string, codes: string[]) => {
      const rows = (await app.strapi.db.query('api::score-snapshot.score-snapshot').findMany({
        where: { asOf, debtor: { code: { $in: codes } } },
        populate: ['debtor'],
      })) as Array<{ quadrant: string; debtor: { code: string } }>;
      return Object.fromEntries(rows.map((row) => [row.debtor.code, row.quadrant]));
    };
    const planned = (rows: ActionRow[]): Planned[] =>
      rows.map((row) => [
        row.idempotencyKey,
        row.kind,
        row.channel ?? null,
        dayInZone(row.dueAt),
        row.dispatchStatus,
      ]);
    const keyed = (code: string, opened: string, step: string) => `${code}-${opened}:${step}`;
    const actionByStep = async (code: string, stepKey: string) => {
      const found = (await actionsOf(code)).find((row) => row.stepKey === stepKey && !row.round);
      if (!found) throw new Error(`${code} has no action for step ${stepKey}`);
      return found;
    };
    /** Sends one stored action the way a worker does (the dispatcher's own path). */
    const dispatchNow = async (code: string, stepKey: string) => {
      const action = await actionByStep(code, stepKey);
      return collections('dispatch').processAction(action.id);
    };
    const strategyPolicy = async () =>
      (await app.strapi.documents('api::policy.policy').findFirst({
        filters: { name: 'collection-strategy' },
        sort: 'version:desc',
        status: 'published',
      } as never)) as unknown as { version: number; config: Record<string, any> };
    const publishStrategyPolicy = async (config: Record<string, unknown>) => {
      const current = await strategyPolicy();
      await app.strapi.documents('api::policy.policy').create({
        data: { name: 'collection-strategy', version: current.version + 1, config },
        status: 'published',
      } as never);
    };

    beforeAll(async () => {
      flowDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huikuan-flow-'));
      flowFile = path.join(flowDir, 'default.json');
      fs.copyFileSync(DEFAULT_FLOW, flowFile);
      app = await bootTestApp(kind, { flowFile });
      await app.strapi.documents('api::agency.agency').create({
        data: { code: 'AGENCY-01', name: '华东信用管理有限公司', active: true },
      } as never);
      // The editor must be up before the first cycle: a process has one Node-RED runtime.
      runtime = await collections('cycle').strategyRuntime({ host: '127.0.0.1', port: 0 });
    }, 120_000);

    afterAll(async () => {
      await app?.close();
      if (flowDir) fs.rmSync(flowDir, { recursive: true, force: true });
    });

    it('sends on a replayed past day only what is due by that day', async () => {
      const replayDay = day(-10);
      await write(portfolioOf([payer('RHL1', 'HL', replayDay, 1)]));
      await run(replayDay, true);
      const byStep = Object.fromEntries(
        (await actionsOf('RHL1')).map((row) => [row.stepKey, row.dispatchStatus]),
      );
      // Settle it, so the replayed case is closed before the rest of the timeline.
      await write({
        payments: [paymentOf('RHL1', 'BK-RHL1', shift(replayDay, 1), OPEN_INVOICE_MINOR)],
      });
      expect((await run(shift(replayDay, 1))).cases.closed).toBe(1);

      // Day 0 of the replay: the reminder is due and sent; the call (due+3) and the letter
      // (due+7) lie days after it and must wait for their own days.
      expect(byStep).toEqual({
        'hl-reminder': 'sent',
        'hl-phone-day-3': 'planned',
        'hl-demand-letter-day-7': 'planned',
        'hl-wait-letter': 'held',
      });
    });

    it('plans day 0 of each quadrant flow exactly', async () => {
      await write(
        portfolioOf([
          payer('AHH1', 'HH', T0, 5),
          { ...payer('AHH2', 'HH', T0, 3), email: false },
          payer('AHL1', 'HL', T0, 1),
          payer('AHL2', 'HL', T0, 40),
          payer('ALH1', 'LH', T0, 12),
          payer('ALL1', 'LL', T0, 40),
          payer('ALL2', 'LL', T0, 95),
        ]),
      );
      const report = await run(T0, true);

      // The quadrant comes from the scoring plugin, before the flows read it.
      expect(report.segments).toEqual({ HH: 2, HL: 2, LH: 1, LL: 2 });
      expect(
        await quadrantsOn(T0, ['AHH1', 'AHH2', 'AHL1', 'AHL2', 'ALH1', 'ALL1', 'ALL2']),
      ).toEqual({
        AHH1: 'HH',
        AHH2: 'HH',
        AHL1: 'HL',
        AHL2: 'HL',
        ALH1: 'LH',
        ALL1: 'LL',
        ALL2: 'LL',
      });

      const k = (code: string, step: string) => keyed(code, T0, step);
      // HH: one polite reminder by the debtor's channel (email, else SMS), no more.
      expect(planned(await actionsOf('AHH1'))).toEqual([
        [k('AHH1', 'hh-reminder'), 'action', 'email', T0, 'sent'],
      ]);
      expect(planned(await actionsOf('AHH2'))).toEqual([
        [k('AHH2', 'hh-reminder'), 'action', 'sms', T0, 'sent'],
      ]);
      // HL, first time and 1 day late (due T0-1): reminder now, call on due+3, letter on
      // due+7, then a wait of 7 days after the letter.
      expect(planned(await actionsOf('AHL1'))).toEqual([
        [k('AHL1', 'hl-reminder'), 'action', 'email', T0, 'sent'],
        [k('AHL1', 'hl-phone-day-3'), 'action', 'phone', day(2), 'planned'],
        [k('AHL1', 'hl-demand-letter-day-7'), 'action', 'letter', day(6), 'planned'],
        [k('AHL1', 'hl-wait-letter'), 'hold', null, HOLD_DAY, 'held'],
      ]);
      // HL, 40 days late (a long offender): the letter at once, an offer after 5 silent days.
      expect(planned(await actionsOf('AHL2'))).toEqual([
        [k('AHL2', 'hl-demand-letter-day-7'), 'action', 'letter', T0, 'task_open'],
        [k('AHL2', 'hl-wait-letter'), 'hold', null, day(5), 'held'],
      ]);
      // LH, 12 days late: the reminder after the grace (due+7, so today), an offer 5 days on.
      expect(planned(await actionsOf('ALH1'))).toEqual([
        [k('ALH1', 'lh-reminder'), 'action', 'email', T0, 'sent'],
        [k('ALH1', 'lh-wait-reminder'), 'hold', null, day(5), 'held'],
      ]);
      // LL: 30-89 days late goes to legal review, 90 or more to the agency.
      const legal = await actionsOf('ALL1');
      expect(planned(legal)).toEqual([
        [k('ALL1', 'll-legal-review'), 'escalation', 'legal', T0, 'sent'],
      ]);
      expect(legal[0]?.detail).toEqual({ type: 'legal', agencyCode: null });
      // A legal review is handed over with its dossier: the case stops until it ends.
      expect(await caseOf('ALL1')).toMatchObject({ legalReviewOn: T0, agencyCode: null });
      const handOff = await actionsOf('ALL2');
      expect(planned(handOff)).toEqual([
        [k('ALL2', 'll-agency-handoff'), 'escalation', 'agency', T0, 'sent'],
      ]);
      expect(handOff[0]?.detail).toEqual({ type: 'agency', agencyCode: 'AGENCY-01' });
      expect(await caseOf('ALL2')).toMatchObject({ agencyCode: 'AGENCY-01', frozenOn: T0 });

      expect(await caseOf('AHL2')).toMatchObject({ holdUntil: day(5), holdReason: 'wait' });
      expect(report.actions).toMatchObject({
        planned: 12,
        byKind: { action: 7, hold: 3, escalation: 2 },
        refused: [],
        sent: 6,
        tasks: 1,
        failed: 0,
      });
    });

    it('holds an HL case until 7 days after its letter is due', async () => {
      // The letter is due on day 6; waiting 7 days after it ends on day 13 at the earliest.
      const hold = await actionByStep('AHL1', 'hl-wait-letter');
      expect([hold.detail, dayInZone(hold.dueAt)]).toEqual([
        { reason: 'wait', until: day(13) },
        day(13),
      ]);
      expect(await caseOf('AHL1')).toMatchObject({ holdUntil: day(13), holdReason: 'wait' });
    });

    it('plans nothing new before the next step is due', async () => {
      const report = await run(day(2));
      expect(report.actions.planned).toBe(0);
      // The call falls due today. Workers take only what is due by the wall clock, so the test
      // hands it to the dispatcher itself, as a worker would.
      await expect(dispatchNow('AHL1', 'hl-phone-day-3')).resolves.toBe('task_open');
    });

    it('offers a plan 5 silent days after the HL letter and the LH reminder', async () => {
      // ALL3 turns up on day 5, 20 days late: an LL demand letter for now.
      await write(portfolioOf([payer('ALL3', 'LL', day(5), 20)]));
      const report = await run(day(5));
      expect(await quadrantsOn(day(5), ['AHL2', 'ALH1', 'ALL3'])).toEqual({
        AHL2: 'HL',
        ALH1: 'LH',
        ALL3: 'LL',
      });
      expect(report.actions.byStep).toEqual({
        'hl-offer': 1,
        'hl-wait-offer': 1,
        'lh-instalment-offer': 1,
        'lh-wait-offer': 1,
        'll-demand-letter': 1,
        'll-wait-letter': 1,
      });

      // HL: the split assigns the case by the hash of its id, records it and plans its offer.
      const hlCase = await caseOf('AHL2');
      const branch = branchOf(hlCase.documentId);
      expect(hlCase.assignments).toEqual({ 'hl-offer': { branch, assignedOn: day(5) } });
      const offer = await actionByStep('AHL2', 'hl-offer');
      expect([offer.kind, offer.channel, dayInZone(offer.dueAt)]).toEqual([
        'offer',
        'email',
        day(5),
      ]);
      expect(offer.branches).toEqual([{ experiment: 'hl-offer', branch }]);
      if (branch === 'champion') {
        // 30% down, then 3 instalments 30 days apart; the remainder on the last one.
        expect(offer.detail?.offer).toEqual({
          type: 'instalment',
          downPaymentMinor: 600_000,
          instalments: [
            { dueOn: day(35), amountMinor: 466_666 },
            { dueOn: day(65), amountMinor: 466_666 },
            { dueOn: day(95), amountMinor: 466_668 },
          ],
          extensionDays: 90,
          currency: 'CNY',
        });
      } else {
        expect(offer.detail?.offer).toEqual({
          type: 'extension',
          downPaymentMinor: 0,
          instalments: [{ dueOn: day(35), amountMinor: OPEN_INVOICE_MINOR }],
          extensionDays: 30,
          currency: 'CNY',
        });
      }
      // AHL2 is 40 days late, a long offender: 7 days to answer the offer, not 14.
      const waitOffer = await actionByStep('AHL2', 'hl-wait-offer');
      expect(waitOffer.detail).toEqual({ reason: 'wait', until: day(12) });
      expect(waitOffer.branches).toEqual([{ experiment: 'hl-offer', branch }]);

      // LH: 6 instalments 30 days apart after 10% down, then 14 working days to answer.
      const lhOffer = await actionByStep('ALH1', 'lh-instalment-offer');
      expect(lhOffer.detail?.offer).toEqual({
        type: 'instalment',
        downPaymentMinor: 200_000,
        instalments: [1, 2, 3, 4, 5, 6].map((n) => ({
          dueOn: day(5 + 30 * n),
          amountMinor: 300_000,
        })),
        extensionDays: 180,
        currency: 'CNY',
      });
      const lhWait = await actionByStep('ALH1', 'lh-wait-offer');
      expect(lhWait.detail).toEqual({ reason: 'wait', until: workingDaysAfter(day(5), 14) });

      expect(planned(await actionsOf('ALL3'))).toEqual([
        [keyed('ALL3', day(5), 'll-demand-letter'), 'action', 'letter', day(5), 'planned'],
        [keyed('ALL3', day(5), 'll-wait-letter'), 'hold', null, day(12), 'held'],
      ]);

      // The same day again: nothing new, and the case keeps its branch.
      expect((await run(day(5))).actions.planned).toBe(0);
      expect((await caseOf('AHL2')).assignments).toEqual(hlCase.assignments);
    });

    it('hands a case 90 days late to the agency: frozen, pending letter withdrawn', async () => {
      // An older invoice of ALL3, imported late, makes it 120 days past due.
      await write({
        invoices: [
          {
            number: 'ALL3-old',
            debtorCode: 'ALL3',
            issueDate: shift(day(6), -150),
            dueDate: shift(day(6), -120),
            amountMinor: 1_000_000,
            currency: 'CNY',
            disputed: false,
          },
        ],
      });
      const report = await run(day(6));
      expect(await quadrantsOn(day(6), ['ALL3'])).toEqual({ ALL3: 'LL' });
      expect(report.actions.byStep).toEqual({ 'll-agency-handoff': 1 });
      expect(report.actions.cancelled).toBe(1);

      const rows = await actionsOf('ALL3');
      const k = (step: string) => keyed('ALL3', day(5), step);
      expect(planned(rows)).toEqual([
        [k('ll-demand-letter'), 'action', 'letter', day(5), 'cancelled'],
        [k('ll-wait-letter'), 'hold', null, day(12), 'held'],
        [k('ll-agency-handoff'), 'escalation', 'agency', day(6), 'planned'],
      ]);
      expect(rows[0]?.lastError).toMatch(/AGENCY-01/);
      expect(await caseOf('ALL3')).toMatchObject({ agencyCode: 'AGENCY-01', frozenOn: day(6) });

      // Frozen cases get nothing internal any more; AHL1's letter, due today, is done.
      expect((await run(day(6))).actions.planned).toBe(0);
      await expect(dispatchNow('AHL1', 'hl-demand-letter-day-7')).resolves.toBe('task_open');
    });

    it('splits HL 7 silent days after the letter and refuses an offer outside policy', async () => {
      const letter = await actionByStep('AHL1', 'hl-demand-letter-day-7');
      // The dispatcher stamps the day it really sent the letter; the wait counts from it.
      const splitDay = shift(dayInZone(letter.sentAt), 7);
      expect(splitDay >= day(7)).toBe(true);
      const original = await strategyPolicy();
      await publishStrategyPolicy({
        ...original.config,
        offers: { ...original.config.offers, maxTermDays: 20 },
      });

      const refused = await run(splitDay);
      const hlCase = await caseOf('AHL1');
      const branch = branchOf(hlCase.documentId);
      expect(hlCase.assignments).toEqual({ 'hl-offer': { branch, assignedOn: splitDay } });
      expect(refused.actions.refused).toEqual([
        {
          caseKey: hlCase.caseKey,
          stepKey: 'hl-offer',
          nodeId: branch === 'champion' ? 'hk-hl-offer-plan' : 'hk-hl-offer-ext',
          reason: expect.stringMatching(/offer outside the policy.*policy's 20/),
        },
      ]);
      expect(refused.actions.byStep['hl-offer']).toBeUndefined();
      expect((await actionsOf('AHL1')).some((row) => row.stepKey === 'hl-offer')).toBe(false);
      waitsAfterRefusal = (await actionsOf('AHL1'))
        .filter((row) => row.stepKey === 'hl-wait-offer')
        .map((row) => [row.idempotencyKey, row.detail]);

      // Refused again on a rerun, planned once, the branch unchanged.
      const rerun = await run(splitDay);
      expect(rerun.actions.planned).toBe(0);
      expect(rerun.actions.refused).toHaveLength(1);
      expect((await caseOf('AHL1')).assignments).toEqual(hlCase.assignments);

      // Back to the shipped limits: the offer is stored, on the branch assigned before.
      await publishStrategyPolicy(original.config);
      const accepted = await run(splitDay);
      expect(accepted.actions.refused).toEqual([]);
      expect(accepted.actions.byStep).toMatchObject({ 'hl-offer': 1 });
      const offer = await actionByStep('AHL1', 'hl-offer');
      expect(offer.branches).toEqual([{ experiment: 'hl-offer', branch }]);
      expect(offer.detail?.offer.type).toBe(branch === 'champion' ? 'instalment' : 'extension');
      // HH got one reminder and nothing since.
      expect((await actionsOf('AHH1')).map((row) => row.stepKey)).toEqual(['hh-reminder']);
    });

    it('plans no wait for an answer to an offer it refused', () => {
      // The flow planned the hold after the offer; the platform refused the offer but kept the
      // hold, so the case shows a wait for an answer to an offer that was never made.
      expect(waitsAfterRefusal).toEqual([]);
    });

    describe('a promise to pay', () => {
      const b0 = day(10);
      const opened = (step: string) => keyed('BHL1', b0, step);

      it('holds the case until the promised day, withdrawing steps due before it', async () => {
        await write(portfolioOf([payer('BHL1', 'HL', b0, 1)]));
        const first = await run(b0);
        expect(await quadrantsOn(b0, ['BHL1'])).toEqual({ BHL1: 'HL' });
        expect(first.actions.byStep).toEqual({
          'hl-reminder': 1,
          'hl-phone-day-3': 1,
          'hl-demand-letter-day-7': 1,
          'hl-wait-letter': 1,
        });
        await expect(dispatchNow('BHL1', 'hl-reminder')).resolves.toBe('sent');

        // The debtor calls the next day and promises to pay in full on b0+7.
        await write({
          activities: [
            {
              key: 'PTP-BHL1',
              debtorCode: 'BHL1',
              occurredOn: shift(b0, 1),
              channel: 'phone',
              direction: 'inbound',
              outcome: 'promised',
              promiseDate: shift(b0, 7),
              promiseAmountMinor: OPEN_INVOICE_MINOR,
              promiseCurrency: 'CNY',
              summary: '财务承诺下周一付清',
            },
          ],
        });
        const promised = await run(shift(b0, 1));
        expect(promised.actions.byStep).toEqual({ 'hl-promise-hold': 1 });
        expect(promised.actions.cancelled).toBe(2);

        const rows = await actionsOf('BHL1');
        expect(planned(rows)).toEqual([
          [opened('hl-reminder'), 'action', 'email', b0, 'sent'],
          [opened('hl-phone-day-3'), 'action', 'phone', shift(b0, 2), 'cancelled'],
          [opened('hl-demand-letter-day-7'), 'action', 'letter', shift(b0, 6), 'cancelled'],
          [opened('hl-wait-letter'), 'hold', null, HOLD_DAY, 'held'],
          [opened('hl-promise-hold'), 'hold', null, shift(b0, 7), 'held'],
        ]);
        expect(rows[4]?.detail).toEqual({ reason: 'promise', until: shift(b0, 7) });
        expect(rows[1]?.lastError).toContain(shift(b0, 7));
        expect(await caseOf('BHL1')).toMatchObject({
          holdUntil: shift(b0, 7),
          holdReason: 'promise',
        });

        const rerun = await run(shift(b0, 1));
        expect(rerun.actions).toMatchObject({ planned: 0, cancelled: 0 });
      });

      it('breaks the promise after the grace days and re-plans in round 1, once', async () => {
        const { config } = await strategyPolicy();
        const grace = config.promises.graceDays as number;
        expect(grace).toBe(3);
        // The last day of grace: still a promise, nothing new.
        const lastGraceDay = shift(b0, 7 + grace);
        const graceRun = await run(lastGraceDay);
        expect(graceRun.actions.planned).toBe(0);

        const broken = shift(lastGraceDay, 1);
        const report = await run(broken);
        expect(await quadrantsOn(broken, ['BHL1'])).toEqual({ BHL1: 'HL' });
        const fresh = (await actionsOf('BHL1')).filter((row) => row.round === 1);
        // A broken promise makes a repeated offender: the letter at once, 5 days to answer.
        expect(planned(fresh)).toEqual([
          [opened('hl-demand-letter-day-7@r1'), 'action', 'letter', broken, 'planned'],
          [opened('hl-wait-letter@r1'), 'hold', null, shift(broken, 5), 'held'],
        ]);
        expect(report.actions.byStep).toEqual({
          'hl-demand-letter-day-7': 1,
          'hl-wait-letter': 1,
        });
        const rerun = await run(broken);
        expect(rerun.actions.planned).toBe(0);
        expect(await actionsOf('BHL1')).toHaveLength(7);
      });
    });

    it('dry-runs a day writing nothing, planning what the real run then plans', async () => {
      const c0 = day(23);
      await write(
        portfolioOf([
          payer('CHH1', 'HH', c0, 2),
          payer('CHL1', 'HL', c0, 1),
          payer('CLH1', 'LH', c0, 10),
          payer('CLL1', 'LL', c0, 15),
        ]),
      );
      const tables = [
        'actions',
        'collection_cases',
        'score_snapshots',
        'strategies',
        'activities',
        'policies',
      ];
      const counts = async () => Promise.all(tables.map((table) => app.count(table)));
      const before = await counts();
      const caseRows = await app.strapi.db
        .query('api::collection-case.collection-case')
        .findMany({});

      const dry = await collections('cycle').dryRun({ asOf: c0 });
      // The editor's button on a case source answers the same.
      const button = await fetch(
        new URL('hk-case-source/hk-hh-cases/dry-run', runtime.editorUrl!),
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ asOf: c0 }),
        },
      );
      expect(button.status).toBe(200);
      expect(((await button.json()) as { planned: unknown }).planned).toEqual(dry.planned);

      expect(await counts()).toEqual(before);
      expect(
        await app.strapi.db.query('api::collection-case.collection-case').findMany({}),
      ).toEqual(caseRows);
      expect(dry.planned.total).toBeGreaterThanOrEqual(8);
      expect(dry.planned.byStep).toMatchObject({
        'hh-reminder': 1,
        'hl-reminder': 1,
        'hl-phone-day-3': 1,
        'lh-reminder': 1,
        'll-demand-letter': 1,
      });

      const report = await run(c0);
      expect(dry.cases).toBe(report.cases.open - report.cases.onHold);
      expect(dry.planned.total).toBe(report.actions.planned);
      expect(dry.planned.byStep).toEqual(report.actions.byStep);
      const { hold = 0, ...channels } = dry.planned.byChannel as Record<string, number>;
      expect(channels).toEqual(report.actions.byChannel);
      expect(hold).toBe(report.actions.byKind.hold ?? 0);
    });

    it('reports champion and challenger live, with a chi-square test', async () => {
      const e0 = day(24);
      const codes = Array.from({ length: 40 }, (_, i) => `E${String(i + 1).padStart(2, '0')}`);
      await write(portfolioOf(codes.map((code) => payer(code, 'HL', e0, 40))));
      const first = await run(e0);
      expect(first.actions.byStep).toMatchObject({ 'hl-demand-letter-day-7': 40 });
      for (const code of codes) {
        await expect(dispatchNow(code, 'hl-demand-letter-day-7')).resolves.toBe('task_open');
      }
      const assignedOn = shift(e0, 5);
      const split = await run(assignedOn);
      expect(split.actions.byStep).toMatchObject({ 'hl-offer': 40, 'hl-wait-offer': 40 });

      // Every assigned case with its branch, read back from the cases.
      const cases = (await app.strapi.db.query('api::collection-case.collection-case').findMany({
        where: { assignments: { $notNull: true } },
        populate: ['debtor'],
      })) as Array<CaseRow & { debtor: { code: string } }>;
      const assigned = cases
        .map((row) => ({
          code: row.debtor.code,
          branch: row.assignments?.['hl-offer']?.branch as string,
          assignedOn: row.assignments?.['hl-offer']?.assignedOn as string,
          caseId: row.documentId,
        }))
        .sort((a, b) => a.code.localeCompare(b.code));
      expect(assigned.map((row) => row.code)).toEqual(['AHL1', 'AHL2', ...codes]);
      for (const row of assigned) expect(row.branch).toBe(branchOf(row.caseId));

      // Payments after the assignment: a quarter of the champions and half the challengers
      // pay in full on different days; one more champion pays half.
      const champions = assigned.filter((r) => r.code.startsWith('E') && r.branch === 'champion');
      const challengers = assigned.filter(
        (r) => r.code.startsWith('E') && r.branch === 'challenger',
      );
      expect(champions.length).toBeGreaterThanOrEqual(2);
      expect(challengers.length).toBeGreaterThanOrEqual(1);
      const paid = new Map<string, { days: number; amountMinor: number }>();
      const championPaid = Math.max(1, Math.floor(champions.length / 4));
      champions.slice(0, championPaid).forEach((row, i) => {
        paid.set(row.code, { days: 1 + (i % 12), amountMinor: OPEN_INVOICE_MINOR });
      });
      const partial = champions[championPaid];
      if (partial) paid.set(partial.code, { days: 3, amountMinor: OPEN_INVOICE_MINOR / 2 });
      challengers.slice(0, Math.ceil(challengers.length / 2)).forEach((row, i) => {
        paid.set(row.code, { days: 2 + (i % 10), amountMinor: OPEN_INVOICE_MINOR });
      });
      await write({
        payments: [...paid].map(([code, { days, amountMinor }]) =>
          paymentOf(code, `BK-${code}-after`, shift(assignedOn, days), amountMinor),
        ),
      });

      const asOf = shift(assignedOn, 20);
      const { experiments } = await collections('strategy').compareExperiments({ asOf });
      expect(experiments).toHaveLength(1);
      const report = experiments[0];
      expect(report).toMatchObject({
        experiment: 'hl-offer',
        mainCurrency: 'CNY',
        champion: 'champion',
      });
      expect(report.cases).toBe(42);

      const expectBranch = (name: string) => {
        const members = assigned.filter((row) => row.branch === name);
        const full = members.filter(
          (row) => paid.get(row.code)?.amountMinor === OPEN_INVOICE_MINOR,
        );
        const recovered = members.reduce(
          (sum, row) => sum + (paid.get(row.code)?.amountMinor ?? 0),
          0,
        );
        const days = full.map((row) => paid.get(row.code)?.days as number);
        const summary = report.branches.find(
          (branch: { branch: string }) => branch.branch === name,
        );
        expect(summary).toMatchObject({
          branch: name,
          champion: name === 'champion',
          cases: members.length,
          overdueByCurrency: { CNY: members.length * OPEN_INVOICE_MINOR },
          recoveredByCurrency: { CNY: recovered },
          paidInFull: full.length,
        });
        expect(summary.recoveryRate).toBeCloseTo(
          recovered / (members.length * OPEN_INVOICE_MINOR),
          10,
        );
        expect(summary.paidInFullShare).toBeCloseTo(full.length / members.length, 10);
        expect(summary.meanCaseRecoveryRate).toBeCloseTo(
          recovered / OPEN_INVOICE_MINOR / members.length,
          10,
        );
        expect(summary.meanDaysToPay).toBeCloseTo(meanOf(days), 10);
        // The dispatcher stamps wall-clock send times, all before these as-of assignment days.
        expect(summary.costByCurrency).toEqual({ CNY: 0 });
        return { members: members.length, full: full.length, days };
      };
      const champion = expectBranch('champion');
      const challenger = expectBranch('challenger');
      expect(report.branches.map((branch: { branch: string }) => branch.branch)).toEqual([
        'champion',
        'challenger',
      ]);

      const expected = chiSquare2x2([
        [champion.full, champion.members - champion.full],
        [challenger.full, challenger.members - challenger.full],
      ]);
      expect(report.paidInFull).toMatchObject({
        ran: true,
        test: 'Pearson chi-square test of independence',
        degreesOfFreedom: 1,
        sampleSizes: { champion: champion.members, challenger: challenger.members },
      });
      expect(report.paidInFull.statistic).toBeCloseTo(expected.statistic, 9);
      expect(report.paidInFull.pValue).toBeCloseTo(expected.pValue, 6);
      expect(report.paidInFull.minExpectedCount).toBeCloseTo(expected.minExpected, 9);

      const welch = report.comparisons[0].daysToPay;
      const a = champion.days;
      const b = challenger.days;
      if (a.length >= 2 && b.length >= 2 && varianceOf(a) + varianceOf(b) > 0) {
        const se2 = varianceOf(a) / a.length + varianceOf(b) / b.length;
        expect(welch.ran).toBe(true);
        expect(welch.statistic).toBeCloseTo((meanOf(b) - meanOf(a)) / Math.sqrt(se2), 9);
        expect(welch.degreesOfFreedom).toBeCloseTo(
          se2 ** 2 /
            ((varianceOf(a) / a.length) ** 2 / (a.length - 1) +
              (varianceOf(b) / b.length) ** 2 / (b.length - 1)),
          9,
        );
      } else {
        expect(welch.ran).toBe(false);
      }
    });

    it('deploys an edited flow through the admin API; the next cycle follows it', async () => {
      const editor = (route: string, init?: RequestInit) =>
        fetch(new URL(route, runtime.editorUrl!), init);
      const v1 = runtime.flowVersion();
      expect(v1).toBe(sha256(DEFAULT_FLOW));

      // A case already in the strategy: its call is planned (not yet due) by version 1.
      const dR = day(50);
      await write(portfolioOf([payer('DEP9', 'HL', dR, 1)]));
      await run(dR);
      const callKey = keyed('DEP9', dR, 'hl-phone-day-3');
      const callBefore = (await actionsOf('DEP9')).find((row) => row.idempotencyKey === callKey);
      expect(callBefore).toMatchObject({ dispatchStatus: 'planned', strategyVersion: 1 });

      const current = (await (
        await editor('flows', { headers: { 'Node-RED-API-Version': 'v2' } })
      ).json()) as { rev: string; flows: Array<Record<string, unknown>> };
      const flows = current.flows.map((node) =>
        node.id === 'hk-hl-phone' ? { ...node, offsetDays: 2 } : node,
      );
      const deploy = await editor('flows', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Node-RED-API-Version': 'v2',
          'Node-RED-Deployment-Type': 'full',
        },
        body: JSON.stringify({ rev: current.rev, flows }),
      });
      expect(deploy.status).toBe(200);
      for (let tries = 0; tries < 200 && runtime.flowVersion() === v1; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const v2 = runtime.flowVersion();
      expect(v2).not.toBe(v1);
      expect(v2).toBe(sha256(flowFile));
      // The deploy wrote the temp copy only.
      expect(fs.readFileSync(DEFAULT_FLOW, 'utf8')).toBe(shippedFlow);

      const d0 = day(50);
      await write(portfolioOf([payer('DHL1', 'HL', d0, 1)]));
      const beforeDeployRun = (await app.strapi.db
        .query('api::action.action')
        .findMany({})) as ActionRow[];
      const report = await run(d0);
      expect(report.flow).toMatchObject({ version: v2, strategyVersion: 2 });
      // The still-planned call of the case already in the strategy follows the new flow too.
      expect(report.actions.replanned).toBeGreaterThanOrEqual(1);
      const callAfter = (await actionsOf('DEP9')).find((row) => row.idempotencyKey === callKey);
      expect(callAfter).toMatchObject({ flowVersion: v2, strategyVersion: 2 });
      expect(new Date(callAfter!.dueAt).getTime()).toBeLessThan(
        new Date(callBefore!.dueAt).getTime(),
      );
      expect(await quadrantsOn(d0, ['DHL1'])).toEqual({ DHL1: 'HL' });
      const k = (step: string) => keyed('DHL1', d0, step);
      // The call now comes on due+2 (due d0-1), the rest as before.
      expect(planned(await actionsOf('DHL1'))).toEqual([
        [k('hl-reminder'), 'action', 'email', d0, 'planned'],
        [k('hl-phone-day-3'), 'action', 'phone', shift(d0, 1), 'planned'],
        [k('hl-demand-letter-day-7'), 'action', 'letter', shift(d0, 6), 'planned'],
        [k('hl-wait-letter'), 'hold', null, HOLD_DAY, 'held'],
      ]);

      const versions = (await app.strapi.documents('api::strategy.strategy').findMany({
        filters: { name: 'default' },
        sort: 'version:asc',
        status: 'published',
      } as never)) as unknown as Array<{
        version: number;
        flowHash: string;
        active: boolean;
        flow: Array<Record<string, unknown>>;
      }>;
      expect(
        versions.map(({ version, flowHash, active }) => ({ version, flowHash, active })),
      ).toEqual([
        { version: 1, flowHash: v1, active: false },
        { version: 2, flowHash: v2, active: true },
      ]);
      const rows = await app.strapi.db.connection('strategies').countDistinct({ n: 'document_id' });
      expect(Number(rows[0]?.n)).toBe(2);
      const phone = (flow: Array<Record<string, unknown>>) =>
        flow.find((node) => node.id === 'hk-hl-phone')?.offsetDays;
      expect([phone(versions[0]!.flow), phone(versions[1]!.flow)]).toEqual([3, 2]);

      // Every action names the version that planned it.
      const all = (await app.strapi.db.query('api::action.action').findMany({})) as ActionRow[];
      // New rows and the rewritten still-planned ones carry version 2, every other row 1.
      const earlier = new Map(beforeDeployRun.map((row) => [row.idempotencyKey, row]));
      const rewritten = all.filter((row) => {
        const was = earlier.get(row.idempotencyKey);
        return was !== undefined && was.flowVersion !== row.flowVersion;
      });
      expect(rewritten.map((row) => row.idempotencyKey)).toContain(callKey);
      expect(rewritten).toHaveLength(report.actions.replanned);
      for (const row of rewritten) {
        expect(earlier.get(row.idempotencyKey)?.dispatchStatus).toBe('planned');
      }
      const byVersion = (row: ActionRow) =>
        !earlier.has(row.idempotencyKey) || rewritten.includes(row) ? [v2, 2] : [v1, 1];
      expect(all.map((row) => [row.flowVersion, row.strategyVersion])).toEqual(all.map(byVersion));
      expect(all.filter((row) => row.asOf === d0).length).toBeGreaterThanOrEqual(4);
    });
  });
};
