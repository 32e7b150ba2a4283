import { AppError, type ErrorCode } from '../../../platform/errors';

/** Why a file yielded no text; the UI and CLI translate the code, the messages are for logs and the CLI. */
export const extractionErrorCodes = {
  EMPTY_FILE: {
    appCode: 'UNPROCESSABLE',
    vi: 'Tệp rỗng: không có nội dung nào để đọc.',
    en: 'The file is empty: there is nothing to read.',
  },
  UNSUPPORTED_TYPE: {
    appCode: 'UNSUPPORTED_MEDIA_TYPE',
    vi: 'Định dạng tệp không được hỗ trợ. Hãy tải lên PDF, DOCX, ảnh quét (PNG, JPEG, TIFF, BMP, WebP) hoặc văn bản thuần.',
    en: 'Unsupported file type. Upload a PDF, DOCX, scanned image (PNG, JPEG, TIFF, BMP, WebP) or plain text.',
  },
  ENCRYPTED_PDF: {
    appCode: 'UNPROCESSABLE',
    vi: 'Tệp PDF được bảo vệ bằng mật khẩu. Hãy gỡ mật khẩu rồi tải lên lại.',
    en: 'The PDF is password-protected. Remove the password and upload it again.',
  },
  CORRUPT_FILE: {
    appCode: 'UNPROCESSABLE',
    vi: 'Tệp bị hỏng hoặc không đúng định dạng nên không đọc được.',
    en: 'The file is damaged or malformed and cannot be read.',
  },
  TOO_MANY_PAGES: {
    appCode: 'PAYLOAD_TOO_LARGE',
    vi: 'Tệp có quá nhiều trang để xử lý.',
    en: 'The file has too many pages to process.',
  },
  NO_TEXT_FOUND: {
    appCode: 'UNPROCESSABLE',
    vi: 'Không tìm thấy chữ trong tệp (có thể là ảnh không chứa văn bản).',
    en: 'No text was found in the file (it may be a picture without text).',
  },
} as const satisfies Record<string, { appCode: ErrorCode; vi: string; en: string }>;

export type ExtractionErrorCode = keyof typeof extractionErrorCodes;

/** A file that cannot be turned into text, with a machine code and messages in Vietnamese and English. */
export class ExtractionError extends Error {
  readonly code: ExtractionErrorCode;
  readonly messageVi: string;
  readonly messageEn: string;
  readonly details: Record<string, unknown>;

  constructor(code: ExtractionErrorCode, details: Record<string, unknown> = {}, detailVi?: string, detailEn?: string) {
    const base = extractionErrorCodes[code];
    const messageVi = detailVi ? `${base.vi} ${detailVi}` : base.vi;
    const messageEn = detailEn ? `${base.en} ${detailEn}` : base.en;
    super(`${code}: ${messageEn} / ${messageVi}`);
    this.name = 'ExtractionError';
    this.code = code;
    this.messageVi = messageVi;
    this.messageEn = messageEn;
    this.details = details;
  }

  /** The platform error for routes and jobs; the extraction code travels in `details.reason`. */
  toAppError(): AppError {
    return new AppError(extractionErrorCodes[this.code].appCode, this.messageEn, {
      details: { reason: this.code, messageVi: this.messageVi, ...this.details },
    });
  }
}
