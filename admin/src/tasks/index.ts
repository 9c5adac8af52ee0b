import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import type { RaRecord } from 'react-admin';

import { contactOf } from './contact';
import { TaskList } from './TaskList';
import { TaskShow } from './TaskShow';

/** 我的任务: open collector tasks, which are `actions` in Strapi (see collections-provider.ts). */
export default {
  list: TaskList,
  show: TaskShow,
  icon: AssignmentIndIcon,
  recordRepresentation: (record: RaRecord) =>
    contactOf(record).debtorName ?? String(record.idempotencyKey),
};
