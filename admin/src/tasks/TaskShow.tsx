import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { Labeled, SelectField, Show, TextField, useRecordContext, useTranslate } from 'react-admin';

import { dispatchStatusChoices, taskChannelChoices } from '../actions/enums';
import { DocumentButton } from '../fields/DocumentButton';
import { LocaleDateField } from '../fields/LocaleDateField';
import { MoneyField } from '../fields/MoneyField';
import { contactOf } from './contact';
import { OutcomeForm } from './OutcomeForm';
import { TaskHistory } from './TaskHistory';

const taskPopulate = {
  meta: {
    populate: {
      debtor: { fields: ['code', 'name', 'assignedCollector'] },
      collectionCase: {
        fields: ['caseKey', 'overdueAmount', 'currency', 'maxDaysPastDue', 'stage'],
      },
    },
  },
};

const Section = ({ title, children }: { title: string; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate(title)}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
};

/** The rendered script or letter, as the dispatcher composed it when the task opened. */
const ScriptSection = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record) return null;

  const title = record.channel === 'letter' ? 'ar.tasks.letter' : 'ar.tasks.script';
  return (
    <Section title={title}>
      {record.renderedSubject ? (
        <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
          {record.renderedSubject}
        </Typography>
      ) : null}
      <Box
        sx={{
          whiteSpace: 'pre-wrap',
          lineHeight: 1.7,
          bgcolor: 'action.hover',
          p: 2,
          borderRadius: 1,
        }}
      >
        {record.renderedBody || translate('ar.tasks.no_script')}
      </Box>
      {record.documentPath ? (
        <Box sx={{ mt: 2 }}>
          <DocumentButton
            actionId={record.id}
            fallbackName={String(record.idempotencyKey)}
            label="ar.tasks.download_letter"
          />
        </Box>
      ) : null}
    </Section>
  );
};

const ContactLine = ({ label, children }: { label: string; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ display: 'flex', gap: 2, py: 0.5 }}>
      <Typography variant="body2" color="text.secondary" sx={{ minWidth: 88 }}>
        {translate(label)}
      </Typography>
      <Typography variant="body2" component="div">
        {children ?? '—'}
      </Typography>
    </Box>
  );
};

/** Who to call or visit: the debtor, the contact person, phone, email and address. */
const ContactSection = () => {
  const record = useRecordContext();
  const contact = contactOf(record);
  return (
    <Section title="ar.tasks.contact">
      <ContactLine label="ar.tasks.debtor">
        {[contact.debtorCode, contact.debtorName].filter(Boolean).join(' ') || null}
      </ContactLine>
      <ContactLine label="ar.tasks.contact_name">{contact.contactName}</ContactLine>
      <ContactLine label="ar.tasks.phone">
        {contact.phone ? <Link href={`tel:${contact.phone}`}>{contact.phone}</Link> : null}
      </ContactLine>
      <ContactLine label="ar.tasks.email">
        {contact.email ? <Link href={`mailto:${contact.email}`}>{contact.email}</Link> : null}
      </ContactLine>
      <ContactLine label="ar.tasks.address">{contact.address}</ContactLine>
    </Section>
  );
};

/** The task itself: channel, due time, status, and the case it belongs to. */
const TaskFacts = () => (
  <Section title="ar.tasks.task">
    <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap' }}>
      <Labeled source="channel">
        <SelectField source="channel" choices={taskChannelChoices} />
      </Labeled>
      <Labeled source="dueAt">
        <LocaleDateField source="dueAt" showTime />
      </Labeled>
      <Labeled source="dispatchStatus">
        <SelectField source="dispatchStatus" choices={dispatchStatusChoices} />
      </Labeled>
      <Labeled source="collectionCase.caseKey" label="resources.tasks.fields.case">
        <TextField source="collectionCase.caseKey" emptyText="—" />
      </Labeled>
      <Labeled source="collectionCase.overdueAmount" label="resources.tasks.fields.overdueAmount">
        <MoneyField
          source="collectionCase.overdueAmount"
          currencySource="collectionCase.currency"
          emptyText="—"
        />
      </Labeled>
      <Labeled source="templateCode">
        <TextField source="templateCode" emptyText="—" />
      </Labeled>
    </Stack>
  </Section>
);

/** The outcome form while the task is open; afterwards, only what was recorded. */
const OutcomeSection = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record) return null;

  const currency = String(record.collectionCase?.currency ?? 'CNY');
  return (
    <Section title="ar.tasks.outcomes">
      {record.dispatchStatus === 'task_open' ? (
        <OutcomeForm currency={currency} />
      ) : (
        <Alert severity="info">{translate('ar.tasks.not_open')}</Alert>
      )}
      <Typography variant="subtitle2" sx={{ mt: 3, mb: 1 }}>
        {translate('ar.tasks.history')}
      </Typography>
      <TaskHistory />
    </Section>
  );
};

/** One task of the worklist: what to say, whom to reach, and what came of it. */
export const TaskShow = () => (
  <Show queryOptions={taskPopulate}>
    <Grid container spacing={2} sx={{ p: 2 }}>
      <Grid size={12}>
        <TaskFacts />
      </Grid>
      <Grid size={{ xs: 12, md: 7 }}>
        <ScriptSection />
      </Grid>
      <Grid size={{ xs: 12, md: 5 }}>
        <ContactSection />
      </Grid>
      <Grid size={12}>
        <OutcomeSection />
      </Grid>
    </Grid>
  </Show>
);
