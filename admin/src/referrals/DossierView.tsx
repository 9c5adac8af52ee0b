import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';

import { formatMinorUnits } from '../fields/money';
import { text, useDossierParts } from './dossier-parts';
import type { DossierPart, DossierRow } from './dossier-parts';

const rowsOf = (dossier: DossierRow, key: string): DossierRow[] => {
  const rows = dossier[key];
  if (!Array.isArray(rows)) return [];
  return rows.filter((row): row is DossierRow => typeof row === 'object' && row !== null);
};

/** One part of the dossier as a small table, with its row count in the heading. */
const DossierTable = ({ part, rows }: { part: DossierPart; rows: DossierRow[] }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ mt: 3 }}>
      <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
        {translate(part.title)} ({rows.length})
      </Typography>
      {rows.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('ar.dossier.none')}
        </Typography>
      ) : (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small">
            <TableHead>
              <TableRow>
                {part.columns.map((column) => (
                  <TableCell key={column.key} align={column.align}>
                    {translate(column.label)}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((row, index) => (
                <TableRow key={index}>
                  {part.columns.map((column) => (
                    <TableCell key={column.key} align={column.align} sx={{ verticalAlign: 'top' }}>
                      {column.render ? column.render(row) : text(row[column.key])}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </Box>
  );
};

/** Whose debt, as of when, for how much; then the contact person and address. */
const DossierHeading = ({ dossier, currency }: { dossier: DossierRow; currency: string }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const claim = (dossier.claim ?? {}) as DossierRow;
  const debtor = (dossier.debtor ?? {}) as DossierRow;
  return (
    <>
      <Typography variant="body2">
        {translate('ar.dossier.summary', {
          debtor: `${text(debtor.code)} ${text(debtor.name)}`,
          asOf: text(dossier.asOf),
          claim: formatMinorUnits(claim.overdueMinor, currency, locale) ?? '—',
        })}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {[debtor.contactName, debtor.address].filter(Boolean).join(' · ')}
      </Typography>
    </>
  );
};

/**
 * What the lawyer or the agency received, read-only: the claim, the contracts, the open
 * invoices with their deliveries, every notice sent on the case with its proof (provider
 * message id, stored letter and its SHA-256), and what the debtor answered.
 */
export const DossierView = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  const dossier = record?.dossier as DossierRow | null | undefined;
  const claim = (dossier?.claim ?? {}) as DossierRow;
  const currency = text(claim.currency ?? record?.currency ?? 'CNY');
  const parts = useDossierParts(currency);
  if (!dossier || typeof dossier !== 'object') {
    return <Typography color="text.secondary">{translate('ar.dossier.missing')}</Typography>;
  }

  return (
    <Box>
      <DossierHeading dossier={dossier} currency={currency} />
      {parts.map((part) => (
        <DossierTable key={part.key} part={part} rows={rowsOf(dossier, part.key)} />
      ))}
    </Box>
  );
};
