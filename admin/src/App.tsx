import { Admin, Resource } from 'react-admin';

import actions from './actions';
import { LoginPage } from './auth/LoginPage';
import collectionCases from './collection-cases';
import deadLetters from './dead-letters';
import debtors from './debtors';
import invoices from './invoices';
import { authProvider, dataProvider, i18nProvider } from './providers';
import referrals from './referrals';
import tasks from './tasks';

/** The collector's worklist comes first: it is where most of the day is spent. */
export const App = () => (
  <Admin
    title="回款 Huikuan"
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    loginPage={LoginPage}
    requireAuth
    disableTelemetry
  >
    <Resource name="tasks" {...tasks} />
    <Resource name="debtors" {...debtors} />
    <Resource name="invoices" {...invoices} />
    <Resource name="collection-cases" {...collectionCases} />
    <Resource name="actions" {...actions} />
    <Resource name="dead-letters" {...deadLetters} />
    <Resource name="referrals" {...referrals} />
  </Admin>
);
