import { summariseBehaviour } from '../history';
import { DEFAULT_POLICY } from '../policy';
import { contact, history, invoice } from './fixtures';

const keywords = DEFAULT_POLICY.ability.extensionKeywords;

describe('summariseBehaviour', () => {
  const book = history([
    invoice('A', '2025-01-01', '2025-01-31', '2025-01-30'),
    invoice('B', '2025-02-01', '2025-03-03', '2025-03-13'),
    invoice('C', '2025-03-01', '2025-03-31', '2025-05-10'),
    invoice('D', '2025-04-01', '2025-05-01', null),
  ]);

  it('counts settled invoices, days late and the open balance as of the day', () => {
    const b = summariseBehaviour(book, '2025-05-20', keywords);
    expect(b.settledInvoices).toBe(3);
    expect(b.lateSettled).toBe(2);
    expect(b.onTimeShare).toBeCloseTo(1 / 3);
    expect(b.meanDaysLate).toBeCloseTo((0 + 10 + 40) / 3);
    expect(b.openInvoices).toBe(1);
    expect(b.overdueInvoices).toBe(1);
    expect(b.maxDaysPastDue).toBe(19);
    expect(b.relationshipMonths).toBe(4);
  });

  it('does not see the future: a payment after the as-of date leaves the invoice open', () => {
    const b = summariseBehaviour(book, '2025-04-15', keywords);
    expect(b.settledInvoices).toBe(2);
    expect(b.openInvoices).toBe(2);
    expect(b.overdueInvoices).toBe(1);
    expect(b.maxDaysPastDue).toBe(15);
    // Invoice C's 40 days late are not known on 2025-04-15.
    expect(b.meanDaysLate).toBeCloseTo(5);
    const earlier = summariseBehaviour(
      history([
        ...book.invoices.slice(0, 2),
        { ...book.invoices[2]!, movements: [] },
        book.invoices[3]!,
      ]),
      '2025-04-15',
      keywords,
    );
    expect(earlier).toEqual(b);
  });

  it('judges promises kept, broken and pending by the payments that followed', () => {
    const withPromises = history(
      [
        invoice('A', '2025-01-01', '2025-01-31', '2025-02-10'),
        invoice('B', '2025-02-01', '2025-03-03', null),
        invoice('C', '2025-03-01', '2025-03-31', null),
      ],
      [
        contact('2025-02-05', 'promised', {
          promiseDate: '2025-02-08',
          promiseAmountMinor: 100_000,
        }),
        contact('2025-03-10', 'promised', {
          promiseDate: '2025-03-15',
          promiseAmountMinor: 50_000,
        }),
        contact('2025-04-08', 'promised', { promiseDate: '2025-04-20' }),
      ],
    );
    const b = summariseBehaviour(withPromises, '2025-04-10', keywords);
    expect([b.promisesKept, b.promisesBroken, b.promisesPending]).toEqual([1, 1, 1]);
  });

  it('counts answered and unanswered reminders, refusals, disputes and requests for more time', () => {
    const book2 = history(
      [invoice('A', '2025-01-01', '2025-01-31', null)],
      [
        contact('2025-02-03', 'sent', { direction: 'outbound', channel: 'email' }),
        contact('2025-02-05', 'reached', { summary: '客户请求延期两周' }),
        contact('2025-03-01', 'no_answer', { direction: 'outbound' }),
        contact('2025-03-20', 'refused', { summary: 'will not pay' }),
        contact('2025-03-25', 'disputed', { summary: '没收到货' }),
      ],
    );
    const b = summariseBehaviour(book2, '2025-04-01', keywords);
    expect(b.reminders).toBe(2);
    expect(b.repliedReminders).toBe(1);
    expect(b.unansweredReminders).toBe(1);
    expect(b.refusals).toBe(1);
    expect(b.disputeContacts).toBe(1);
    expect(b.extensionRequests).toBe(1);
    expect(b.notes.map((n) => n.text)).toContain('没收到货');
  });

  it('counts contacts from the day after: rerunning a day after its own reminders scores the same', () => {
    const book3 = history(
      [invoice('A', '2025-01-01', '2025-01-31', null)],
      [
        contact('2025-03-31', 'refused', { summary: '拒付' }),
        contact('2025-04-01', 'task_created', { direction: 'outbound' }),
      ],
    );
    const b = summariseBehaviour(book3, '2025-04-01', keywords);
    expect(b.refusals).toBe(1);
    expect(b.reminders).toBe(0);
  });

  it('measures partial payments and the growth of the open balance', () => {
    const partial = invoice('P', '2025-01-01', '2025-01-31', null, {
      movements: [{ date: '2025-02-15', amountMinor: 30_000, kind: 'payment' }],
    });
    const b = summariseBehaviour(
      history([partial, invoice('Q', '2025-03-01', '2025-03-31', null)]),
      '2025-04-15',
      keywords,
    );
    expect(b.partialPayments).toBe(1);
    // Open on 2025-01-15: 1,000.00; now 700.00 + 1,000.00.
    expect(b.balanceGrowth).toBeCloseTo(0.7);
  });
});
