import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import type { RaRecord } from 'react-admin';

import { InvoiceList } from './InvoiceList';

export { invoiceStatuses } from './statuses';

/** Fields the list's search box looks in. */
export const invoiceSearchFields = ['number'] as const;

export default {
  icon: ReceiptLongIcon,
  list: InvoiceList,
  recordRepresentation: (record: RaRecord) => String(record.number),
};
