/** Text extraction from uploaded documents (PDF, scanned PDF and images via OCR, DOCX, plain text). */
export {
  extractDocumentText,
  DEFAULT_MAX_PAGES,
  type ExtractDocumentTextOptions,
  type ExtractedDocument,
  type ExtractedPage,
  type ExtractionProgress,
  type PageMethod,
} from './extract-document-text';
export { ExtractionError, extractionErrorCodes, type ExtractionErrorCode } from './errors';
export { detectFileType, type DetectedFileType } from './detect-file-type';
