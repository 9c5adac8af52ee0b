/** The invoice `status` enumeration of cms/src/api/invoice. */
export const invoiceStatuses = ['open', 'partially_paid', 'paid', 'credited'] as const;
