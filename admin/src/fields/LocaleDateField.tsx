import { DateField, useLocaleState } from 'react-admin';
import type { DateFieldProps } from 'react-admin';

/** A DateField that follows the UI locale chosen in the app bar rather than the browser's. */
export const LocaleDateField = (props: DateFieldProps) => {
  const [locale] = useLocaleState();
  return <DateField locales={locale} {...props} />;
};
