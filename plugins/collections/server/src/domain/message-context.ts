import type { InvoicePosition } from './positions';

export interface MessageContext {
  [key: string]: unknown;
  locale: string;
  asOf: string;
  currency: string;
  creditor: { name: string; bankName: string; bankAccount: string; phone: string; address: string };
  debtor: { code: string; name: string; address: string; contactName: string };
  /** Who works the case: the debtor's assigned collector, else the collections desk. */
  collector: { name: string; phone: string; email: string };
  invoices: Array<{
    number: string;
    issueDate: string;
    dueDate: string;
    openMinor: number;
    currency: string;
    daysPastDue: number;
  }>;
  totals: {
    overdueMinor: number;
    openMinor: number;
    overdueInvoices: number;
    maxDaysPastDue: number;
  };
  /** The instalment plan or extension an offer step proposes; null for other steps. */
  offer: MessageOffer | null;
  /** The agency a hand-off step goes to; null for other steps. */
  agency: MessageAgency | null;
}

export interface MessageOffer {
  type: 'instalment' | 'extension';
  currency: string;
  downPaymentMinor: number;
  instalments: Array<{ dueOn: string; amountMinor: number }>;
  instalmentCount: number;
  lastDueOn: string;
}

export interface MessageAgency {
  code: string;
  name: string;
  contactName: string;
  phone: string;
  email: string;
}

/**
 * What a template sees, computed from the ledger when the message is sent
 * (never from when it was planned): the overdue invoices in the debtor's main
 * currency, oldest first. Returns null when nothing is overdue any more.
 */
export const buildMessageContext = (input: {
  asOf: string;
  language: string;
  creditor: MessageContext['creditor'];
  debtor: MessageContext['debtor'];
  collector: MessageContext['collector'];
  positions: InvoicePosition[];
  offer?: MessageOffer | null;
  agency?: MessageAgency | null;
}): MessageContext | null => {
  // Disputed invoices are on hold: no message asks for them.
  const overdue = input.positions.filter(
    (position) => position.daysPastDue > 0 && !position.invoice.disputed,
  );
  if (overdue.length === 0) return null;

  const byCurrency = new Map<string, number>();
  for (const position of overdue) {
    const currency = position.invoice.currency;
    byCurrency.set(currency, (byCurrency.get(currency) ?? 0) + position.openMinor);
  }
  const currency = [...byCurrency].sort((a, b) => b[1] - a[1])[0]?.[0] as string;
  const inCurrency = input.positions.filter((position) => position.invoice.currency === currency);
  const overdueInCurrency = inCurrency
    .filter((position) => position.daysPastDue > 0 && !position.invoice.disputed)
    .sort(
      (a, b) => b.daysPastDue - a.daysPastDue || a.invoice.number.localeCompare(b.invoice.number),
    );

  const overdueMinor = overdueInCurrency.reduce((sum, position) => sum + position.openMinor, 0);
  return {
    locale: input.language === 'en' ? 'en' : 'zh-CN',
    asOf: input.asOf,
    currency,
    creditor: input.creditor,
    debtor: input.debtor,
    collector: input.collector,
    invoices: overdueInCurrency.map((position) => ({
      number: position.invoice.number,
      issueDate: position.invoice.issueDate,
      dueDate: position.invoice.dueDate,
      openMinor: position.openMinor,
      currency,
      daysPastDue: position.daysPastDue,
    })),
    totals: {
      overdueMinor,
      openMinor: inCurrency.reduce((sum, position) => sum + position.openMinor, 0),
      overdueInvoices: overdueInCurrency.length,
      maxDaysPastDue: overdueInCurrency[0]?.daysPastDue ?? 0,
    },
    offer: input.offer ? fitOffer(input.offer, overdueMinor) : null,
    agency: input.agency ?? null,
  };
};

/**
 * An offer planned on an earlier day, fitted to what is overdue when it is sent (a payment or a
 * newly overdue invoice since): the same dates, the down payment in the same proportion, the
 * rest split evenly with the remainder on the last instalment. It never asks for more, or less,
 * than the message says is owed.
 */
export const fitOffer = (offer: MessageOffer, amountMinor: number): MessageOffer => {
  const planned =
    offer.downPaymentMinor + offer.instalments.reduce((sum, i) => sum + i.amountMinor, 0);
  if (planned === amountMinor || offer.instalments.length === 0) return offer;
  const downPaymentMinor =
    planned === 0
      ? 0
      : Number((BigInt(offer.downPaymentMinor) * BigInt(amountMinor)) / BigInt(planned));
  const rest = amountMinor - downPaymentMinor;
  const count = offer.instalments.length;
  const share = Math.floor(rest / count);
  const instalments = offer.instalments.map((instalment, index) => ({
    dueOn: instalment.dueOn,
    amountMinor: index === count - 1 ? rest - share * (count - 1) : share,
  }));
  return { ...offer, downPaymentMinor, instalments };
};
