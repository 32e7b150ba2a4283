import { Anchor, Badge, Box, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../../web/components/error-alert';
import { Fact } from '../../../web/components/fact';
import { Loading } from '../../../web/components/loading';
import { FactsCard, RecordHeading } from '../../../web/components/reference-record';
import { formatIsoDate } from '../../../web/format';
import { hasRole, useSession } from '../../../web/session';
import { LegalDocumentForm } from './legal-document-form';
import { legalDocumentLabel, LegalDocumentLink, useLegalDocument, useLegalDocumentMap } from './legal-document-link';
import { monitorPathOf } from './monitor-link';
import { LegalDocumentValidity } from './legal-document-validity';
import { legalRegisterEditors } from './types';

/** A fact the register may not have yet ("not entered" rather than an empty space). */
function Unknown() {
  const { t } = useTranslation('legal');
  return <Text c="dark.5">{t('facts.unknown')}</Text>;
}

/** Linked documents, each with the dates it is in force, so that the hand-over day is visible. */
function LinkedDocuments({ ids }: { ids: string[] }) {
  const { t } = useTranslation('legal');
  const documents = useLegalDocumentMap();
  if (ids.length === 0) return <Text c="dark.5">{t('facts.none')}</Text>;
  return (
    <Stack gap={4}>
      {ids.map((id) => {
        const document = documents.get(id);
        return (
          <div key={id}>
            <LegalDocumentLink documentId={id} />
            {document ? <LegalDocumentValidity document={document} /> : null}
          </div>
        );
      })}
    </Stack>
  );
}

/** One document of the register: its dated facts, its names and what it replaces or was replaced by. */
export function LegalDocumentPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('legal');
  const { user } = useSession();
  const [isEditing, setIsEditing] = useState(false);
  const query = useLegalDocument(id);
  if (query.isPending) return <Loading />;
  if (query.error)
    return (
      <Stack>
        <ErrorAlert error={query.error} />
        <Anchor component={Link} to="/legal">
          {t('backToRegister')}
        </Anchor>
      </Stack>
    );
  const document = query.data;
  const canEdit = hasRole(user, legalRegisterEditors);
  const isDraft = document.status === 'draft';

  return (
    <Stack>
      <RecordHeading
        title={document.title}
        kind={t(`kinds.${document.kind}`, { defaultValue: document.kind })}
        details={
          isDraft ? (
            <Badge variant="outline" color="grape">
              {t('status.draft')}
            </Badge>
          ) : (
            <Text c="dark.5">{t('numberSymbol', { numberSymbol: document.numberSymbol })}</Text>
          )
        }
        actions={
          <Group gap="sm">
            {user ? (
              // a query for the document's coverage, linked to it, for the officer to review and save
              <Button component={Link} to={monitorPathOf(document, legalDocumentLabel(t, document))} variant="light">
                {t('monitor.open')}
              </Button>
            ) : null}
            {user ? (
              <Button component={Link} to={`/trends?${new URLSearchParams({ policy: document.id }).toString()}`} variant="light">
                {t('monitor.trends')}
              </Button>
            ) : null}
            {canEdit ? <Button onClick={() => setIsEditing(true)}>{t('edit.open')}</Button> : null}
          </Group>
        }
      />
      <FactsCard
        title={t('facts.title')}
        footer={
          document.notes ? (
            <Box mt="md">
              <Fact label={t('facts.notes')}>
                <Text style={{ whiteSpace: 'pre-wrap' }}>{document.notes}</Text>
              </Fact>
            </Box>
          ) : null
        }
      >
        <Fact label={t('facts.validity')}>
          <LegalDocumentValidity document={document} />
        </Fact>
        <Fact label={t('facts.numberSymbol')}>{document.numberSymbol ?? <Text c="dark.5">{t('facts.noNumber')}</Text>}</Fact>
        <Fact label={isDraft ? t('facts.draftIssuer') : t('facts.issuer')}>{document.issuer ?? <Unknown />}</Fact>
        <Fact label={t('facts.issuedOn')}>
          {formatIsoDate(document.issuedOn) || (isDraft ? <Text c="dark.5">{t('facts.notIssued')}</Text> : <Unknown />)}
        </Fact>
        <Fact label={isDraft ? t('facts.draftFrom') : t('facts.effectiveFrom')}>
          {formatIsoDate(document.effectiveFrom) || <Unknown />}
        </Fact>
        <Fact label={isDraft ? t('facts.draftTo') : t('facts.effectiveTo')}>
          {formatIsoDate(document.effectiveTo) || <Text c="dark.5">{t('facts.noEnd')}</Text>}
        </Fact>
        <Fact label={t('facts.aliases')}>
          {document.aliases.length > 0 ? document.aliases.join('; ') : <Text c="dark.5">{t('facts.none')}</Text>}
        </Fact>
        <Fact label={t('facts.source')}>{document.isReference ? t('facts.reference') : t('facts.addedByUser')}</Fact>
        <Fact label={t('facts.predecessors')}>
          <LinkedDocuments ids={document.predecessors} />
        </Fact>
        <Fact label={isDraft ? t('facts.draftSuccessors') : t('facts.successors')}>
          <LinkedDocuments ids={document.successors} />
        </Fact>
      </FactsCard>
      <Anchor component={Link} to="/legal">
        {t('backToRegister')}
      </Anchor>
      <Modal opened={isEditing} onClose={() => setIsEditing(false)} title={t('edit.title')} size="lg">
        {isEditing ? (
          <LegalDocumentForm document={document} onDone={() => setIsEditing(false)} onCancel={() => setIsEditing(false)} />
        ) : null}
      </Modal>
    </Stack>
  );
}
