import type { Preset, RowKeys } from './presets/types';
import type { RowReader } from './row-reader';
import { fold } from './values/text';

interface Stated {
  value: string;
  row: number;
}

/** Names and tax ids compare without regard to width, case and spacing: （） equals (). */
export const sameText = (a: string, b: string): boolean => {
  const key = (text: string): string => fold(text).replace(/\s+/g, '').toLowerCase();
  return key(a) === key(b);
};

function firstDifference(a: Map<string, string>, b: Map<string, string>): string | null {
  for (const field of new Set([...a.keys(), ...b.keys()])) {
    if (a.get(field) !== b.get(field)) return field;
  }
  return null;
}

/**
 * Rules that need earlier rows: repeated invoice numbers, one customer code with two names or
 * tax ids, one contract under two customers. Each row is compared with the first row that
 * stated the key, valid or not, so one pass reports every conflict.
 */
export class CrossRowChecks {
  private readonly invoices = new Map<string, RowReader>();
  private readonly names = new Map<string, Stated>();
  private readonly taxIds = new Map<string, Stated>();
  private readonly contracts = new Map<string, Stated & { debtorCode: string }>();

  constructor(private readonly preset: Preset) {}

  /** Records problems on the reader; returns true when the row merely repeats an earlier one. */
  check(reader: RowReader, keys: RowKeys): boolean {
    const repeated = this.checkInvoice(reader, keys);
    if (repeated) return true;
    this.checkDebtor(reader, keys);
    this.checkContract(reader, keys);
    return false;
  }

  private checkInvoice(reader: RowReader, keys: RowKeys): boolean {
    const number = keys.invoiceNumber;
    if (!number) return false;
    const earlier = this.invoices.get(number);
    if (!earlier) {
      this.invoices.set(number, reader);
      return false;
    }

    const field = this.preset.keyFields.invoiceNumber;
    const differs = firstDifference(earlier.values, reader.values);
    if (differs === null) {
      reader.warn('duplicate-row', field, { value: number, otherRow: earlier.row });
      return true;
    }
    const other = reader.header(differs);
    reader.error('duplicate-invoice', field, { value: number, otherRow: earlier.row, other });
    return false;
  }

  private checkDebtor(reader: RowReader, keys: RowKeys): void {
    const code = keys.debtorCode;
    if (!code) return;
    const { debtorName, taxId } = this.preset.keyFields;
    this.compare(this.names, reader, code, keys.debtorName, debtorName, ['name', '名称']);
    this.compare(this.taxIds, reader, code, keys.taxId, taxId ?? null, ['tax id', '税号']);
  }

  private compare(
    seen: Map<string, Stated>,
    reader: RowReader,
    code: string,
    value: string | null,
    field: string | null,
    [detail, detailZh]: [string, string],
  ): void {
    if (!value) return;
    const earlier = seen.get(code);
    if (!earlier) {
      seen.set(code, { value, row: reader.row });
    } else if (!sameText(earlier.value, value)) {
      reader.error('conflicting-debtor', field, {
        value,
        other: earlier.value,
        otherRow: earlier.row,
        expected: code,
        detail,
        detailZh,
      });
    }
  }

  private checkContract(reader: RowReader, keys: RowKeys): void {
    const { contractNumber: number, debtorCode } = keys;
    if (!number || !debtorCode) return;
    const earlier = this.contracts.get(number);
    if (!earlier) {
      this.contracts.set(number, { value: number, row: reader.row, debtorCode });
    } else if (earlier.debtorCode !== debtorCode) {
      reader.error('conflicting-contract', this.preset.keyFields.contractNumber ?? null, {
        value: number,
        other: earlier.debtorCode,
        otherRow: earlier.row,
      });
    }
  }
}
