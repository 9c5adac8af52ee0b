import { useState } from 'react';
import DoneAllIcon from '@mui/icons-material/DoneAll';
import ReplayIcon from '@mui/icons-material/Replay';
import { useMutation } from '@tanstack/react-query';
import { Button, useDataProvider, useNotify, useRecordContext, useRefresh } from 'react-admin';
import type { RaRecord } from 'react-admin';

import type { HuikuanDataProvider } from '../collections-provider';
import { NoteDialog } from './NoteDialog';

type Operation = 'retry' | 'confirm';

/** Runs a retry or a confirmation, then tells the operator and reloads the list. */
const useDeadLetterMutation = (
  record: RaRecord | undefined,
  operation: Operation,
  done: () => void,
) => {
  const dataProvider = useDataProvider<HuikuanDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const args = { key: String(record?.idempotencyKey ?? record?.id) };

  return useMutation({
    mutationFn: async (note: string) => {
      if (!record) throw new Error('ar.errors.unexpected_response');
      if (operation === 'confirm')
        return { queued: false, ...(await dataProvider.confirmSent(record.id, note)) };
      return dataProvider.retryAction(record.id, note);
    },
    onSuccess: (result) => {
      done();
      const message =
        operation === 'confirm'
          ? 'ar.dead_letters.confirmed'
          : result.queued
            ? 'ar.dead_letters.retried_queued'
            : 'ar.dead_letters.retried';
      notify(message, { type: 'success', messageArgs: args });
      refresh();
    },
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });
};

/** Plans a failed or unconfirmed action again, due now, with an optional note. */
export const RetryButton = () => {
  const record = useRecordContext();
  const [open, setOpen] = useState(false);
  const { mutate, isPending } = useDeadLetterMutation(record, 'retry', () => setOpen(false));
  if (!record) return null;

  return (
    <>
      <Button label="ar.dead_letters.retry" onClick={() => setOpen(true)}>
        <ReplayIcon />
      </Button>
      <NoteDialog
        open={open}
        title="ar.dead_letters.retry_title"
        text={
          record.status === 'unconfirmed'
            ? 'ar.dead_letters.retry_unconfirmed_text'
            : 'ar.dead_letters.retry_text'
        }
        args={{ key: record.idempotencyKey }}
        noteLabel="ar.dead_letters.note_optional"
        noteRequired={false}
        confirmLabel="ar.dead_letters.retry"
        isPending={isPending}
        onConfirm={(note) => mutate(note)}
        onClose={() => setOpen(false)}
      />
    </>
  );
};

/** For an unconfirmed action a person checked did go out: marks it sent, with their note. */
export const ConfirmSentButton = () => {
  const record = useRecordContext();
  const [open, setOpen] = useState(false);
  const { mutate, isPending } = useDeadLetterMutation(record, 'confirm', () => setOpen(false));
  if (record?.status !== 'unconfirmed') return null;

  return (
    <>
      <Button label="ar.dead_letters.confirm_sent" onClick={() => setOpen(true)}>
        <DoneAllIcon />
      </Button>
      <NoteDialog
        open={open}
        title="ar.dead_letters.confirm_title"
        text="ar.dead_letters.confirm_text"
        args={{ key: record.idempotencyKey }}
        noteLabel="ar.dead_letters.note_required"
        noteRequired
        confirmLabel="ar.dead_letters.confirm_sent"
        isPending={isPending}
        onConfirm={(note) => mutate(note)}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
