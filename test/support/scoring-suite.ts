import { bootTestApp, type DatabaseKind, type TestApp } from './strapi';

const AS_OF = '2025-06-30';
const DAY = 86_400_000;
const shift = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

interface Payer {
  code: string;
  name: string;
  /** Days late of each past invoice, oldest first; they are settled in full. */
  pastDaysLate: number[];
  /** Days past due of the open invoice on AS_OF. */
  openDaysPastDue: number;
  disputed?: boolean;
  /** Each past invoice paid in two halves. */
  partial?: boolean;
}

/** Monthly invoices of 10,000.00 with 30-day terms, paid `daysLate` after due. */
const ledgerOf = (payers: Payer[]) => {
  const invoices: unknown[] = [];
  const payments: unknown[] = [];
  for (const payer of payers) {
    const count = payer.pastDaysLate.length;
    payer.pastDaysLate.forEach((late, index) => {
      const number = `${payer.code}-${index + 1}`;
      const issueDate = shift(AS_OF, -30 * (count - index) - 120);
      const dueDate = shift(issueDate, 30);
      invoices.push({
        number,
        debtorCode: payer.code,
        issueDate,
        dueDate,
        amountMinor: 1_000_000,
        currency: 'CNY',
        disputed: false,
      });
      const halves = payer.partial ? [Math.floor(late / 2), late] : [late];
      halves.forEach((days, part) => {
        const amountMinor = 1_000_000 / halves.length;
        payments.push({
          reference: `BK-${number}-${part + 1}`,
          debtorCode: payer.code,
          paymentDate: shift(dueDate, days),
          amountMinor,
          currency: 'CNY',
          allocations: [{ invoiceNumber: number, amountMinor }],
        });
      });
    });
    const dueDate = shift(AS_OF, -payer.openDaysPastDue);
    invoices.push({
      number: `${payer.code}-open`,
      debtorCode: payer.code,
      issueDate: shift(dueDate, -30),
      dueDate,
      amountMinor: 2_000_000,
      currency: 'CNY',
      disputed: payer.disputed ?? false,
    });
  }
  return {
    debtors: payers.map(({ code, name }) => ({ code, name })),
    contacts: payers.map(({ code, name }) => ({
      debtorCode: code,
      name: `${name}财务`,
      phone: '13800000000',
    })),
    invoices,
    payments,
  };
};

const payers: Payer[] = [
  // A good payer a few days late: able and willing, probably an oversight.
  {
    code: 'S1',
    name: '杭州守信机械有限公司',
    pastDaysLate: [0, 0, 0, 0, 0, 0],
    openDaysPastDue: 5,
  },
  // Sound statements, always late, promises broken, refused: able but unwilling.
  {
    code: 'S2',
    name: '宁波拖欠贸易有限公司',
    pastDaysLate: [35, 42, 50, 38, 45, 60],
    openDaysPastDue: 40,
  },
  // Pays on time but its statements are weak and it says cash is tight.
  {
    code: 'S3',
    name: '温州紧张制造有限公司',
    pastDaysLate: [0, 0, 2, 0, 0, 0],
    openDaysPastDue: 12,
  },
  // No statements; the overdue invoice is disputed.
  {
    code: 'S4',
    name: '常州争议电子有限公司',
    pastDaysLate: [0, 3, 0],
    openDaysPastDue: 20,
    disputed: true,
  },
  // No statements, paying in parts ever later and asking for time: unable and unwilling.
  {
    code: 'S5',
    name: '无锡困顿材料有限公司',
    pastDaysLate: [60, 75, 90],
    openDaysPastDue: 70,
    partial: true,
  },
];

const contacts = [
  {
    key: 'CRM-1',
    debtorCode: 'S2',
    occurredOn: '2025-05-10',
    channel: 'phone',
    direction: 'inbound',
    outcome: 'promised',
    promiseDate: '2025-05-15',
    summary: '承诺下周付款',
  },
  {
    key: 'CRM-2',
    debtorCode: 'S2',
    occurredOn: '2025-05-25',
    channel: 'phone',
    direction: 'inbound',
    outcome: 'promised',
    promiseDate: '2025-06-01',
    summary: '再次承诺月初付款',
  },
  {
    key: 'CRM-3',
    debtorCode: 'S2',
    occurredOn: '2025-06-20',
    channel: 'phone',
    direction: 'inbound',
    outcome: 'refused',
    summary: '财务说老板拒付，先拖着',
  },
  {
    key: 'CRM-4',
    debtorCode: 'S3',
    occurredOn: '2025-06-25',
    channel: 'phone',
    direction: 'inbound',
    outcome: 'reached',
    summary: '客户称最近资金紧张，下游回款慢',
  },
];

