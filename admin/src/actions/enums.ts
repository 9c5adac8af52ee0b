import { enumChoices } from '../fields/choices';

/** The action `channel` enumeration of cms/src/api/action. */
export const actionChannels = [
  'email',
  'sms',
  'letter',
  'phone',
  'visit',
  'legal',
  'agency',
  'write_off',
] as const;

/** The action `dispatchStatus` enumeration of cms/src/api/action. */
export const dispatchStatuses = [
  'planned',
  'queued',
  'sending',
  'sent',
  'task_open',
  'failed',
  'cancelled',
  'held',
  'unconfirmed',
  'completed',
] as const;

/** The action `kind` enumeration: a message or task, a hold, an escalation, a payment offer. */
export const actionKinds = ['action', 'hold', 'escalation', 'offer'] as const;

/** Channels whose actions become a collector's task (a call, a visit, a letter to post). */
export const taskChannels = ['phone', 'visit', 'letter', 'write_off'] as const;

export const channelChoices = enumChoices('channel', actionChannels);
export const dispatchStatusChoices = enumChoices('actionStatus', dispatchStatuses);
export const taskChannelChoices = enumChoices('channel', taskChannels);
export const actionKindChoices = enumChoices('actionKind', actionKinds);
