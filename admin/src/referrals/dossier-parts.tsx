import Box from '@mui/material/Box';
import type { ReactNode } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';

import { formatMinorUnits } from '../fields/money';

/** One row of a dossier part, as the hand-off stored it (plugins/collections dispatch/hand-off). */
export type DossierRow = Record<string, unknown>;

export interface DossierColumn {
  key: string;
  /** Translation key of the heading. */
  label: string;
  render?: (row: DossierRow) => ReactNode;
  align?: 'right';
}

export interface DossierPart {
  /** The dossier's key for this part's rows. */
  key: string;
  /** Translation key of the part's heading. */
  title: string;
  columns: DossierColumn[];
}

export const text = (value: unknown): string =>
  value === null || value === undefined || value === '' ? '—' : String(value);

/** `/var/documents/letters/abc.pdf` → `abc.pdf`: the server's folders mean nothing here. */
const basename = (value: unknown): string =>
  typeof value === 'string' ? (value.split(/[\\/]/).pop() ?? value) : '—';

/** A notice's proof: the provider's message id and delivery state, the stored file and hash. */
const NoticeProof = ({ row }: { row: DossierRow }) => {
  const translate = useTranslate();
  const facts: Array<[string, unknown]> = [
    ['ar.dossier.provider_message_id', row.providerMessageId],
    ['ar.dossier.delivery_state', row.deliveryState],
    ['ar.dossier.document', row.document ? basename(row.document) : null],
    ['SHA-256', row.documentSha256],
  ];
  const lines = facts
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([label, value]) => `${translate(label, { _: label })}: ${text(value)}`);
  if (lines.length === 0) return <>—</>;

  return (
    <Box sx={{ fontSize: '0.8rem', wordBreak: 'break-all', minWidth: 220 }}>
      {lines.map((line) => (
        <div key={line}>{line}</div>
      ))}
    </Box>
  );
};

/** Cell renderers that follow the reader's locale: amounts, times and enumeration labels. */
const useRenderers = (currency: string) => {
  const [locale] = useLocaleState();
  const translate = useTranslate();
  return {
    money: (key: string) => (row: DossierRow) =>
      formatMinorUnits(row[key], text(row.currency ?? currency), locale) ?? '—',
    time: (key: string) => (row: DossierRow) =>
      typeof row[key] === 'string' ? new Date(row[key] as string).toLocaleString(locale) : '—',
    label: (enumName: string, key: string) => (row: DossierRow) =>
      row[key]
        ? translate(`ar.enums.${enumName}.${String(row[key])}`, { _: String(row[key]) })
        : '—',
  };
};

/** The parts of a dossier in reading order, for a claim in `currency`. */
export const useDossierParts = (currency: string): DossierPart[] => {
  const { money, time, label } = useRenderers(currency);
  const right = 'right' as const;
  return [
    {
      key: 'contracts',
      title: 'ar.dossier.contracts',
      columns: [
        { key: 'number', label: 'ar.dossier.number' },
        { key: 'signedDate', label: 'ar.dossier.signed_date' },
        {
          key: 'creditAmountMinor',
          label: 'ar.dossier.credit_amount',
          align: right,
          render: money('creditAmountMinor'),
        },
        { key: 'paymentTermDays', label: 'ar.dossier.payment_term_days', align: right },
      ],
    },
    {
      key: 'invoices',
      title: 'ar.dossier.invoices',
      columns: [
        { key: 'number', label: 'ar.dossier.number' },
        { key: 'issueDate', label: 'ar.dossier.issue_date' },
        { key: 'dueDate', label: 'ar.dossier.due_date' },
        {
          key: 'openMinor',
          label: 'ar.dossier.open_amount',
          align: right,
          render: money('openMinor'),
        },
        { key: 'daysPastDue', label: 'ar.dossier.days_past_due', align: right },
      ],
    },
    {
      key: 'deliveries',
      title: 'ar.dossier.deliveries',
      columns: [
        { key: 'number', label: 'ar.dossier.number' },
        { key: 'orderNumber', label: 'ar.dossier.order_number' },
        { key: 'shippedDate', label: 'ar.dossier.shipped_date' },
        { key: 'deliveredDate', label: 'ar.dossier.delivered_date' },
        { key: 'proofOfDelivery', label: 'ar.dossier.proof_of_delivery' },
      ],
    },
    {
      key: 'notices',
      title: 'ar.dossier.notices',
      columns: [
        { key: 'sentAt', label: 'ar.dossier.sent_at', render: time('sentAt') },
        { key: 'channel', label: 'ar.dossier.channel', render: label('channel', 'channel') },
        { key: 'step', label: 'ar.dossier.step' },
        { key: 'status', label: 'ar.dossier.status', render: label('actionStatus', 'status') },
        { key: 'recipient', label: 'ar.dossier.recipient' },
        { key: 'proof', label: 'ar.dossier.proof', render: (row) => <NoticeProof row={row} /> },
      ],
    },
    {
      key: 'debtorAnswers',
      title: 'ar.dossier.answers',
      columns: [
        { key: 'at', label: 'ar.dossier.at', render: time('at') },
        {
          key: 'outcome',
          label: 'ar.dossier.outcome',
          render: label('activityOutcome', 'outcome'),
        },
        { key: 'promiseDate', label: 'ar.dossier.promise_date' },
        { key: 'summary', label: 'ar.dossier.answer' },
      ],
    },
  ];
};
