export { parseOfficialDocument } from './parse-official-document';
export { createReferenceDirectory } from './directory';
export { repairDocumentText } from './repair';
export type * from './types';
