import BusinessIcon from '@mui/icons-material/Business';
import type { RaRecord } from 'react-admin';

import { DebtorList } from './DebtorList';
import { DebtorShow } from './DebtorShow';

/** Fields the list's search box looks in. */
export const debtorSearchFields = ['code', 'name'] as const;

export default {
  icon: BusinessIcon,
  list: DebtorList,
  show: DebtorShow,
  recordRepresentation: (record: RaRecord) => `${record.code} ${record.name}`,
};
