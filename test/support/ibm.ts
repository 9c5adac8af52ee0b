import fs from 'node:fs';

import { ibmReceivablesCsv } from './paths';

export interface IbmRow {
  customerId: string;
  invoiceNumber: string;
  invoiceDate: string;
  dueDate: string;
  settledDate: string;
  cents: number;
  disputed: boolean;
}

const isoFromUs = (value: string): string => {
  const [month, day, year] = value.split('/');
  return `${year}-${month?.padStart(2, '0')}-${day?.padStart(2, '0')}`;
};

/** The IBM sample read with plain string splitting, independently of the product's parser. */
export const readIbmRows = (): IbmRow[] => {
  const [header, ...lines] = fs.readFileSync(ibmReceivablesCsv, 'utf8').trim().split(/\r?\n/);
  const columns = (header as string).split(',');
  const at = (name: string) => columns.indexOf(name);
  return lines.map((line) => {
    const cells = line.split(',');
    const [whole, fraction = ''] = (cells[at('InvoiceAmount')] as string).split('.');
    return {
      customerId: cells[at('customerID')] as string,
      invoiceNumber: cells[at('invoiceNumber')] as string,
      invoiceDate: isoFromUs(cells[at('InvoiceDate')] as string),
      dueDate: isoFromUs(cells[at('DueDate')] as string),
      settledDate: isoFromUs(cells[at('SettledDate')] as string),
      cents: Number(whole) * 100 + Number(fraction.padEnd(2, '0')),
      disputed: cells[at('Disputed')] === 'Yes',
    };
  });
};

const dayNumber = (iso: string): number =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) /
  86_400_000;

/** The portfolio on a day, by the replay rule: issued on or before it, settled after it. */
export const expectedPortfolio = (rows: IbmRow[], asOf: string) => {
  const open = rows.filter((row) => row.invoiceDate <= asOf && row.settledDate > asOf);
  const pastDue = (row: IbmRow) => dayNumber(asOf) - dayNumber(row.dueDate);
  const bucketOf = (days: number) =>
    days <= 0
      ? 'current'
      : days <= 30
        ? '1-30'
        : days <= 60
          ? '31-60'
          : days <= 90
            ? '61-90'
            : '91+';
  const aging: Record<string, { count: number; amount: number }> = {};
  for (const bucket of ['current', '1-30', '31-60', '61-90', '91+'])
    aging[bucket] = { count: 0, amount: 0 };
  const cents: Record<string, number> = {};
  for (const row of open) {
    const bucket = bucketOf(pastDue(row));
    (aging[bucket] as { count: number }).count += 1;
    cents[bucket] = (cents[bucket] ?? 0) + row.cents;
  }
  for (const [bucket, total] of Object.entries(cents))
    (aging[bucket] as { amount: number }).amount = total / 100;
  const overdue = open.filter((row) => pastDue(row) > 0);
  return {
    openInvoices: open.length,
    openAmount: open.reduce((sum, row) => sum + row.cents, 0) / 100,
    overdueInvoices: overdue.length,
    overdueAmount: overdue.reduce((sum, row) => sum + row.cents, 0) / 100,
    debtorsWithOverdue: new Set(overdue.map((row) => row.customerId)).size,
    /** Debtors with overdue invoices that are not disputed: the ones the strategy works. */
    debtorsWithCollectible: new Set(
      overdue.filter((row) => !row.disputed).map((row) => row.customerId),
    ).size,
    aging,
  };
};
