import {
  DataTable,
  ReferenceManyField,
  SelectField,
  TextField,
  useRecordContext,
} from 'react-admin';

import { enumChoices } from '../fields/choices';
import { LocaleDateField } from '../fields/LocaleDateField';
import { MoneyField } from '../fields/MoneyField';

/** The activity `outcome` enumeration of cms/src/api/activity. */
// prettier-ignore
const activityOutcomes = [
  'sent', 'failed', 'task_created', 'reached', 'no_answer', 'wrong_number', 'promised', 'refused',
  'disputed', 'paid',
] as const;
const outcomeChoices = enumChoices('activityOutcome', activityOutcomes);

/** What has been recorded on this task so far (its creation, then each outcome), newest first. */
export const TaskHistory = () => {
  const record = useRecordContext();
  if (!record) return null;

  return (
    <ReferenceManyField
      reference="activities"
      target="action"
      sort={{ field: 'occurredAt', order: 'DESC' }}
      perPage={20}
      empty={<span>—</span>}
    >
      <DataTable bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="occurredAt">
          <LocaleDateField source="occurredAt" showTime />
        </DataTable.Col>
        <DataTable.Col source="outcome">
          <SelectField source="outcome" choices={outcomeChoices} />
        </DataTable.Col>
        <DataTable.Col source="promiseDate">
          <LocaleDateField source="promiseDate" emptyText="—" />
        </DataTable.Col>
        <DataTable.Col source="promiseAmount" align="right">
          <MoneyField source="promiseAmount" currencySource="promiseCurrency" emptyText="—" />
        </DataTable.Col>
        <DataTable.Col source="summary">
          <TextField source="summary" emptyText="—" />
        </DataTable.Col>
      </DataTable>
    </ReferenceManyField>
  );
};
