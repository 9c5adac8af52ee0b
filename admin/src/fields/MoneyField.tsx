import { useFieldValue, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import type { FieldProps } from 'react-admin';

import { formatMinorUnits } from './money';

export interface MoneyFieldProps extends FieldProps {
  source: string;
  /** Record field holding the ISO 4217 code. @defaultValue `currency` */
  currencySource?: string;
  /** Used when the record has no currency. @defaultValue `CNY` */
  defaultCurrency?: string;
}

/**
 * Shows an amount stored in minor units as major units with its currency, in the UI locale. In a
 * DataTable, put it inside `<DataTable.Col source="amount" align="right">`.
 */
export const MoneyField = ({
  source,
  currencySource = 'currency',
  defaultCurrency = 'CNY',
  emptyText,
}: MoneyFieldProps) => {
  const record = useRecordContext();
  const [locale] = useLocaleState();
  const translate = useTranslate();
  const minor = useFieldValue({ source, record });
  const currency = useFieldValue({ source: currencySource, record });
  if (!record) return null;

  const code = typeof currency === 'string' && currency ? currency : defaultCurrency;
  const text = formatMinorUnits(minor, code, locale);
  const empty = emptyText ? translate(emptyText, { _: emptyText }) : '';
  return <span style={{ whiteSpace: 'nowrap' }}>{text ?? empty}</span>;
};
