import { assessDebtor } from '../assess';
import { summariseBehaviour, isDebtorNote } from '../history';
import { DEFAULT_POLICY } from '../policy';
import { contactDay } from '../../repositories/history-store';
import { contact, history, invoice } from './fixtures';

const noStatement = { readStatement: () => null, lateProbability: null };
const invoices = [
  invoice('A', '2025-01-01', '2025-01-31', '2025-01-31'),
  invoice('B', '2025-02-01', '2025-03-03', '2025-03-03'),
  invoice('C', '2025-03-01', '2025-03-31', null),
];
const asOf = '2025-04-10';
const keywords = DEFAULT_POLICY.reasons.rules.flatMap((rule) =>
  rule.evidence.flatMap((condition) => ('keywords' in condition ? condition.keywords : [])),
);

describe('contact notes read as debtor evidence', () => {
  const dispatcher = [
    contact('2025-04-02', 'task_created', {
      direction: 'outbound',
      channel: 'sms',
      summary: 'sms task: instalment-offer',
    }),
    contact('2025-04-03', 'sent', {
      direction: 'outbound',
      channel: 'email',
      summary: 'email to ap@example.cn: 分期付款方案 / instalment plan',
    }),
    contact('2025-04-04', 'failed', {
      direction: 'outbound',
      channel: 'sms',
      summary: 'sms task: 分期 offer failed',
    }),
  ];

  it('never takes the dispatcher’s sent/task_created/failed summaries as notes', () => {
    const b = summariseBehaviour(history(invoices, dispatcher), asOf, keywords);
    expect(b.notes).toEqual([]);
    for (const activity of dispatcher) expect(isDebtorNote(activity)).toBe(false);
  });

  it('does not make a cash_flow verdict from a dispatcher summary with 分期/instalment', () => {
    const result = assessDebtor(DEFAULT_POLICY, history(invoices, dispatcher), asOf, noStatement);
    expect(result.reason.verdict).not.toBe('cash_flow');
    expect(result.reason.weights.cash_flow ?? 0).toBe(0);
  });

  it('makes a cash_flow verdict from an inbound note saying the same', () => {
    const inbound = [
      ...dispatcher,
      contact('2025-04-05', 'reached', { direction: 'inbound', summary: '客户希望分期付款' }),
    ];
    const result = assessDebtor(DEFAULT_POLICY, history(invoices, inbound), asOf, noStatement);
    expect(result.reason.verdict).toBe('cash_flow');
    expect(result.reason.evidence.map((e) => e.note?.text)).toContain('客户希望分期付款');
  });

  it('counts an outbound call whose outcome a collector recorded', () => {
    const called = [
      contact('2025-04-05', 'promised', {
        direction: 'outbound',
        promiseDate: '2025-04-20',
        summary: 'asked for an instalment plan',
      }),
    ];
    const b = summariseBehaviour(history(invoices, called), asOf, keywords);
    expect(b.notes.map((n) => n.text)).toEqual(['asked for an instalment plan']);
    const result = assessDebtor(DEFAULT_POLICY, history(invoices, called), asOf, noStatement);
    expect(result.reason.verdict).toBe('cash_flow');
  });
});

describe('contactDay', () => {
  it('reads the day in the debtor’s time zone, not in UTC', () => {
    // 04:16 in Shanghai on 12-05 is 20:16 UTC on 12-04.
    const occurred = new Date('2025-12-04T20:16:00Z');
    expect(contactDay(occurred, 'Asia/Shanghai', 'UTC')).toBe('2025-12-05');
    expect(contactDay(occurred, null, 'Asia/Shanghai')).toBe('2025-12-05');
    expect(contactDay(occurred, 'Europe/Berlin', 'Asia/Shanghai')).toBe('2025-12-04');
  });

  it('falls back to the default zone for an unknown zone', () => {
    const occurred = new Date('2025-12-04T20:16:00Z');
    expect(contactDay(occurred, 'Mars/Olympus', 'Asia/Shanghai')).toBe('2025-12-05');
  });
});
