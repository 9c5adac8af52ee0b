import { actionSearchFields } from './actions';
import { authProvider } from './auth/authProvider';
import { readApiToken } from './auth/apiToken';
import { collectionCaseSearchFields } from './collection-cases';
import { strapiDataProvider } from './dataProvider';
import { debtorSearchFields } from './debtors';
import { i18nProvider } from './i18n/i18nProvider';
import { invoiceSearchFields } from './invoices';

/** The Strapi data provider, wired to the signed-in API token and each resource's search fields. */
export const dataProvider = strapiDataProvider({
  getToken: readApiToken,
  searchFields: {
    debtors: debtorSearchFields,
    invoices: invoiceSearchFields,
    'collection-cases': collectionCaseSearchFields,
    actions: actionSearchFields,
  },
});

export { authProvider, i18nProvider };
