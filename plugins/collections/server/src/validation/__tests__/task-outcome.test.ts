import { validateTaskOutcome } from '../task-outcome';

const DAY = 86_400_000;
const pathsOf = (body: object): string[] => {
  const result = validateTaskOutcome(body);
  return 'errors' in result ? result.errors.map((error) => error.path) : [];
};

describe('when a task outcome happened', () => {
  it('takes a contact up to 366 days ago and refuses one before that', () => {
    const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
    expect(pathsOf({ outcome: 'reached', occurredAt: ago(365) })).toEqual([]);
    expect(pathsOf({ outcome: 'reached', occurredAt: ago(367) })).toEqual(['occurredAt']);
    expect(pathsOf({ outcome: 'reached', occurredAt: '1970-01-01T00:00:00Z' })).toEqual([
      'occurredAt',
    ]);
  });

  it('still refuses a contact in the future', () => {
    const later = new Date(Date.now() + DAY).toISOString();
    expect(pathsOf({ outcome: 'reached', occurredAt: later })).toEqual(['occurredAt']);
  });
});
