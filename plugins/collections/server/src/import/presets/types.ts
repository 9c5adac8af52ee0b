import type {
  ContactRecord,
  ContractRecord,
  DebtorRecord,
  InvoiceRecord,
  PaymentRecord,
} from '../../domain/ledger';
import type { ColumnLayout } from '../columns';
import type { RowReader } from '../row-reader';

export interface PresetContext {
  defaultCurrency: string;
  defaultTimeZone: string;
}

/** Natural keys of a row, read even when the row has errors, for the cross-row rules. */
export interface RowKeys {
  invoiceNumber: string | null;
  debtorCode: string | null;
  /** The debtor name as written; null when the file states none (the code stands in). */
  debtorName: string | null;
  taxId: string | null;
  contractNumber: string | null;
}

/** Field names of a preset that hold the row keys, so messages can name their columns. */
export type KeyFields = Record<'invoiceNumber' | 'debtorCode' | 'debtorName', string> &
  Partial<Record<'taxId' | 'contractNumber', string>>;

/** Everything one valid row contributes to the ledger. */
export interface RowDraft {
  debtor: DebtorRecord;
  contacts: ContactRecord[];
  contract: ContractRecord | null;
  invoice: InvoiceRecord;
  payment: PaymentRecord | null;
}

export interface RowResult {
  keys: RowKeys;
  /** Null when the row has errors. */
  draft: RowDraft | null;
}

/** A column layout and the rule that turns one of its rows into ledger records. */
export interface Preset {
  name: string;
  layout: ColumnLayout;
  keyFields: KeyFields;
  /** Debtor fields that should agree across rows; a later difference is a warning. */
  debtorDetailFields: Partial<Record<'industry' | 'region' | 'address', string>>;
  readRow(reader: RowReader, context: PresetContext): RowResult;
}

export const noKeys = (): RowKeys => ({
  invoiceNumber: null,
  debtorCode: null,
  debtorName: null,
  taxId: null,
  contractNumber: null,
});
