import { ValidityBadge } from '../../../web/components/validity-badge';
import type { LegalDocument } from './types';

/**
 * Whether a document is in force today, and the dates it is in force between (the last one inclusive); for a
 * draft, whether it is still the draft of its policy.
 */
export function LegalDocumentValidity({ document }: { document: LegalDocument }) {
  return (
    <ValidityBadge
      from={document.effectiveFrom}
      to={document.effectiveTo}
      namespace="legal"
      wordsKey={document.status === 'draft' ? 'draftValidity' : 'validity'}
    />
  );
}
