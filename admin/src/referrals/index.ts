import GavelIcon from '@mui/icons-material/Gavel';
import type { RaRecord } from 'react-admin';

import { ReferralEdit } from './ReferralEdit';
import { ReferralList } from './ReferralList';

/** Fields the list's search box looks in. */
export const referralSearchFields = ['referralKey', 'handlerName', 'debtor.name'] as const;

/** 法务与委外: the referrals the dispatcher creates when a case goes to legal review or an agency. */
export default {
  list: ReferralList,
  edit: ReferralEdit,
  icon: GavelIcon,
  recordRepresentation: (record: RaRecord) => `${record.handlerName} · ${record.referralKey}`,
};
