/**
 * Secrets come from the environment. Outside production a fixed development
 * value stands in, so the demo and the tests start on a fresh clone; in
 * production a missing secret stops the start with its name.
 */
export const secret = (name: string): string => {
  const value = process.env[name];
  if (value && value.trim() !== '') return value;
  if (process.env.NODE_ENV === 'production') {
    throw new Error(`${name} must be set in production (see docker-compose.yml)`);
  }
  return `huikuan-development-only-${name.toLowerCase()}`;
};
