import { enumChoices } from '../fields/choices';

/** The collection-case `caseStatus` enumeration of cms/src/api/collection-case. */
export const caseStatuses = ['open', 'closed'] as const;
export const caseStatusChoices = enumChoices('caseStatus', caseStatuses);

/** The list opens on the cases still being worked; keys are Strapi field names. */
export const caseDefaultFilter = { caseStatus: 'open' } as const;
