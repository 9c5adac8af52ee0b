import { useEffect, useState } from 'react';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { Button, useTranslate } from 'react-admin';

/** The server keeps an operator's note up to this length. */
export const MAX_OPERATOR_NOTE = 500;

export interface NoteDialogProps {
  open: boolean;
  title: string;
  /** Title and text arguments, e.g. `{ key }` for the action's idempotency key. */
  args?: Record<string, unknown>;
  text: string;
  noteLabel: string;
  /** A note is needed before the operator may confirm. */
  noteRequired: boolean;
  confirmLabel: string;
  isPending: boolean;
  onConfirm: (note: string) => void;
  onClose: () => void;
}

/** Asks an operator to confirm a dead-letter action, with a note for the record. */
export const NoteDialog = (props: NoteDialogProps) => {
  const translate = useTranslate();
  const [note, setNote] = useState('');
  const missing = props.noteRequired && note.trim() === '';

  // Every opening starts with an empty note.
  useEffect(() => {
    if (props.open) setNote('');
  }, [props.open]);

  const close = () => {
    if (!props.isPending) props.onClose();
  };

  return (
    <Dialog open={props.open} onClose={close} fullWidth maxWidth="sm">
      <DialogTitle>{translate(props.title, props.args)}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{translate(props.text, props.args)}</DialogContentText>
        <TextField
          autoFocus
          fullWidth
          multiline
          minRows={2}
          label={translate(props.noteLabel)}
          required={props.noteRequired}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          helperText={`${note.length} / ${MAX_OPERATOR_NOTE}`}
          slotProps={{ htmlInput: { maxLength: MAX_OPERATOR_NOTE } }}
        />
      </DialogContent>
      <DialogActions>
        <Button label="ra.action.cancel" onClick={close} disabled={props.isPending} />
        <Button
          label={props.confirmLabel}
          variant="contained"
          onClick={() => props.onConfirm(note)}
          disabled={missing || props.isPending}
        />
      </DialogActions>
    </Dialog>
  );
};
