import type { RaRecord } from 'react-admin';

/** Who to call or visit, as the dispatcher stored it on the task (`contactDetail`). */
export interface TaskContact {
  debtorCode: string | null;
  debtorName: string | null;
  contactName: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
}

const FIELDS = ['debtorCode', 'debtorName', 'contactName', 'phone', 'email', 'address'] as const;

const parsed = (value: unknown): Record<string, unknown> => {
  if (typeof value === 'string') {
    try {
      return parsed(JSON.parse(value));
    } catch {
      return {};
    }
  }
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
};

/**
 * The task's contact details. A JSON column may come back as text on some databases, and the
 * debtor's own name and code stand in when the task was stored without them.
 */
export const contactOf = (record: RaRecord | undefined): TaskContact => {
  const detail = parsed(record?.contactDetail);
  const contact = Object.fromEntries(
    FIELDS.map((field) => {
      const value = detail[field];
      return [field, typeof value === 'string' && value.trim() ? value : null];
    }),
  ) as unknown as TaskContact;
  const debtor = parsed(record?.debtor);
  contact.debtorName ??= typeof debtor.name === 'string' ? debtor.name : null;
  contact.debtorCode ??= typeof debtor.code === 'string' ? debtor.code : null;
  return contact;
};