const STATEMENT_CSV = [
  '客户编码,报告期末,币种,资产总计,流动资产合计,存货,货币资金,应收账款,负债合计,流动负债合计,所有者权益合计,实收资本,未分配利润,营业收入,营业成本,息税前利润,净利润,折旧与摊销,经营活动产生的现金流量净额,财务费用,期间费用',
  // Sound: liquid, little debt, profitable.
  'S1,2024-12-31,CNY,5000000,3000000,800000,900000,1000000,1500000,1000000,3500000,1000000,1800000,8000000,5600000,900000,700000,200000,850000,20000,1200000',
  'S2,2024-12-31,CNY,6000000,3600000,900000,1200000,1200000,1800000,1200000,4200000,1500000,2000000,9000000,6300000,1000000,800000,250000,950000,30000,1300000',
  // Weak: losses, debt above assets, little cash.
  'S3,2024-12-31,CNY,4000000,1200000,600000,50000,450000,4200000,2600000,-200000,1000000,-1500000,3000000,2800000,-500000,-650000,150000,-300000,250000,900000',
].join('\n');

/** Scores, quadrants and reasons through the real collection run on one database. */
export const describeScoring = (kind: DatabaseKind): void => {
  describe(`scoring in the collection run on ${kind}`, () => {
    let app: TestApp;
    const collections = (name: string) => app.strapi.plugin('collections').service(name);
    const snapshots = async () =>
      (await app.strapi.db.query('api::score-snapshot.score-snapshot').findMany({
        populate: ['debtor', 'collectionCase'],
      })) as Array<Record<string, any>>;
    const byCode = async () =>
      new Map((await snapshots()).map((row) => [row.debtor.code as string, row]));

    beforeAll(async () => {
      app = await bootTestApp(kind);
      await collections('ledger').writeBatch({ ...ledgerOf(payers), activities: contacts });
      const imported = await collections('importer').importFile(Buffer.from(STATEMENT_CSV), {
        fileName: 'statements.csv',
        preset: 'financial-statements',
      });
      expect(imported.errors).toEqual([]);
      expect(imported.counts.statements.created).toBe(3);
    }, 120_000);

    afterAll(async () => {
      await app?.close();
    });

    it('scores every open case before the strategy and reports the four segments', async () => {
      const report = await collections('cycle').run({ asOf: AS_OF, worker: false });
      expect(report.cases.open).toBe(5);
      expect(report.cases.onHold).toBe(1);
      expect(report.segments).toEqual({ HH: 2, HL: 1, LH: 1, LL: 1 });
      expect(report.reasons).toEqual({
        oversight: 1,
        wilful: 1,
        cash_flow: 2,
        dispute: 1,
        unknown: 0,
      });

      const rows = await byCode();
      expect(rows.size).toBe(5);
      const s1 = rows.get('S1')!;
      expect([s1.quadrant, s1.reasonVerdict, s1.abilityBasis, s1.abilityConfidence]).toEqual([
        'HH',
        'oversight',
        'statements',
        'high',
      ]);
      expect(Number(s1.bankruptcyProbability)).toBeLessThan(0.1);
      const s2 = rows.get('S2')!;
      expect([s2.quadrant, s2.reasonVerdict]).toEqual(['HL', 'wilful']);
      const s2Evidence = s2.details.reason.evidence.map((e: any) => e.text['zh-CN']).join('\n');
      expect(s2Evidence).toContain('未兑现的付款承诺为 2');
      expect(s2Evidence).toContain('拒付');
      const s3 = rows.get('S3')!;
      expect([s3.quadrant, s3.reasonVerdict]).toEqual(['LH', 'cash_flow']);
      expect(s3.details.reason.evidence.map((e: any) => e.text.en).join('\n')).toMatch(/资金紧张/);
      expect(Number(s3.bankruptcyProbability)).toBeGreaterThan(Number(s1.bankruptcyProbability));
      const s4 = rows.get('S4')!;
      expect([s4.quadrant, s4.reasonVerdict, s4.abilityBasis, s4.abilityConfidence]).toEqual([
        'HH',
        'dispute',
        'behaviour',
        'low',
      ]);
      expect(s4.details.ability.notes.map((n: any) => n.en).join(' ')).toMatch(
        /no financial statement/,
      );
      const s5 = rows.get('S5')!;
      expect([s5.quadrant, s5.reasonVerdict, s5.abilityBasis]).toEqual([
        'LL',
        'cash_flow',
        'behaviour',
      ]);
      expect(s5.details.reason.evidence.map((e: any) => e.text.en).join(' ')).toMatch(
        /ability-to-pay score is \d+ \(rule: < 40\)/,
      );
      for (const row of rows.values()) {
        expect(row.asOf).toBe(AS_OF);
        expect(row.policyVersion).toBe(1);
        expect(row.modelVersions.bankruptcy).toBe('bankruptcy-v1');
        expect(row.collectionCase).not.toBeNull();
        expect(row.abilityScore).toBeGreaterThanOrEqual(0);
        expect(row.abilityScore).toBeLessThanOrEqual(100);
      }
    });

    it('names the row of a statement whose debtor is not in the ledger', async () => {
      const csv = [
        '客户编码,报告期末,资产总计,负债合计,营业收入',
        'S4,2024-12-31,100000,50000,300000',
        'NOBODY,2024-12-31,100000,50000,300000',
      ].join('\n');
      const importer = collections('importer');
      const refused = await importer.importFile(Buffer.from(csv), {
        fileName: 'statements.csv',
        preset: 'financial-statements',
      });
      expect(refused.written).toBe(false);
      expect(refused.errors).toEqual([
        expect.objectContaining({ row: 3, code: 'unknown-debtor', value: 'NOBODY' }),
      ]);
      expect(refused.errors[0].message).toMatch(/NOBODY.*不在账中/);
      const partial = await importer.importFile(Buffer.from(csv), {
        fileName: 'statements.csv',
        preset: 'financial-statements',
        skipInvalid: true,
      });
      expect(partial.written).toBe(true);
      expect(partial.counts.statements.created).toBe(1);
      expect(partial).toMatchObject({ validRows: 1, rejectedRows: 1 });
    });

    it('refuses to train the payment model on too little settled history', async () => {
      await expect(
        app.strapi.plugin('scoring').service('models').trainPayment({ asOf: AS_OF }),
      ).rejects.toThrow(/NotEnoughHistory|已结清发票太少/);
      expect(await app.count('scoring_models')).toBe(0);
    });

    it('follows a newly published policy version and keeps one snapshot per debtor and day', async () => {
      const current = await app.strapi.documents('api::policy.policy').findFirst({
        filters: { name: 'scoring' },
        status: 'published',
      } as never);
      const config = (current as any).config;
      await app.strapi.documents('api::policy.policy').create({
        data: {
          name: 'scoring',
          version: 2,
          config: {
            ...config,
            quadrant: { abilityThreshold: 0, willingnessThreshold: 0 },
          },
        },
        status: 'published',
      } as never);
      const report = await collections('cycle').run({ asOf: AS_OF, worker: false });
      expect(report.segments).toEqual({ HH: 5, HL: 0, LH: 0, LL: 0 });
      const rows = await snapshots();
      expect(rows).toHaveLength(5);
      expect(rows.every((row) => row.policyVersion === 2)).toBe(true);
    });

    it('refuses to save an invalid scoring policy, naming the field', async () => {
      const policies = await app.count('policies');
      await expect(
        app.strapi.documents('api::policy.policy').create({
          data: { name: 'scoring', version: 3, config: { quadrant: { abilityThreshold: 'high' } } },
          status: 'published',
        } as never),
      ).rejects.toThrow(/scoring policy v3 is invalid.*quadrant\.abilityThreshold/);
      expect(await app.count('policies')).toBe(policies);
    });

    it('refuses a run under an invalid policy, naming the field, and keeps the last snapshots', async () => {
      // Written past the Document Service (as a raw SQL edit would), which refuses it.
      const now = new Date();
      await app.strapi.db.query('api::policy.policy').create({
        data: {
          documentId: 'invalid-policy-v3',
          name: 'scoring',
          version: 3,
          config: { quadrant: { abilityThreshold: 'high' } },
          publishedAt: now,
        },
      });
      const casesBefore = await app.strapi.db
        .query('api::collection-case.collection-case')
        .findMany({});
      const csv = [
        '客户编码,客户名称,发票号,开票日期,到期日,金额',
        `S9,新来客户,S9-1,${shift(AS_OF, -60)},${shift(AS_OF, -30)},10.00`,
      ].join('\n');
      await expect(
        collections('cycle').run({
          asOf: shift(AS_OF, 1),
          worker: false,
          input: { content: Buffer.from(csv), fileName: 'new.csv' },
        }),
      ).rejects.toThrow(/scoring policy v3 is invalid.*quadrant\.abilityThreshold/);
      // Nothing of the refused run is written: no import, no case moved to the new day.
      expect(await app.count('invoices')).toBe(
        payers.reduce((sum, payer) => sum + payer.pastDaysLate.length + 1, 0),
      );
      expect(
        await app.strapi.db.query('api::collection-case.collection-case').findMany({}),
      ).toEqual(casesBefore);
      expect((await snapshots()).every((row) => row.asOf === AS_OF)).toBe(true);
    });
  });
};
