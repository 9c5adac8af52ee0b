import { Faker, base, en, zh_CN } from '@faker-js/faker';
import {
  emptyBatch,
  type ContactRecord,
  type InvoiceRecord,
  type LedgerBatch,
  type PaymentRecord,
} from '@huikuan/plugin-collections/domain/ledger';
import { DateTime } from 'luxon';

import {
  BRAND_WORDS,
  COMPANY_SUFFIXES,
  INDUSTRIES,
  OVERSEAS,
  REGIONS,
  ROLES,
  STREETS,
} from './names';
import { makeUscc } from './uscc';

export interface PortfolioOptions {
  seed: number;
  debtors: number;
  /** The demo's today: history runs up to the day before. */
  today: string;
}

import { addEvidence, type Profile } from './generate-evidence';

const PROFILE_MIX: Array<[Profile, number]> = [
  ['prompt', 0.55],
  ['slow', 0.25],
  ['chronic', 0.1],
  ['distressed', 0.06],
  ['disputer', 0.04],
];

const HISTORY_DAYS = 360;

const pickProfile = (faker: Faker): Profile => {
  let roll = faker.number.float({ min: 0, max: 1 });
  for (const [profile, share] of PROFILE_MIX) {
    roll -= share;
    if (roll <= 0) return profile;
  }
  return 'prompt';
};

/** Days after the due date the invoice is settled; null when it stays unpaid. */
const daysLate = (faker: Faker, profile: Profile, ageDays: number): number | null => {
  const n = (min: number, max: number) => faker.number.int({ min, max });
  switch (profile) {
    case 'prompt':
      return faker.number.float() < 0.88 ? -n(0, 5) : n(1, 10);
    case 'slow':
      return faker.number.float() < 0.3 ? n(0, 3) : n(5, 40);
    case 'chronic':
      return faker.number.float() < 0.12 ? null : n(30, 120);
    case 'distressed':
      return ageDays < 130 ? null : n(20, 75);
    case 'disputer':
      return faker.number.float() < 0.15 ? null : n(0, 20);
  }
};

const isoDate = (date: DateTime): string => date.toISODate() as string;

const companyName = (faker: Faker, city: string, industryWord: string): string =>
  city.replace(/市$/, '') +
  faker.helpers.arrayElement(BRAND_WORDS) +
  industryWord +
  faker.helpers.arrayElement(COMPANY_SUFFIXES);

const MOBILE_PREFIXES = ['35', '38', '39', '58', '86', '88', '77', '99'];

const mobile = (faker: Faker): string =>
  `1${faker.helpers.arrayElement(MOBILE_PREFIXES)}${faker.string.numeric(8)}`;

/**
 * A seeded, realistic receivables portfolio of a Chinese machinery maker:
 * the same seed and day always give the same ledger.
 */
