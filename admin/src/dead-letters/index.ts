import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import type { RaRecord } from 'react-admin';

import { DeadLetterList } from './DeadLetterList';

/** 死信 Dead letters: a list only, served by GET /api/collections/dead-letters. */
export default {
  list: DeadLetterList,
  icon: ReportProblemIcon,
  recordRepresentation: (record: RaRecord) => String(record.idempotencyKey),
};
