-- Drafts (dự thảo): a policy the press discusses before it is adopted ("Luật Báo chí (sửa đổi)", "dự thảo Luật
-- Đất đai"), so that monitoring counts what is written about it and saved queries link to it. A draft has no
-- number/symbol yet; its id is 'policy:<kind>:du-thao/<title words>' (src/modules/legal/identity.ts). Its dates
-- say when it stands for the policy: effective_from the day it was made public (or drafting began),
-- effective_to the day before the document adopted from it applies; that document follows it as successor.
ALTER TABLE legal_documents ADD COLUMN status text NOT NULL DEFAULT 'issued';
ALTER TABLE legal_documents ALTER COLUMN number_symbol DROP NOT NULL;
ALTER TABLE legal_documents
  ADD CONSTRAINT legal_documents_status_check CHECK (status IN ('issued', 'draft')),
  ADD CONSTRAINT legal_documents_number_of_issued_check CHECK ((status = 'draft') = (number_symbol IS NULL));
