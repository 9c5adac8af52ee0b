import { DataTable, List, SearchInput, TextInput } from 'react-admin';

const debtorFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <TextInput key="region" source="region_containsi" />,
  <TextInput key="industry" source="industry_containsi" />,
];

export const DebtorList = () => (
  <List filters={debtorFilters} sort={{ field: 'code', order: 'ASC' }}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="code" />
      <DataTable.Col source="name" />
      <DataTable.Col source="industry" />
      <DataTable.Col source="region" />
    </DataTable>
  </List>
);
