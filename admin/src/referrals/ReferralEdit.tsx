import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  DateInput,
  Edit,
  Labeled,
  NumberInput,
  SaveButton,
  SelectField,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  Toolbar,
  maxValue,
  minValue,
  required,
  useGetList,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { RaRecord, Validator } from 'react-admin';

import { DocumentButton } from '../fields/DocumentButton';
import { LocaleDateField } from '../fields/LocaleDateField';
import { MoneyField } from '../fields/MoneyField';
import { MoneyInput } from '../fields/MoneyInput';
import { DossierView } from './DossierView';
import { endedReferralStatuses, referralKindChoices, referralStatusChoices } from './enums';

/** The fields this view changes; the dossier and the handler stay as the hand-off made them. */
const EDITABLE = [
  'referralStatus',
  'closedOn',
  'recoveredAmount',
  'feePercent',
  'feeFixed',
  'notes',
];

const editableFields = (data: RaRecord) =>
  Object.fromEntries(
    EDITABLE.map((field) => [field, data[field] === '' ? null : (data[field] ?? null)]),
  );

/** A referral that ended (recovered, returned, closed) needs the day it ended, not before it opened. */
const closedOnRule: Validator = (value: unknown, values: Record<string, unknown>) => {
  const ended = endedReferralStatuses.includes(String(values.referralStatus));
  if (ended && !value) return 'ar.referrals.closed_on_required';
  if (value && values.openedOn && String(value) < String(values.openedOn)) {
    return 'ar.referrals.closed_before_opened';
  }
  return undefined;
};

const populate = {
  meta: {
    populate: {
      debtor: { fields: ['code', 'name'] },
      collectionCase: { fields: ['caseKey'] },
    },
  },
};

/** A referral is a record of what was handed over: it is saved, never deleted from here. */
const SaveOnlyToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

/** Who has the case and for how much: read-only, as the hand-off recorded it. */
const ReferralSummary = () => (
  <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap', width: '100%', mb: 2 }}>
    <Labeled source="kind">
      <SelectField source="kind" choices={referralKindChoices} />
    </Labeled>
    <Labeled source="debtor.name" label="resources.referrals.fields.debtor">
      <TextField source="debtor.name" emptyText="—" />
    </Labeled>
    <Labeled source="collectionCase.caseKey" label="resources.referrals.fields.collectionCase">
      <TextField source="collectionCase.caseKey" emptyText="—" />
    </Labeled>
    <Labeled source="handlerName">
      <TextField source="handlerName" />
    </Labeled>
    <Labeled source="handlerContact">
      <TextField source="handlerContact" emptyText="—" />
    </Labeled>
    <Labeled source="openedOn">
      <LocaleDateField source="openedOn" />
    </Labeled>
    <Labeled source="claimAmount">
      <MoneyField source="claimAmount" />
    </Labeled>
  </Stack>
);

/** Downloads the dossier file stored with the hand-off action (the proof as it was sent). */
const DossierDownload = () => {
  const record = useRecordContext();
  const { data } = useGetList(
    'actions',
    {
      filter: { idempotencyKey: record?.actionKey },
      pagination: { page: 1, perPage: 1 },
      meta: { fields: ['idempotencyKey', 'documentPath'] },
    },
    { enabled: Boolean(record?.actionKey) },
  );
  const action = data?.[0];
  if (!record || !action?.documentPath) return null;
  return (
    <DocumentButton
      actionId={action.id}
      fallbackName={String(record.referralKey)}
      label="ar.referrals.download_dossier"
    />
  );
};

const DossierSection = () => {
  const translate = useTranslate();
  return (
    <Box sx={{ px: 2, pb: 3 }}>
      <Divider sx={{ mb: 2 }} />
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center' }}>
        <Typography variant="h6">{translate('ar.dossier.title')}</Typography>
        <DossierDownload />
      </Stack>
      <DossierView />
    </Box>
  );
};

/**
 * One referral: its status, what was recovered, the fees, and notes. Saving waits for the
 * server (a referral that ended gives the case back to the strategy), and its errors show.
 */
export const ReferralEdit = () => (
  <Edit mutationMode="pessimistic" transform={editableFields} queryOptions={populate}>
    <SimpleForm toolbar={<SaveOnlyToolbar />}>
      <ReferralSummary />
      <ReferralInputs />
    </SimpleForm>
    <DossierSection />
  </Edit>
);

/** What the handler reports back: the status, what came in, what it costs. */
const ReferralInputs = () => {
  const record = useRecordContext();
  const currency = String(record?.currency ?? 'CNY');
  return (
    <Box sx={{ width: '100%', maxWidth: 720 }}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <SelectInput
          source="referralStatus"
          choices={referralStatusChoices}
          validate={required()}
        />
        <DateInput source="closedOn" validate={closedOnRule} />
      </Stack>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <MoneyInput source="recoveredAmount" currency={currency} />
        <NumberInput
          source="feePercent"
          min={0}
          max={100}
          step={0.5}
          validate={[minValue(0), maxValue(100)]}
        />
        <MoneyInput source="feeFixed" currency={currency} />
      </Stack>
      <TextInput source="notes" multiline minRows={3} fullWidth />
    </Box>
  );
};
