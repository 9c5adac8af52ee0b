import Chip from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import { useRecordContext, useTranslate } from 'react-admin';

/**
 * A dead letter's status as a chip whose tooltip says what it means: `failed` gave up (a
 * permanent error, or every retry used), `unconfirmed` may or may not have gone out.
 */
export const DeadLetterStatusField = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record) return null;

  const status = String(record.status);
  const known = status === 'failed' || status === 'unconfirmed';
  const chip = (
    <Chip
      size="small"
      color={status === 'failed' ? 'error' : 'warning'}
      label={translate(`ar.enums.actionStatus.${status}`, { _: status })}
    />
  );
  if (!known) return chip;
  return (
    <Tooltip title={translate(`ar.dead_letters.explain.${status}`)} arrow>
      {chip}
    </Tooltip>
  );
};