export const generatePortfolio = (options: PortfolioOptions): LedgerBatch => {
  const faker = new Faker({ locale: [zh_CN, en, base] });
  faker.seed(options.seed);
  const today = DateTime.fromISO(options.today, { zone: 'UTC' });
  const batch: LedgerBatch = emptyBatch();
  const usedNames = new Set<string>();
  const profiles = new Map<string, Profile>();
  let invoiceSeq = 0;

  for (let index = 1; index <= options.debtors; index += 1) {
    const code = `C${String(index).padStart(5, '0')}`;
    const overseas = faker.number.float() < 0.04 ? faker.helpers.arrayElement(OVERSEAS) : null;
    const region = faker.helpers.arrayElement(REGIONS);
    const industry = faker.helpers.arrayElement(INDUSTRIES);
    let name = overseas
      ? overseas.name
      : companyName(faker, region.city, faker.helpers.arrayElement(industry.words));
    while (usedNames.has(name))
      name = companyName(faker, region.city, faker.helpers.arrayElement(industry.words));
    usedNames.add(name);

    const profile = pickProfile(faker);
    profiles.set(code, profile);
    const currency = overseas?.currency ?? 'CNY';
    const termDays = faker.helpers.arrayElement([30, 30, 45, 60, 60, 90]);
    const size = faker.number.float({ min: 0.3, max: 3 });
    const creditLimit = Math.round(size * 800_000) * 100;
    batch.debtors.push({
      code,
      name,
      taxId: overseas
        ? null
        : makeUscc(
            faker.string.numeric({ length: 6, allowLeadingZeros: false }),
            faker.string.numeric(8),
          ),
      industry: industry.name,
      region: overseas
        ? overseas.region
        : `${region.province}${region.city === region.province ? '' : region.city}`,
      address: overseas
        ? `${faker.location.streetAddress()}, ${overseas.region}`
        : `${region.province}${region.city}${region.district}` +
          `${faker.helpers.arrayElement(STREETS)}${faker.number.int({ min: 1, max: 999 })}号`,
      timeZone: overseas?.timeZone ?? 'Asia/Shanghai',
      language: overseas ? 'en' : 'zh-CN',
      creditLimitMinor: creditLimit,
      creditLimitCurrency: currency,
      assignedCollector: faker.helpers.arrayElement(['王芳', '李强', '张敏', '刘洋']),
    });

    const contactCount = faker.number.int({ min: 1, max: 2 });
    for (let c = 0; c < contactCount; c += 1) {
      const contact: ContactRecord = {
        debtorCode: code,
        name: overseas
          ? `${faker.person.firstName()} ${faker.person.lastName()}`
          : faker.person.fullName(),
        role: overseas ? 'Accounts Payable' : faker.helpers.arrayElement(ROLES),
        phone: overseas ? `+${faker.string.numeric(11)}` : mobile(faker),
        email: faker.number.float() < 0.85 ? `ap${c + 1}.${code.toLowerCase()}@example.com` : null,
        preferredChannel: faker.helpers.arrayElement(['email', 'email', 'sms', 'phone'] as const),
        consent: true,
        doNotContact: faker.number.float() < 0.02,
      };
      batch.contacts.push(contact);
    }

    const contractNumber = `HT-${today.year - 1}-${code}`;
    batch.contracts.push({
      number: contractNumber,
      debtorCode: code,
      signedDate: isoDate(
        today.minus({ days: HISTORY_DAYS + faker.number.int({ min: 10, max: 400 }) }),
      ),
      creditAmountMinor: creditLimit,
      currency,
      paymentTermDays: termDays,
      repaymentMethod: faker.helpers.arrayElement(['银行转账', '银行承兑汇票', '电汇']),
    });

    let issue = today.minus({ days: HISTORY_DAYS - faker.number.int({ min: 0, max: 30 }) });
    while (issue < today) {
      invoiceSeq += 1;
      const number = `FP${today.year}${String(invoiceSeq).padStart(6, '0')}`;
      const amountMinor = Math.round(size * faker.number.float({ min: 8_000, max: 160_000 })) * 100;
      const due = issue.plus({ days: termDays });
      const disputed =
        profile === 'disputer' ? faker.number.float() < 0.35 : faker.number.float() < 0.015;
      const invoice: InvoiceRecord = {
        number,
        debtorCode: code,
        contractNumber,
        issueDate: isoDate(issue),
        dueDate: isoDate(due),
        amountMinor,
        currency,
        disputed,
        billingChannel: faker.helpers.arrayElement(['electronic', 'electronic', 'paper']),
      };
      batch.invoices.push(invoice);
      const shipped = issue.minus({ days: faker.number.int({ min: 0, max: 3 }) });
      batch.shipments.push({
        number: `DN-${number}`,
        debtorCode: code,
        orderNumber: `SO-${number.slice(2)}`,
        invoiceNumber: number,
        shippedDate: isoDate(shipped),
        deliveredDate: isoDate(shipped.plus({ days: faker.number.int({ min: 1, max: 5 }) })),
        proofOfDelivery: `POD-${faker.string.alphanumeric({ length: 8, casing: 'upper' })}`,
      });

      const late =
        disputed && faker.number.float() < 0.6
          ? null
          : daysLate(faker, profile, today.diff(issue, 'days').days);
      addSettlement(
        batch,
        faker,
        invoice,
        late === null ? null : due.plus({ days: late }),
        today,
        profile,
      );
      if (faker.number.float() < 0.03) {
        batch.creditNotes.push({
          number: `CN-${number}`,
          debtorCode: code,
          invoiceNumber: number,
          issueDate: isoDate(issue.plus({ days: 10 })),
          amountMinor:
            Math.round((amountMinor * faker.number.float({ min: 0.05, max: 0.2 })) / 100) * 100,
          currency,
          reason: faker.helpers.arrayElement(['质量折让', '退货', '价格调整']),
        });
      }
      issue = issue.plus({
        days: Math.round(faker.number.int({ min: 12, max: 45 }) / Math.sqrt(size)) + 1,
      });
    }
  }
  dropOverCredited(batch);
  addEvidence(batch, profiles, options);
  return batch;
};

/** A payment (or two, for a debtor short of cash) when the settlement falls before today. */
const addSettlement = (
  batch: LedgerBatch,
  faker: Faker,
  invoice: InvoiceRecord,
  settled: DateTime | null,
  today: DateTime,
  profile: Profile,
): void => {
  const issued = DateTime.fromISO(invoice.issueDate, { zone: 'UTC' });
  const payment = (reference: string, date: DateTime, amountMinor: number): PaymentRecord => ({
    reference,
    debtorCode: invoice.debtorCode,
    paymentDate: isoDate(date < issued ? issued : date),
    amountMinor,
    currency: invoice.currency,
    allocations: [{ invoiceNumber: invoice.number, amountMinor }],
  });

  const partial = profile === 'distressed' || (profile === 'chronic' && faker.number.float() < 0.3);
  if (partial) {
    const firstDate = settled ?? issued.plus({ days: faker.number.int({ min: 40, max: 100 }) });
    if (firstDate < today) {
      const share =
        Math.round((invoice.amountMinor * faker.number.float({ min: 0.2, max: 0.6 })) / 100) * 100;
      batch.payments.push(payment(`BK-${invoice.number}-1`, firstDate.minus({ days: 15 }), share));
      if (settled && settled < today)
        batch.payments.push(
          payment(`BK-${invoice.number}-2`, settled, invoice.amountMinor - share),
        );
    }
    return;
  }
  if (settled && settled < today)
    batch.payments.push(payment(`BK-${invoice.number}`, settled, invoice.amountMinor));
};

/** Credit notes on fully paid invoices would over-credit them: keep the ledger consistent. */
const dropOverCredited = (batch: LedgerBatch): void => {
  const paid = new Map<string, number>();
  for (const payment of batch.payments) {
    for (const allocation of payment.allocations) {
      paid.set(
        allocation.invoiceNumber,
        (paid.get(allocation.invoiceNumber) ?? 0) + allocation.amountMinor,
      );
    }
  }
  const amounts = new Map(batch.invoices.map((invoice) => [invoice.number, invoice.amountMinor]));
  batch.creditNotes = batch.creditNotes.filter((note) => {
    const number = note.invoiceNumber as string;
    return (paid.get(number) ?? 0) + note.amountMinor <= (amounts.get(number) ?? 0);
  });
};
