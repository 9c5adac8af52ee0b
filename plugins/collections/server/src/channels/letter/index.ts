/** Printed documents: demand letters (催款函) and statements of account (对账单) as PDF. */
export { renderLetterPdf, type LetterDocument, type LetterInvoice } from './letter-pdf';
export {
  renderStatementPdf,
  totalsByCurrency,
  type StatementDocument,
  type StatementInvoice,
} from './statement-pdf';
export { DocumentInputError, type Creditor, type Debtor } from './schema';
export { LANGUAGES, type Language } from './labels';
