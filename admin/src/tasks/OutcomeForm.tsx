import { useState } from 'react';
import Box from '@mui/material/Box';
import {
  DateInput,
  DateTimeInput,
  Form,
  FormDataConsumer,
  RadioButtonGroupInput,
  SaveButton,
  TextInput,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { HttpError } from 'react-admin';

import type { HuikuanDataProvider } from '../collections-provider';
import { enumChoices } from '../fields/choices';
import { MoneyInput } from '../fields/MoneyInput';
import { MAX_NOTE_LENGTH, TASK_OUTCOMES, toOutcomeBody, validateOutcome } from './outcome';
import type { OutcomeFormValues } from './outcome';

const outcomeChoices = enumChoices('taskOutcome', TASK_OUTCOMES);

/** The fields of the server's error that belong to an input of this form. */
const FORM_FIELDS = ['outcome', 'occurredAt', 'promiseDate', 'promiseAmountMinor', 'note'];

const fieldErrorsOf = (error: HttpError): Record<string, string> | undefined => {
  const errors = (error.body as { errors?: Record<string, unknown> } | null)?.errors ?? {};
  const own = Object.entries(errors).filter(
    (entry): entry is [string, string] =>
      FORM_FIELDS.includes(entry[0]) && typeof entry[1] === 'string',
  );
  return own.length > 0 ? Object.fromEntries(own) : undefined;
};

/** The promise's date and amount, shown once the collector picks "promised". */
const PromiseInputs = ({ currency }: { currency: string }) => (
  <>
    <DateInput source="promiseDate" label="ar.tasks.promise_date" isRequired />
    <MoneyInput
      source="promiseAmountMinor"
      label="ar.tasks.promise_amount"
      currency={currency}
      positive
      isRequired
    />
  </>
);

/**
 * What came of the call or visit. Inputs appear as the outcome needs them (a promise's date
 * and amount, a dispute's reason); the rules are checked here first and again by the server,
 * whose field messages land on the same inputs.
 */
export const OutcomeForm = ({ currency }: { currency: string }) => {
  const record = useRecordContext();
  const dataProvider = useDataProvider<HuikuanDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  // A new key after each success gives the collector an empty form.
  const [formKey, setFormKey] = useState(0);
  if (!record) return null;

  const submit = async (values: OutcomeFormValues) => {
    try {
      const result = await dataProvider.recordOutcome(record.id, toOutcomeBody(values));
      const outcome = translate(`ar.enums.taskOutcome.${result.outcome}`);
      notify(result.recorded ? 'ar.tasks.recorded' : 'ar.tasks.recorded_before', {
        type: 'success',
        messageArgs: { outcome },
      });
      setFormKey((key) => key + 1);
      refresh();
      return undefined;
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
      return fieldErrorsOf(error as HttpError);
    }
  };

  return (
    <Form key={formKey} onSubmit={submit as never} validate={(values) => validateOutcome(values)}>
      <Box sx={{ maxWidth: 720 }}>
        <RadioButtonGroupInput
          source="outcome"
          label="ar.tasks.outcome"
          choices={outcomeChoices}
          isRequired
        />
        <FormDataConsumer<OutcomeFormValues>>
          {({ formData }) => (
            <>
              {formData.outcome === 'promised' && <PromiseInputs currency={currency} />}
              <TextInput
                source="note"
                label={
                  formData.outcome === 'disputed' ? 'ar.tasks.dispute_reason' : 'ar.tasks.note'
                }
                isRequired={formData.outcome === 'disputed'}
                multiline
                minRows={2}
                fullWidth
                slotProps={{ htmlInput: { maxLength: MAX_NOTE_LENGTH } }}
              />
            </>
          )}
        </FormDataConsumer>
        <DateTimeInput
          source="occurredAt"
          label="ar.tasks.occurred_at"
          helperText="ar.tasks.occurred_at_help"
        />
        <SaveButton label="ar.tasks.save_outcome" alwaysEnable />
      </Box>
    </Form>
  );
};
