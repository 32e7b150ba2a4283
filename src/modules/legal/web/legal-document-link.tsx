import { Anchor } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import i18n, { type TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { apiRequest } from '../../../web/api';
import type { LegalDocument } from './types';

/** The path of a document's page; ids hold ':' and '/', so the id is one encoded segment. */
export function legalDocumentPath(documentId: string): string {
  return `/legal/${encodeURIComponent(documentId)}`;
}

/** Loads one register entry (cached; shared by every view of it). */
export function useLegalDocument(documentId: string | undefined) {
  return useQuery({
    queryKey: ['legal-documents', 'one', documentId],
    queryFn: () => apiRequest<LegalDocument>(`/legal-documents/${encodeURIComponent(documentId ?? '')}`),
    enabled: Boolean(documentId),
    staleTime: 5 * 60_000,
  });
}

/** Every register entry (in force or not), loaded once and shared: names for lineage links. */
export function useAllLegalDocuments() {
  return useQuery({
    queryKey: ['legal-documents', 'all'],
    queryFn: () => apiRequest<LegalDocument[]>('/legal-documents', { query: { limit: 5000 } }),
    staleTime: 10 * 60_000,
  });
}

/** Map from document id to document, from the shared register list. */
export function useLegalDocumentMap(): Map<string, LegalDocument> {
  const { data } = useAllLegalDocuments();
  return useMemo(() => new Map((data ?? []).map((document) => [document.id, document])), [data]);
}

/** Kinds whose titles are names ("Luật Báo chí"); other documents are known by kind and number. */
const namedKinds = new Set(['luat', 'phap-lenh']);

/**
 * How a document is named in links: a law by its title and number ("Luật Báo chí 103/2016/QH13"), any other
 * document by kind and number ("Nghị định 13/2023/NĐ-CP"), a draft as a draft of its title ("Dự thảo Luật Báo chí
 * (sửa đổi)"), as `legalDocumentName` does on the server.
 */
export function legalDocumentLabel(t: TFunction<'legal'>, document: LegalDocument): string {
  const kind = t(`kinds.${document.kind}`, { defaultValue: document.kind });
  if (document.numberSymbol === null) {
    if (/^dự thảo /iu.test(document.title)) return document.title;
    // Titles are Vietnamese in every language: "Luật Báo chí (sửa đổi)" begins with its kind's Vietnamese name.
    const vietnameseKind = i18n.getFixedT('vi', 'legal')(`kinds.${document.kind}`);
    return document.title.startsWith(`${vietnameseKind} `)
      ? t('draftName', { title: document.title })
      : t('draftNameOfKind', { title: document.title, kind });
  }
  if (namedKinds.has(document.kind)) return `${document.title} ${document.numberSymbol}`;
  return `${kind} ${document.numberSymbol}`;
}

/** A link to a document's page, labelled with its name (its id until the register has loaded). */
export function LegalDocumentLink({ documentId }: { documentId: string }) {
  const { t } = useTranslation('legal');
  const documents = useLegalDocumentMap();
  const document = documents.get(documentId);
  return (
    <Anchor component={Link} to={legalDocumentPath(documentId)} inherit>
      {document ? legalDocumentLabel(t, document) : documentId}
    </Anchor>
  );
}
