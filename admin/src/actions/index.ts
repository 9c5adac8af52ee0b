import SendIcon from '@mui/icons-material/Send';
import type { RaRecord } from 'react-admin';

import { ActionList } from './ActionList';

/** Fields the list's search box looks in. */
export const actionSearchFields = ['idempotencyKey', 'templateCode'] as const;

export default {
  list: ActionList,
  icon: SendIcon,
  recordRepresentation: (record: RaRecord) => String(record.idempotencyKey),
};
