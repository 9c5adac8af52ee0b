/** Keys whose values never reach a log line or an error shown to a user. */
const SECRET_KEY = /pass(word)?|secret|token|access_?key|credential|authorization/i;

/**
 * `smtp://user:pass@host` → `smtp://user:***@host`, wherever credentials stand in the text,
 * also in a mistyped URL (`smtp//user:pass@host`, `user:pass@host`).
 */
export const redactUrl = (value: string): string =>
  value.replace(/([^\s:/@'"]*):[^\s@/'"]+@(?=[\w.[\]-])/g, '$1:***@');

/** A copy of log fields with secrets masked and URLs stripped of passwords. */
export const redactFields = (fields: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(fields).map(([key, value]) => {
      if (SECRET_KEY.test(key)) return [key, '***'];
      if (typeof value === 'string') return [key, redactUrl(value)];
      return [key, value];
    }),
  );
