// Text features of monitored documents, one concern per file: cleanup (text-cleanup.ts), tokens and their
// interned facts (tokens.ts), the tsvector text and PostgreSQL's lexeme order (tsvector.ts), and the one pass
// over a document's token facts (token-summary.ts).
export { cleanText } from './text-cleanup';
export { foldedTokens, tokenizeForMatching, type TokenInfo, type TokenStreams } from './tokens';
export { buildTsvector, compareLexemes } from './tsvector';
export { buildSearchVector, foldedUtf8, summarizeTokens, type TokenSummary } from './token-summary';
