/**
 * Payers for the strategy tests: debtors whose ledger puts them in a known quadrant of the real
 * scoring plugin (ability from a statement or from behaviour, willingness from how late they
 * paid), each with one open invoice of 20,000.00 CNY some days past due.
 */

/** Every debtor of these tests lives in the default time zone. */
export const ZONE = 'Asia/Shanghai';

const DAY_MS = 86_400_000;

/** The calendar day `days` after `day` (YYYY-MM-DD). */
export const shift = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** Today in Shanghai: the day the dispatcher stamps on what it sends. */
export const todayInZone = (): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date());

/** The calendar day of an instant in Shanghai (dates come back as Date, string or number). */
export const dayInZone = (value: unknown): string => {
  const time = value instanceof Date ? value : new Date(value as string | number);
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(time);
};

/** The instant a calendar day starts in Shanghai (UTC+8, no daylight saving). */
export const startOfDay = (day: string): number => Date.parse(`${day}T00:00:00+08:00`);

export type Profile = 'HH' | 'HL' | 'LH' | 'LL';

export const OPEN_INVOICE_MINOR = 2_000_000;

export interface PayerSpec {
  code: string;
  name: string;
  profile: Profile;
  /** The day the payer is built for: its open invoice is `openDaysPastDue` days late then. */
  asOf: string;
  openDaysPastDue: number;
  /** Its one contact has an email address (default) or only a phone number. */
  email?: boolean;
}

interface History {
  /** Days late of each past invoice, oldest first; each is settled in full. */
  pastDaysLate: number[];
  /** Each past invoice paid in two halves. */
  partial: boolean;
  statement: 'sound' | 'weak' | null;
  /** Calls in which the debtor asked for more time, before the open invoice fell due. */
  extensionRequests: number;
}

/** Able: a sound statement; willing: paid on time. The LL payer pays in parts, ever later. */
const HISTORIES: Record<Profile, History> = {
  HH: {
    pastDaysLate: [0, 0, 0, 0, 0, 0],
    partial: false,
    statement: 'sound',
    extensionRequests: 0,
  },
  HL: {
    pastDaysLate: [35, 42, 50, 38, 45, 60],
    partial: false,
    statement: 'sound',
    extensionRequests: 0,
  },
  LH: { pastDaysLate: [0, 0, 2, 0, 0, 0], partial: false, statement: 'weak', extensionRequests: 0 },
  // Without a statement ability comes from behaviour; the requests for time keep it low while
  // the open balance ages.
  LL: { pastDaysLate: [60, 75, 90], partial: true, statement: null, extensionRequests: 3 },
};

/** Statement lines in yuan: liquid, little debt and profitable, or loss-making and indebted. */
const STATEMENTS = {
  sound: [
    5000000, 3000000, 800000, 900000, 1000000, 1500000, 1000000, 3500000, 1000000, 1800000, 8000000,
    5600000, 900000, 700000, 200000, 850000, 20000, 1200000,
  ],
  weak: [
    4000000, 1200000, 600000, 50000, 450000, 4200000, 2600000, -200000, 1000000, -1500000, 3000000,
    2800000, -500000, -650000, 150000, -300000, 250000, 900000,
  ],
};

const STATEMENT_FIELDS = [
  'totalAssetsMinor',
  'currentAssetsMinor',
  'inventoryMinor',
  'cashMinor',
  'receivablesMinor',
  'totalLiabilitiesMinor',
  'shortTermLiabilitiesMinor',
  'equityMinor',
  'shareCapitalMinor',
  'retainedEarningsMinor',
  'salesMinor',
  'costOfSalesMinor',
  'ebitMinor',
  'netProfitMinor',
  'depreciationMinor',
  'operatingCashFlowMinor',
  'financialExpensesMinor',
  'operatingExpensesMinor',
] as const;

export const openInvoiceNumber = (code: string): string => `${code}-open`;

/** A payment of `amountMinor` against the payer's open invoice. */
export const paymentOf = (code: string, reference: string, day: string, amountMinor: number) => ({
  reference,
  debtorCode: code,
  paymentDate: day,
  amountMinor,
  currency: 'CNY',
  allocations: [{ invoiceNumber: openInvoiceNumber(code), amountMinor }],
});

/** One `writeBatch` batch: the payers' debtors, contacts, history, statements and calls. */
export const portfolioOf = (specs: PayerSpec[]) => {
  const invoices: unknown[] = [];
  const payments: unknown[] = [];
  const statements: unknown[] = [];
  const activities: unknown[] = [];
  for (const spec of specs) {
    const history = HISTORIES[spec.profile];
    const count = history.pastDaysLate.length;
    history.pastDaysLate.forEach((late, index) => {
      const number = `${spec.code}-${index + 1}`;
      const issueDate = shift(spec.asOf, -30 * (count - index) - 120);
      const dueDate = shift(issueDate, 30);
      invoices.push({
        number,
        debtorCode: spec.code,
        issueDate,
        dueDate,
        amountMinor: 1_000_000,
        currency: 'CNY',
        disputed: false,
      });
      const parts = history.partial ? [Math.floor(late / 2), late] : [late];
      parts.forEach((days, part) => {
        const amountMinor = 1_000_000 / parts.length;
        payments.push({
          reference: `BK-${number}-${part + 1}`,
          debtorCode: spec.code,
          paymentDate: shift(dueDate, days),
          amountMinor,
          currency: 'CNY',
          allocations: [{ invoiceNumber: number, amountMinor }],
        });
      });
    });
    const dueDate = shift(spec.asOf, -spec.openDaysPastDue);
    invoices.push({
      number: openInvoiceNumber(spec.code),
      debtorCode: spec.code,
      issueDate: shift(dueDate, -30),
      dueDate,
      amountMinor: OPEN_INVOICE_MINOR,
      currency: 'CNY',
      disputed: false,
    });
    if (history.statement) {
      const lines = STATEMENTS[history.statement];
      statements.push({
        debtorCode: spec.code,
        periodEnd: shift(spec.asOf, -180),
        currency: 'CNY',
        ...Object.fromEntries(STATEMENT_FIELDS.map((field, i) => [field, (lines[i] ?? 0) * 100])),
      });
    }
    for (let i = 0; i < history.extensionRequests; i += 1) {
      activities.push({
        key: `${spec.code}-ask-${i + 1}`,
        debtorCode: spec.code,
        occurredOn: shift(dueDate, -90 + 20 * i),
        channel: 'phone',
        direction: 'inbound',
        outcome: 'reached',
        summary: '客户称资金周转困难，请求延期付款',
      });
    }
  }
  return {
    debtors: specs.map(({ code, name }) => ({ code, name })),
    contacts: specs.map(({ code, name, email }) => ({
      debtorCode: code,
      name: `${name}财务`,
      phone: '13800000000',
      ...(email === false ? {} : { email: `${code.toLowerCase()}@example.com` }),
      ...(email === false ? {} : { preferredChannel: 'email' }),
    })),
    invoices,
    payments,
    statements,
    activities,
  };
};
