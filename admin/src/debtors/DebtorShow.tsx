import {
  DataTable,
  Pagination,
  ReferenceManyField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
} from 'react-admin';

import { enumChoices } from '../fields/choices';
import { LocaleDateField } from '../fields/LocaleDateField';
import { MoneyField } from '../fields/MoneyField';
import { invoiceStatuses } from '../invoices/statuses';

const statusChoices = enumChoices('invoiceStatus', invoiceStatuses);

/** The debtor's master data and its invoices, most urgent first. */
export const DebtorShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="code" />
      <TextField source="name" />
      <TextField source="taxId" emptyText="—" />
      <TextField source="industry" emptyText="—" />
      <TextField source="region" emptyText="—" />
      <TextField source="address" emptyText="—" />
      <TextField source="timeZone" />
      <TextField source="language" />
      <MoneyField source="creditLimit" currencySource="creditLimitCurrency" emptyText="—" />
      <TextField source="assignedCollector" emptyText="—" />
      <ReferenceManyField
        reference="invoices"
        target="debtor"
        label="resources.debtors.fields.invoices"
        sort={{ field: 'dueDate', order: 'ASC' }}
        perPage={10}
        pagination={<Pagination />}
      >
        <DataTable bulkActionButtons={false} rowClick={false}>
          <DataTable.Col source="number" />
          <DataTable.Col source="dueDate" field={LocaleDateField} />
          <DataTable.Col source="openAmount" align="right">
            <MoneyField source="openAmount" />
          </DataTable.Col>
          <DataTable.Col source="settlementStatus">
            <SelectField source="settlementStatus" choices={statusChoices} />
          </DataTable.Col>
        </DataTable>
      </ReferenceManyField>
    </SimpleShowLayout>
  </Show>
);
