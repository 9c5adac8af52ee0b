import {
  DataTable,
  FunctionField,
  List,
  SearchInput,
  SelectField,
  SelectInput,
  TextField,
  TextInput,
} from 'react-admin';
import type { RaRecord } from 'react-admin';

import { taskChannelChoices } from '../actions/enums';
import { LocaleDateField } from '../fields/LocaleDateField';
import { MoneyField } from '../fields/MoneyField';
import { noWrapHeadings } from '../fields/table';
import { contactOf } from './contact';

const taskFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="channel" source="channel" choices={taskChannelChoices} alwaysOn />,
  <TextInput key="collector" source="collector" alwaysOn />,
];

/** The search box looks at the debtor as well as the task's own key. */
export const taskSearchFields = ['debtor.name', 'debtor.code', 'idempotencyKey'] as const;

/** The debtor and the case come with each task, in the same request. */
const taskQuery = {
  meta: {
    searchFields: taskSearchFields,
    populate: {
      debtor: { fields: ['code', 'name', 'assignedCollector'] },
      collectionCase: { fields: ['caseKey', 'overdueAmount', 'currency', 'maxDaysPastDue'] },
    },
  },
};

const contactText = (record: RaRecord): string => {
  const contact = contactOf(record);
  return [contact.contactName, contact.phone].filter(Boolean).join(' · ') || '—';
};

/** 我的任务: open call, visit, letter and write-off tasks, the longest waiting first. */
export const TaskList = () => (
  <List
    filters={taskFilters}
    filter={{ dispatchStatus: 'task_open' }}
    sort={{ field: 'dueAt', order: 'ASC' }}
    perPage={25}
    queryOptions={taskQuery}
  >
    <DataTable rowClick="show" bulkActionButtons={false} sx={noWrapHeadings}>
      <DataTable.Col source="dueAt">
        <LocaleDateField source="dueAt" showTime />
      </DataTable.Col>
      <DataTable.Col source="channel">
        <SelectField source="channel" choices={taskChannelChoices} />
      </DataTable.Col>
      <DataTable.Col label="resources.tasks.fields.debtor" disableSort>
        <FunctionField render={(record: RaRecord) => contactOf(record).debtorName ?? '—'} />
      </DataTable.Col>
      <DataTable.Col label="resources.tasks.fields.contact" disableSort>
        <FunctionField render={contactText} />
      </DataTable.Col>
      <DataTable.Col source="renderedSubject" disableSort>
        <TextField source="renderedSubject" emptyText="—" />
      </DataTable.Col>
      <DataTable.Col
        source="collectionCase.overdueAmount"
        label="resources.tasks.fields.overdueAmount"
        align="right"
        disableSort
      >
        <MoneyField
          source="collectionCase.overdueAmount"
          currencySource="collectionCase.currency"
          emptyText="—"
        />
      </DataTable.Col>
      <DataTable.Col
        source="debtor.assignedCollector"
        label="resources.tasks.fields.collector"
        disableSort
      >
        <TextField source="debtor.assignedCollector" emptyText="—" />
      </DataTable.Col>
    </DataTable>
  </List>
);
