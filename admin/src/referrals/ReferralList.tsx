import { DataTable, List, SearchInput, SelectField, SelectInput, TextField } from 'react-admin';

import { LocaleDateField } from '../fields/LocaleDateField';
import { MoneyField } from '../fields/MoneyField';
import { noWrapHeadings } from '../fields/table';
import { referralKindChoices, referralStatusChoices } from './enums';

const referralFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="kind" source="kind" choices={referralKindChoices} />,
  <SelectInput key="referralStatus" source="referralStatus" choices={referralStatusChoices} />,
];

const populateDebtor = { meta: { populate: { debtor: { fields: ['code', 'name'] } } } };

/** 法务与委外: cases handed to legal review or to a collection agency, the newest first. */
export const ReferralList = () => (
  <List
    filters={referralFilters}
    sort={{ field: 'openedOn', order: 'DESC' }}
    queryOptions={populateDebtor}
  >
    <DataTable rowClick="edit" bulkActionButtons={false} sx={noWrapHeadings}>
      <DataTable.Col source="openedOn" field={LocaleDateField} />
      <DataTable.Col source="debtor.name" label="resources.referrals.fields.debtor" disableSort />
      <DataTable.Col source="kind">
        <SelectField source="kind" choices={referralKindChoices} />
      </DataTable.Col>
      <DataTable.Col source="referralStatus">
        <SelectField source="referralStatus" choices={referralStatusChoices} />
      </DataTable.Col>
      <DataTable.Col source="handlerName">
        <TextField source="handlerName" />
      </DataTable.Col>
      <DataTable.Col source="claimAmount" align="right">
        <MoneyField source="claimAmount" />
      </DataTable.Col>
      <DataTable.Col source="recoveredAmount" align="right">
        <MoneyField source="recoveredAmount" emptyText="—" />
      </DataTable.Col>
    </DataTable>
  </List>
);
