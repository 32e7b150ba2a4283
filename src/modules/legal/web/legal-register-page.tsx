import { Anchor, Badge, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { apiRequest } from '../../../web/api';
import { LineageLinks } from '../../../web/components/lineage-links';
import { ReferenceFilters, useReferenceFilters } from '../../../web/components/reference-filters';
import { ErrorAlert } from '../../../web/components/error-alert';
import { Loading } from '../../../web/components/loading';
import { PageTitle } from '../../../web/components/page-title';
import { ReferenceTable } from '../../../web/components/reference-table';
import { hasRole, useSession } from '../../../web/session';
import { LegalDocumentForm } from './legal-document-form';
import { legalDocumentLabel, LegalDocumentLink, legalDocumentPath } from './legal-document-link';
import { LegalDocumentValidity } from './legal-document-validity';
import { legalDocumentKinds, legalRegisterEditors, type LegalDocument } from './types';

/**
 * The legal register: search with or without diacritics or by number, filter by kind, by status (issued or
 * draft) and by the date in force.
 */
export function LegalRegisterPage() {
  const { t } = useTranslation('legal');
  const { user } = useSession();
  const filters = useReferenceFilters();
  const { debouncedSearch, kind, onDate, isDateInvalid } = filters;
  const status = filters.param('status');
  const [isCreating, setIsCreating] = useState(false);
  const canEdit = hasRole(user, legalRegisterEditors);

  const query = useQuery({
    queryKey: ['legal-documents', 'list', { search: debouncedSearch, kind, status, on: onDate }],
    queryFn: () =>
      apiRequest<LegalDocument[]>('/legal-documents', {
        query: { search: debouncedSearch, kind, status, on: onDate, limit: 1000 },
      }),
    enabled: !isDateInvalid,
    placeholderData: (previous) => previous,
  });

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <PageTitle>{t('title')}</PageTitle>
        {canEdit ? <Button onClick={() => setIsCreating(true)}>{t('create.open')}</Button> : null}
      </Group>
      <ReferenceFilters filters={filters} namespace="legal" kinds={legalDocumentKinds}>
        <Select
          label={t('filter.status')}
          description={t('filter.statusHelp')}
          placeholder={t('filter.allStatuses')}
          data={(['issued', 'draft'] as const).map((value) => ({ value, label: t(`status.${value}`) }))}
          value={status || null}
          onChange={(value) => filters.setParam('status', value ?? '')}
          clearable
        />
      </ReferenceFilters>
      <ErrorAlert error={query.error} />
      {query.isPending && !isDateInvalid ? <Loading /> : null}
      {query.data ? (
        <ReferenceTable
          namespace="legal"
          nameColumn="title"
          minWidth={860}
          rows={query.data.map((document) => ({
            key: document.id,
            name: (
              <>
                <Anchor
                  component={Link}
                  to={legalDocumentPath(document.id)}
                  fw={600}
                  aria-label={
                    document.numberSymbol === null
                      ? legalDocumentLabel(t, document)
                      : `${document.title} ${document.numberSymbol}`
                  }
                >
                  {document.title}
                </Anchor>
                {document.numberSymbol === null ? (
                  <div>
                    <Badge variant="outline" color="grape" size="sm">
                      {t('status.draft')}
                    </Badge>
                  </div>
                ) : (
                  <Text fz="sm" c="dark.6">
                    {t('numberSymbol', { numberSymbol: document.numberSymbol })}
                  </Text>
                )}
              </>
            ),
            kind: t(`kinds.${document.kind}`, { defaultValue: document.kind }),
            validity: <LegalDocumentValidity document={document} />,
            lineage: (
              <LineageLinks
                predecessors={document.predecessors}
                successors={document.successors}
                namespace="legal"
                wordsKey={document.status === 'draft' ? 'draftLineage' : 'lineage'}
                renderLink={(id) => <LegalDocumentLink documentId={id} />}
              />
            ),
          }))}
        />
      ) : null}
      <Modal opened={isCreating} onClose={() => setIsCreating(false)} title={t('create.title')} size="lg">
        {isCreating ? <LegalDocumentForm onDone={() => setIsCreating(false)} onCancel={() => setIsCreating(false)} /> : null}
      </Modal>
    </Stack>
  );
}
