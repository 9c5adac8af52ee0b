import {
  emptyBatch,
  type ContactRecord,
  type ContractRecord,
  type DebtorRecord,
  type LedgerBatch,
} from '../domain/ledger';
import type { Preset, RowDraft } from './presets/types';
import type { RowReader } from './row-reader';
import { sameText } from './cross-row';

type DetailKey = 'industry' | 'region' | 'address';

interface DebtorEntry {
  record: DebtorRecord;
  nameStated: boolean;
  /** Row that supplied each kept detail, for messages. */
  detailRows: Partial<Record<DetailKey, number>>;
}

const contactKey = (contact: ContactRecord): string =>
  JSON.stringify([contact.debtorCode, contact.name, contact.phone ?? '', contact.email ?? '']);

/**
 * Collects the drafts of valid rows into one batch: each debtor, contact and contract once,
 * in the order they first appear; invoices and payments as they come.
 */
export class LedgerBuilder {
  private readonly debtors = new Map<string, DebtorEntry>();
  private readonly contacts = new Map<string, ContactRecord>();
  private readonly contracts = new Map<string, ContractRecord>();
  private readonly batch = emptyBatch();

  constructor(private readonly preset: Preset) {}

  add(reader: RowReader, draft: RowDraft, nameStated: boolean): void {
    this.addDebtor(reader, draft.debtor, nameStated);
    for (const contact of draft.contacts) {
      const key = contactKey(contact);
      if (!this.contacts.has(key)) this.contacts.set(key, contact);
    }
    if (draft.contract && !this.contracts.has(draft.contract.number)) {
      this.contracts.set(draft.contract.number, draft.contract);
    }
    this.batch.invoices.push(draft.invoice);
    if (draft.payment) this.batch.payments.push(draft.payment);
  }

  build(): LedgerBatch {
    return {
      ...this.batch,
      debtors: [...this.debtors.values()].map((entry) => entry.record),
      contacts: [...this.contacts.values()],
      contracts: [...this.contracts.values()],
    };
  }

  private addDebtor(reader: RowReader, debtor: DebtorRecord, nameStated: boolean): void {
    const entry = this.debtors.get(debtor.code);
    if (!entry) {
      const detailRows = { industry: reader.row, region: reader.row, address: reader.row };
      this.debtors.set(debtor.code, { record: { ...debtor }, nameStated, detailRows });
      return;
    }
    if (!entry.nameStated && nameStated)
      [entry.record.name, entry.nameStated] = [debtor.name, true];
    entry.record.taxId ??= debtor.taxId;
    for (const [key, field] of Object.entries(this.preset.debtorDetailFields)) {
      this.mergeDetail(reader, entry, debtor, key as DetailKey, field);
    }
  }

  /** The first stated value wins; a later, different one is kept out with a warning. */
  private mergeDetail(
    reader: RowReader,
    entry: DebtorEntry,
    debtor: DebtorRecord,
    key: DetailKey,
    field: string,
  ): void {
    const kept = entry.record[key];
    const incoming = debtor[key];
    if (incoming === null || incoming === undefined) return;
    if (kept === null || kept === undefined) {
      entry.record[key] = incoming;
      entry.detailRows[key] = reader.row;
    } else if (!sameText(kept, incoming)) {
      reader.warn('debtor-detail-mismatch', field, {
        value: incoming,
        other: kept,
        otherRow: entry.detailRows[key],
        expected: debtor.code,
      });
    }
  }
}
