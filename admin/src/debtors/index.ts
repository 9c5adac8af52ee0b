import type { RaRecord } from 'react-admin';

import { DebtorList } from './DebtorList';
import { DebtorShow } from './DebtorShow';

/** Fields the list's search box looks in. */
export const debtorSearchFields = ['code', 'name'] as const;

export default {
  list: DebtorList,
  show: DebtorShow,
  recordRepresentation: (record: RaRecord) => `${record.code} ${record.name}`,
};
