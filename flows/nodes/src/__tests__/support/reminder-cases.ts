/**
 * The reminder rule, spelled out for every preferred channel and every reachability:
 * preferred email or SMS if reachable, a preferred phone call or letter as asked, else email if
 * reachable, else SMS if reachable, else a letter.
 */
import type { ReminderChannel } from '../../domain/step-plan';
import type { StrategyCase } from '../../types';

type Preferred = StrategyCase['preferredChannel'];

/** [preferredChannel, reachable.email, reachable.sms, expected channel] */
export type ReminderCase = [Preferred, boolean, boolean, ReminderChannel];

export const REMINDER_CASES: ReminderCase[] = [
  ['email', true, true, 'email'],
  ['email', true, false, 'email'],
  ['email', false, true, 'sms'],
  ['email', false, false, 'letter'],
  ['sms', true, true, 'sms'],
  ['sms', true, false, 'email'],
  ['sms', false, true, 'sms'],
  ['sms', false, false, 'letter'],
  ['phone', true, true, 'phone'],
  ['phone', true, false, 'phone'],
  ['phone', false, true, 'phone'],
  ['phone', false, false, 'phone'],
  ['letter', true, true, 'letter'],
  ['letter', true, false, 'letter'],
  ['letter', false, true, 'letter'],
  ['letter', false, false, 'letter'],
  [null, true, true, 'email'],
  [null, true, false, 'email'],
  [null, false, true, 'sms'],
  [null, false, false, 'letter'],
];

/** Every preferredChannel a case may carry, null included. */
export const PREFERENCES: Preferred[] = ['email', 'sms', 'phone', 'letter', null];
