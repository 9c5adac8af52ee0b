import request from 'supertest';

import { dpdLadderFlow } from '../support/paths';
import { bootTestApp, type TestApp } from '../support/strapi';

const AS_OF = '2024-07-02';

/** One debtor 92 days past due: the ladder hands its case to legal review. */
const LEDGER = {
  debtors: [{ code: 'RG', name: '南通宏达船舶配件有限公司', timeZone: 'Asia/Shanghai' }],
  contacts: [{ debtorCode: 'RG', name: '郑强', email: 'zheng.qiang@example.com' }],
  contracts: [
    {
      number: 'HT-RG-2024',
      debtorCode: 'RG',
      signedDate: '2024-01-05',
      creditAmountMinor: 50_000_000,
      currency: 'CNY',
      paymentTermDays: 60,
    },
  ],
  invoices: [
    {
      number: 'INV-RG',
      debtorCode: 'RG',
      issueDate: '2024-03-01',
      dueDate: '2024-04-01',
      amountMinor: 9_900_000,
      currency: 'CNY',
      disputed: false,
    },
  ],
  payments: [],
  creditNotes: [],
  shipments: [],
};

interface Referral {
  documentId: string;
  referralStatus: string;
  claimAmount: string;
  currency: string;
  openedOn: string;
  closedOn: string | null;
  recoveredAmount: string | null;
}

describe('referral edits are checked wherever they come from', () => {
  let app: TestApp;
  let token: string;
  let referral: Referral;
  const referrals = () => app.strapi.documents('api::referral.referral' as never) as any;
  const update = (data: object) => referrals().update({ documentId: referral.documentId, data });
  const put = (data: object) =>
    request(app.strapi.server.httpServer)
      .put(`/api/referrals/${referral.documentId}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ data });
  const stored = async (): Promise<Referral> =>
    referrals().findOne({ documentId: referral.documentId });

  beforeAll(async () => {
    app = await bootTestApp('sqlite', { flowFile: dpdLadderFlow });
    await app.strapi.server.mount();
    ({ accessKey: token } = await app.strapi.service('admin::api-token').create({
      name: 'referral test',
      type: 'full-access',
      lifespan: null,
    }));
    const service = (name: string) => app.strapi.plugin('collections').service(name);
    await service('ledger').writeBatch(LEDGER);
    await service('cycle').run({ asOf: AS_OF });
    referral = await referrals().findFirst({ filters: { kind: 'legal_review' } });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it('lets the dispatcher create the referral with every field set', () => {
    expect(referral).toMatchObject({ referralStatus: 'open', currency: 'CNY', openedOn: AS_OF });
    expect(String(referral.claimAmount)).toBe('9900000');
  });

  it('refuses bad edits through the Document Service, naming the field', async () => {
    await expect(update({ kind: 'agency' })).rejects.toThrow(/kind cannot change/);
    await expect(update({ claimAmount: '1' })).rejects.toThrow(/claimAmount cannot change/);
    await expect(update({ recoveredAmount: -100 })).rejects.toThrow(/recoveredAmount/);
    await expect(update({ feePercent: 120 })).rejects.toThrow(/feePercent must be between/);
    await expect(update({ referralStatus: 'recovered' })).rejects.toThrow(
      /closedOn is required when referralStatus is recovered/,
    );
    await expect(update({ closedOn: '2024-07-01' })).rejects.toThrow(/before openedOn/);
    const after = await stored();
    expect(after).toMatchObject({ referralStatus: 'open', closedOn: null, currency: 'CNY' });
  });

  it('refuses bad edits over REST with a 400 whose details name the field', async () => {
    const currency = await put({ currency: 'USD', feeFixed: -1 });
    expect(currency.status).toBe(400);
    expect(currency.body.error.name).toBe('ValidationError');
    expect(currency.body.error.details.errors).toEqual([
      expect.objectContaining({ path: ['currency'], message: expect.stringMatching(/currency/) }),
      expect.objectContaining({ path: ['feeFixed'], message: expect.stringMatching(/负数/) }),
    ]);
    const ended = await put({ referralStatus: 'closed' });
    expect(ended.status).toBe(400);
    expect(ended.body.error.details.errors[0].path).toEqual(['closedOn']);
    expect((await stored()).referralStatus).toBe('open');

    const notes = await put({ notes: '已转交律师 / passed to counsel', currency: 'CNY' });
    expect(notes.status).toBe(200);
  });

  it('takes a good closing edit and gives the case back to the strategy', async () => {
    const db = app.strapi.db.connection;
    expect((await db('collection_cases').first()).legal_review_on).toBeTruthy();
    const closed = await put({
      referralStatus: 'recovered',
      closedOn: '2024-07-20',
      recoveredAmount: '9900000',
      feePercent: 8.5,
    });
    expect(closed.status).toBe(200);
    expect(await stored()).toMatchObject({ referralStatus: 'recovered', closedOn: '2024-07-20' });
    expect((await db('collection_cases').first()).legal_review_on).toBeNull();
  });
});
