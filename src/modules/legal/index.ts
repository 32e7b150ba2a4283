/**
 * Legal register: the laws, decrees, decisions, directives and letters the network works under, as dated
 * reference data with predecessor → successor links. A document's id is its `policy:` entity id.
 */
export { legalRoutes as routes } from './routes';
export {
  listLegalDocuments,
  getLegalDocument,
  seedReferenceLegalDocuments,
  listLegalDocumentNames,
  legalDocumentTitles,
  withDraftsOf,
  type ListLegalDocumentsOptions,
  type LegalDocumentNames,
  type LegalDocumentView,
} from './legal-documents';
export {
  createLegalDocument,
  updateLegalDocument,
  type LegalDocumentInput,
  type LegalDocumentChanges,
} from './edit-legal-documents';
export {
  KIND_NAMES,
  KIND_CODES,
  KIND_CODES_BY_WORDS,
  kindName,
  legalDocumentId,
  legalDocumentIdOf,
  formatLegalDocumentId,
  isLegalDocumentId,
  legalDocumentName,
} from './identity';
export { canEditLegalRegister } from './policies';
export { legalDocuments, legalDocumentLinks, type LegalDocument } from './schema';
