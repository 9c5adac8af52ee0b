import { DataTable, List, NumberInput, SearchInput, SelectField, SelectInput } from 'react-admin';

import { MoneyField } from '../fields/MoneyField';
import { caseDefaultFilter, caseStatusChoices as statusChoices } from './filters';

const caseFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="caseStatus" source="caseStatus" choices={statusChoices} />,
  <NumberInput key="dpd" source="maxDaysPastDue_gte" min={0} />,
];

const populateDebtor = { meta: { populate: { debtor: { fields: ['code', 'name'] } } } };

/** Open cases first would need a custom sort; the oldest debt first is the collector's order. */
export const CollectionCaseList = () => (
  <List
    filters={caseFilters}
    filterDefaultValues={caseDefaultFilter}
    sort={{ field: 'maxDaysPastDue', order: 'DESC' }}
    queryOptions={populateDebtor}
  >
    <DataTable rowClick={false} bulkActionButtons={false}>
      <DataTable.Col source="caseKey" />
      <DataTable.Col
        source="debtor.name"
        label="resources.collection-cases.fields.debtor"
        disableSort
      />
      <DataTable.Col source="caseStatus">
        <SelectField source="caseStatus" choices={statusChoices} />
      </DataTable.Col>
      <DataTable.Col source="stage" />
      <DataTable.NumberCol source="maxDaysPastDue" />
      <DataTable.Col source="overdueAmount" align="right">
        <MoneyField source="overdueAmount" />
      </DataTable.Col>
    </DataTable>
  </List>
);
