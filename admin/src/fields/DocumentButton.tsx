import DownloadIcon from '@mui/icons-material/Download';
import { useMutation } from '@tanstack/react-query';
import { Button, useDataProvider, useNotify } from 'react-admin';
import type { Identifier } from 'react-admin';

import type { HuikuanDataProvider } from '../collections-provider';

export interface DocumentButtonProps {
  /** The action whose stored document (a letter's PDF, a hand-off's dossier) is fetched. */
  actionId: Identifier;
  /** File name without extension, used when the browser may not read the server's name. */
  fallbackName: string;
  /** @defaultValue `ar.documents.download` */
  label?: string;
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'application/pdf': '.pdf',
  'application/json': '.json',
};

/** Saves a blob under a file name through a temporary link. */
const saveBlob = (blob: Blob, filename: string): void => {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
};

/** A file name the file systems of the readers accept (an idempotency key holds colons). */
const safeName = (name: string): string => name.replace(/[\\/:*?"<>|\s]+/g, '_');

/**
 * Downloads an action's stored document. The API token travels in a header, which a plain
 * link cannot send, so the file is fetched first and then handed to the browser.
 */
export const DocumentButton = ({ actionId, fallbackName, label }: DocumentButtonProps) => {
  const dataProvider = useDataProvider<HuikuanDataProvider>();
  const notify = useNotify();
  const { mutate, isPending } = useMutation({
    mutationFn: () => dataProvider.downloadDocument(actionId),
    onSuccess: ({ blob, filename }) => {
      const extension = EXTENSIONS[blob.type.split(';')[0] ?? ''] ?? '';
      saveBlob(blob, filename ?? `${safeName(fallbackName)}${extension}`);
    },
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });

  return (
    <Button
      label={label ?? 'ar.documents.download'}
      onClick={() => mutate()}
      disabled={isPending}
      variant="outlined"
    >
      <DownloadIcon />
    </Button>
  );
};
