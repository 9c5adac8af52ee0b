import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { DataTable, List, SelectField, TextField, useTranslate } from 'react-admin';

import { channelChoices } from '../actions/enums';
import { LocaleDateField } from '../fields/LocaleDateField';
import { noWrapHeadings } from '../fields/table';
import { ConfirmSentButton, RetryButton } from './DeadLetterButtons';
import { DeadLetterStatusField } from './DeadLetterStatusField';

/** What the two statuses mean and what to do about each, above the list. */
const DeadLetterHelp = () => {
  const translate = useTranslate();
  return (
    <Alert severity="info" sx={{ mt: 2 }}>
      <Box component="ul" sx={{ m: 0, pl: 2 }}>
        <li>{translate('ar.dead_letters.help.failed')}</li>
        <li>{translate('ar.dead_letters.help.unconfirmed')}</li>
      </Box>
    </Alert>
  );
};

const NoDeadLetters = () => {
  const translate = useTranslate();
  return (
    <Box sx={{ p: 4, textAlign: 'center', width: '100%' }}>
      <Typography variant="h6" color="text.secondary">
        {translate('ar.dead_letters.empty')}
      </Typography>
    </Box>
  );
};

/**
 * Actions that failed for good or that a dead worker left unconfirmed, newest first (the
 * server's order: the columns do not sort). Each row can be retried; an unconfirmed one can
 * also be confirmed as sent after a person checked it went out.
 */
export const DeadLetterList = () => (
  <>
    <DeadLetterHelp />
    <List actions={false} empty={<NoDeadLetters />} perPage={25}>
      <DataTable rowClick={false} bulkActionButtons={false} sx={noWrapHeadings}>
        <DataTable.Col source="updatedAt" disableSort>
          <LocaleDateField source="updatedAt" showTime />
        </DataTable.Col>
        <DataTable.Col source="channel" disableSort>
          <SelectField source="channel" choices={channelChoices} />
        </DataTable.Col>
        <DataTable.Col source="status" disableSort field={DeadLetterStatusField} />
        <DataTable.NumberCol source="attempts" disableSort />
        <DataTable.Col source="lastError" disableSort sx={{ maxWidth: 420 }}>
          <TextField source="lastError" emptyText="—" sx={{ wordBreak: 'break-word' }} />
        </DataTable.Col>
        <DataTable.Col source="recipient" disableSort>
          <TextField source="recipient" emptyText="—" />
        </DataTable.Col>
        <DataTable.Col source="idempotencyKey" disableSort />
        <DataTable.Col label="ar.dead_letters.operations" disableSort align="right">
          <Box sx={{ display: 'flex', justifyContent: 'flex-end', gap: 1, whiteSpace: 'nowrap' }}>
            <RetryButton />
            <ConfirmSentButton />
          </Box>
        </DataTable.Col>
      </DataTable>
    </List>
  </>
);
