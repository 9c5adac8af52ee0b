import FolderOpenIcon from '@mui/icons-material/FolderOpen';
import type { RaRecord } from 'react-admin';

import { CollectionCaseList } from './CollectionCaseList';

/** Fields the list's search box looks in. */
export const collectionCaseSearchFields = ['caseKey', 'debtor.name'] as const;

export default {
  icon: FolderOpenIcon,
  list: CollectionCaseList,
  recordRepresentation: (record: RaRecord) => String(record.caseKey),
};
