import englishMessages from 'ra-language-english';
import type { TranslationMessages } from 'react-admin';

import type { HuikuanMessages } from './zh-CN';

/** Huikuan's texts in English, the second locale. Loaded on demand by the locale switcher. */
export const huikuanEnglish: HuikuanMessages = {
  resources: {
    debtors: {
      name: 'Debtor |||| Debtors',
      fields: {
        code: 'Customer code',
        name: 'Name',
        taxId: 'Tax ID',
        industry: 'Industry',
        region: 'Region',
        address: 'Address',
        timeZone: 'Time zone',
        language: 'Language',
        creditLimit: 'Credit limit',
        assignedCollector: 'Collector',
        invoices: 'Invoices',
        region_containsi: 'Region contains',
        industry_containsi: 'Industry contains',
      },
    },
    invoices: {
      name: 'Invoice |||| Invoices',
      fields: {
        number: 'Number',
        debtor: 'Debtor',
        issueDate: 'Issued',
        dueDate: 'Due',
        amount: 'Amount',
        currency: 'Currency',
        openAmount: 'Open amount',
        settlementStatus: 'Status',
        disputed: 'Disputed',
      },
    },
    'collection-cases': {
      name: 'Collection case |||| Collection cases',
      fields: {
        caseKey: 'Case',
        debtor: 'Debtor',
        caseStatus: 'Status',
        stage: 'Stage',
        maxDaysPastDue: 'Max. days past due',
        maxDaysPastDue_gte: 'Days past due at least',
        overdueAmount: 'Overdue amount',
        overdueInvoices: 'Overdue invoices',
        openedOn: 'Opened',
      },
    },
    actions: {
      name: 'Action |||| Actions',
      fields: {
        idempotencyKey: 'Idempotency key',
        channel: 'Channel',
        templateCode: 'Template',
        dispatchStatus: 'Status',
        dueAt: 'Due at',
        lastError: 'Last error',
      },
    },
  },
  ar: {
    auth: {
      api_token: 'API token',
      api_token_help:
        'Create one in the Strapi admin under Settings → API Tokens, with read access',
      token_required: 'Enter a Strapi API token',
    },
    errors: {
      unreachable:
        'Cannot reach Strapi. Check that the CMS is running and that VITE_STRAPI_URL points to its /api.',
      unauthorized: 'The API token is invalid or was revoked. Sign in again with a valid token.',
      forbidden:
        'This API token may not do that. Grant it the permission under Settings → API Tokens in Strapi.',
      unexpected_response:
        'Strapi sent data this page does not understand. Check that VITE_STRAPI_URL ends in /api.',
    },
    enums: {
      invoiceStatus: {
        open: 'Open',
        partially_paid: 'Partially paid',
        paid: 'Paid',
        credited: 'Credited',
      },
      caseStatus: {
        open: 'Open',
        closed: 'Closed',
      },
      actionStatus: {
        planned: 'Planned',
        queued: 'Queued',
        sending: 'Sending',
        sent: 'Sent',
        task_open: 'Task open',
        failed: 'Failed',
        cancelled: 'Cancelled',
      },
      channel: {
        email: 'Email',
        sms: 'SMS',
        letter: 'Letter',
        phone: 'Phone',
        visit: 'Visit',
        legal: 'Legal',
      },
    },
  },
};

export const enMessages: TranslationMessages = { ...englishMessages, ...huikuanEnglish };
