import { DataTable, List, SearchInput, SelectField, SelectInput, TextField } from 'react-admin';

import { enumChoices } from '../fields/choices';
import { LocaleDateField } from '../fields/LocaleDateField';

/** The action `channel` and `status` enumerations of cms/src/api/action. */
const channelChoices = enumChoices('channel', [
  'email',
  'sms',
  'letter',
  'phone',
  'visit',
  'legal',
]);
const statusChoices = enumChoices('actionStatus', [
  'planned',
  'queued',
  'sending',
  'sent',
  'task_open',
  'failed',
  'cancelled',
]);

const actionFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="dispatchStatus" source="dispatchStatus" choices={statusChoices} />,
  <SelectInput key="channel" source="channel" choices={channelChoices} />,
];

export const ActionList = () => (
  <List filters={actionFilters} sort={{ field: 'dueAt', order: 'DESC' }}>
    <DataTable rowClick={false} bulkActionButtons={false}>
      <DataTable.Col source="idempotencyKey" />
      <DataTable.Col source="channel">
        <SelectField source="channel" choices={channelChoices} />
      </DataTable.Col>
      <DataTable.Col source="templateCode" />
      <DataTable.Col source="dispatchStatus">
        <SelectField source="dispatchStatus" choices={statusChoices} />
      </DataTable.Col>
      <DataTable.Col source="dueAt">
        <LocaleDateField source="dueAt" showTime />
      </DataTable.Col>
      <DataTable.Col source="lastError" disableSort>
        <TextField source="lastError" emptyText="—" />
      </DataTable.Col>
    </DataTable>
  </List>
);
