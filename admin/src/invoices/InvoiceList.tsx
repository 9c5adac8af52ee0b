import {
  BooleanField,
  DataTable,
  List,
  NullableBooleanInput,
  SearchInput,
  SelectField,
  SelectInput,
} from 'react-admin';

import { enumChoices } from '../fields/choices';
import { LocaleDateField } from '../fields/LocaleDateField';
import { MoneyField } from '../fields/MoneyField';
import { invoiceStatuses } from './statuses';

const statusChoices = enumChoices('invoiceStatus', invoiceStatuses);

const invoiceFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="settlementStatus" source="settlementStatus" choices={statusChoices} />,
  <NullableBooleanInput key="disputed" source="disputed" />,
];

/** The debtor's code and name come along with each invoice, in the same request. */
const populateDebtor = { meta: { populate: { debtor: { fields: ['code', 'name'] } } } };

export const InvoiceList = () => (
  <List
    filters={invoiceFilters}
    sort={{ field: 'dueDate', order: 'ASC' }}
    queryOptions={populateDebtor}
  >
    <DataTable rowClick={false} bulkActionButtons={false}>
      <DataTable.Col source="number" />
      <DataTable.Col source="debtor.name" label="resources.invoices.fields.debtor" disableSort />
      <DataTable.Col source="issueDate" field={LocaleDateField} />
      <DataTable.Col source="dueDate" field={LocaleDateField} />
      <DataTable.Col source="amount" align="right">
        <MoneyField source="amount" />
      </DataTable.Col>
      <DataTable.Col source="openAmount" align="right">
        <MoneyField source="openAmount" />
      </DataTable.Col>
      <DataTable.Col source="settlementStatus">
        <SelectField source="settlementStatus" choices={statusChoices} />
      </DataTable.Col>
      <DataTable.Col source="disputed" field={BooleanField} />
    </DataTable>
  </List>
);
