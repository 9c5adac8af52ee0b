import { actionSearchFields } from './actions';
import { authProvider } from './auth/authProvider';
import { readApiToken } from './auth/apiToken';
import { collectionCaseSearchFields } from './collection-cases';
import { huikuanDataProvider } from './collections-provider';
import { debtorSearchFields } from './debtors';
import { i18nProvider } from './i18n/i18nProvider';
import { invoiceSearchFields } from './invoices';
import { referralSearchFields } from './referrals';

/** The Strapi data provider, wired to the signed-in API token and each resource's search fields. */
export const dataProvider = huikuanDataProvider({
  getToken: readApiToken,
  searchFields: {
    debtors: debtorSearchFields,
    invoices: invoiceSearchFields,
    'collection-cases': collectionCaseSearchFields,
    actions: actionSearchFields,
    referrals: referralSearchFields,
  },
});

export { authProvider, i18nProvider };
