import { enumChoices } from '../fields/choices';

/** The referral `kind` enumeration of cms/src/api/referral. */
export const referralKinds = ['legal_review', 'agency'] as const;

/** The referral `referralStatus` enumeration of cms/src/api/referral. */
export const referralStatuses = [
  'open',
  'accepted',
  'in_progress',
  'recovered',
  'returned',
  'closed',
] as const;

/** States in which the case is back with us: the server unfreezes it on such an update. */
export const endedReferralStatuses: readonly string[] = ['recovered', 'returned', 'closed'];

export const referralKindChoices = enumChoices('referralKind', referralKinds);
export const referralStatusChoices = enumChoices('referralStatus', referralStatuses);
