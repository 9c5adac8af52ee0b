import { DataTable, List, SearchInput, SelectField, SelectInput, TextField } from 'react-admin';

import { LocaleDateField } from '../fields/LocaleDateField';
import { noWrapHeadings } from '../fields/table';
import { actionKindChoices, channelChoices, dispatchStatusChoices } from './enums';

const actionFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="dispatchStatus" source="dispatchStatus" choices={dispatchStatusChoices} />,
  <SelectInput key="channel" source="channel" choices={channelChoices} />,
  <SelectInput key="kind" source="kind" choices={actionKindChoices} />,
];

export const ActionList = () => (
  <List filters={actionFilters} sort={{ field: 'dueAt', order: 'DESC' }}>
    <DataTable rowClick={false} bulkActionButtons={false} sx={noWrapHeadings}>
      <DataTable.Col source="idempotencyKey" />
      <DataTable.Col source="kind">
        <SelectField source="kind" choices={actionKindChoices} />
      </DataTable.Col>
      <DataTable.Col source="channel">
        <SelectField source="channel" choices={channelChoices} emptyText="—" />
      </DataTable.Col>
      <DataTable.Col source="templateCode">
        <TextField source="templateCode" emptyText="—" />
      </DataTable.Col>
      <DataTable.Col source="dispatchStatus">
        <SelectField source="dispatchStatus" choices={dispatchStatusChoices} />
      </DataTable.Col>
      <DataTable.Col source="dueAt">
        <LocaleDateField source="dueAt" showTime />
      </DataTable.Col>
      <DataTable.Col source="provider">
        <TextField source="provider" emptyText="—" />
      </DataTable.Col>
      <DataTable.Col source="deliveryState">
        <TextField source="deliveryState" emptyText="—" />
      </DataTable.Col>
      <DataTable.Col source="lastError" disableSort>
        <TextField source="lastError" emptyText="—" />
      </DataTable.Col>
    </DataTable>
  </List>
);
