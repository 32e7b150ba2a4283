import {
  AlignmentType,
  BorderStyle,
  Document,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  convertMillimetersToTwip,
  type IBorderOptions,
  type ParagraphChild,
} from 'docx';

/**
 * Builder of DOCX documents in the administrative format of Decree 30/2020/NĐ-CP (Appendix I: "Thể thức và
 * kỹ thuật trình bày văn bản hành chính"): A4, Times New Roman, the two-column header (issuing body | national
 * title and motto), number and symbol, place and date, document type and title, body, "Nơi nhận" and signature.
 * Reused by every module that writes reports or briefs for the leadership.
 */

/** A block of the document body. */
export type AdminBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; isBold?: boolean; isItalic?: boolean }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'table'; header: string[]; rows: (string | number | null)[][]; columnWidthsPercent?: number[] }
  | { kind: 'image'; data: Buffer | Uint8Array; type: 'png' | 'jpg'; widthPx: number; heightPx: number; caption?: string };

export interface AdminDocumentOptions {
  /** The issuing body, e.g. { parent: 'BỘ THÔNG TIN VÀ TRUYỀN THÔNG', name: 'CỤC BÁO CHÍ' }; printed in upper case. */
  issuingBody: { parent?: string; name: string };
  /** Number and symbol without "Số: ", e.g. "12/BC-CBC"; "   /BC-CBC" leaves the number blank for the clerk. */
  numberSymbol: string;
  /** Place of issue, e.g. "Hà Nội". */
  place: string;
  /** Date of issue; printed in Vietnam's calendar day. */
  date: Date;
  /** Name of the document type, e.g. "BÁO CÁO"; omitted for an official letter (công văn). */
  documentType?: string;
  /** Summary of the content: under the type (centred, bold), or "V/v …" under the number for an official letter. */
  title: string;
  body: AdminBlock[];
  /** "Nơi nhận:" lines, e.g. ["Như trên;", "Lưu: VT, CBC."]. */
  recipients?: string[];
  signature: {
    /** Authority of signing: "KT. BỘ TRƯỞNG", "TM. ỦY BAN NHÂN DÂN", "TL. CỤC TRƯỞNG" … */
    authority?: string;
    /** Position of the signer, e.g. "THỨ TRƯỞNG". */
    capacity: string;
    signerName: string;
  };
  /** Body font size in points: the decree allows 13 to 14. */
  fontSizePt?: 13 | 14;
}

/** Page set-up of Decree 30 (A4; margins top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm). */
export const adminPage = { widthMm: 210, heightMm: 297, marginsMm: { top: 20, bottom: 20, left: 30, right: 15 } } as const;
const font = 'Times New Roman';

/**
 * "Hà Nội, ngày 05 tháng 3 năm 2026": day and month below 10 (day below 10, month below 3) take a leading zero,
 * as Decree 30 (Appendix I, section II.5) prescribes; the calendar day is Vietnam's (UTC+7).
 * @example formatPlaceAndDate('Hà Nội', new Date('2026-11-25T03:00:00Z')) // 'Hà Nội, ngày 25 tháng 11 năm 2026'
 */
export function formatPlaceAndDate(place: string, date: Date): string {
  const local = new Date(date.getTime() + 7 * 3600_000);
  const day = local.getUTCDate();
  const month = local.getUTCMonth() + 1;
  const dayText = day < 10 ? `0${day}` : String(day);
  const monthText = month < 3 ? `0${month}` : String(month);
  return `${place}, ngày ${dayText} tháng ${monthText} năm ${local.getUTCFullYear()}`;
}

const noBorder: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders = {
  top: noBorder,
  bottom: noBorder,
  left: noBorder,
  right: noBorder,
  insideHorizontal: noBorder,
  insideVertical: noBorder,
};
const thinBorder: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const thinBorders = {
  top: thinBorder,
  bottom: thinBorder,
  left: thinBorder,
  right: thinBorder,
  insideHorizontal: thinBorder,
  insideVertical: thinBorder,
};

function run(text: string, options: { sizePt: number; isBold?: boolean; isItalic?: boolean }): TextRun {
  return new TextRun({ text, font, size: options.sizePt * 2, bold: options.isBold, italics: options.isItalic });
}

function centred(
  children: ParagraphChild[],
  options: { after?: number; before?: number; hasRuleBelow?: boolean } = {},
): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: options.after ?? 0, before: options.before ?? 0 },
    children,
  });
}

/** A short horizontal rule under the issuing body and the motto (the decree's "đường kẻ ngang, nét liền"). */
function rule(widthChars: number): Paragraph {
  return centred([run('─'.repeat(widthChars), { sizePt: 8 })], { after: 60 });
}

function cell(children: Paragraph[], widthPercent: number, options: { hasBorder?: boolean; isHeader?: boolean } = {}): TableCell {
  return new TableCell({
    width: { size: widthPercent, type: WidthType.PERCENTAGE },
    verticalAlign: VerticalAlign.TOP,
    borders: options.hasBorder ? thinBorders : noBorders,
    shading: options.isHeader ? { fill: 'EDEDED' } : undefined,
    margins: options.hasBorder ? { top: 40, bottom: 40, left: 80, right: 80 } : undefined,
    children,
  });
}

function header(options: AdminDocumentOptions): Table {
  const isLetter = !options.documentType;
  const left = [
    ...(options.issuingBody.parent ? [centred([run(options.issuingBody.parent.toUpperCase(), { sizePt: 12 })])] : []),
    centred([run(options.issuingBody.name.toUpperCase(), { sizePt: 12, isBold: true })]),
    rule(10),
    centred([run(`Số: ${options.numberSymbol}`, { sizePt: 13 })]),
    ...(isLetter ? [centred([run(`V/v ${options.title}`, { sizePt: 12 })], { before: 60 })] : []),
  ];
  const right = [
    centred([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { sizePt: 12, isBold: true })]),
    centred([run('Độc lập - Tự do - Hạnh phúc', { sizePt: 13, isBold: true })]),
    rule(22),
    centred([run(formatPlaceAndDate(options.place, options.date), { sizePt: 13, isItalic: true })]),
  ];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [new TableRow({ children: [cell(left, 40), cell(right, 60)] })],
  });
}

function bodyBlock(block: AdminBlock, sizePt: number): (Paragraph | Table)[] {
  const indent = { firstLine: convertMillimetersToTwip(12.7) };
  const spacing = { before: 120, after: 0, line: 276 };
  switch (block.kind) {
    case 'heading':
      return [
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          indent,
          spacing,
          keepNext: true,
          children: [run(block.text, { sizePt, isBold: true })],
        }),
      ];
    case 'paragraph':
      return [
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          indent,
          spacing,
          children: [run(block.text, { sizePt, isBold: block.isBold, isItalic: block.isItalic })],
        }),
      ];
    case 'bullets':
      return block.items.map(
        (item) =>
          new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent, spacing, children: [run(`- ${item}`, { sizePt })] }),
      );
    case 'table': {
      const count = block.header.length;
      const widths = block.columnWidthsPercent ?? block.header.map(() => Math.floor(100 / count));
      const line = (values: (string | number | null)[], isHeader: boolean) =>
        new TableRow({
          tableHeader: isHeader,
          children: values.map((value, index) =>
            cell(
              [
                new Paragraph({
                  alignment:
                    typeof value === 'number' ? AlignmentType.RIGHT : isHeader ? AlignmentType.CENTER : AlignmentType.LEFT,
                  children: [
                    run(value === null ? '' : typeof value === 'number' ? value.toLocaleString('vi-VN') : value, {
                      sizePt: sizePt - 1,
                      isBold: isHeader,
                    }),
                  ],
                }),
              ],
              widths[index] ?? Math.floor(100 / count),
              { hasBorder: true, isHeader },
            ),
          ),
        });
      return [
        new Paragraph({ spacing: { before: 120 }, children: [] }),
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [line(block.header, true), ...block.rows.map((row) => line(row, false))],
        }),
      ];
    }
    case 'image': {
      // Fit the printable width: 210 − 30 − 15 mm ≈ 620 px at 96 dpi.
      const scale = Math.min(1, 620 / block.widthPx);
      return [
        centred(
          [
            new ImageRun({
              type: block.type,
              data: block.data,
              transformation: { width: Math.round(block.widthPx * scale), height: Math.round(block.heightPx * scale) },
            }),
          ],
          {
            before: 120,
          },
        ),
        ...(block.caption ? [centred([run(block.caption, { sizePt: sizePt - 1, isItalic: true })], { after: 60 })] : []),
      ];
    }
  }
}

function closing(options: AdminDocumentOptions, sizePt: number): Table {
  const left = options.recipients?.length
    ? [
        new Paragraph({ children: [run('Nơi nhận:', { sizePt: 12, isBold: true, isItalic: true })] }),
        ...options.recipients.map((line) => new Paragraph({ children: [run(`- ${line}`, { sizePt: 11 })] })),
      ]
    : [new Paragraph({ children: [] })];
  const right = [
    ...(options.signature.authority ? [centred([run(options.signature.authority.toUpperCase(), { sizePt, isBold: true })])] : []),
    centred([run(options.signature.capacity.toUpperCase(), { sizePt, isBold: true })]),
    // Room for the handwritten signature and seal.
    ...[1, 2, 3, 4].map(() => new Paragraph({ children: [] })),
    centred([run(options.signature.signerName, { sizePt, isBold: true })]),
  ];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [new TableRow({ children: [cell(left, 50), cell(right, 50)] })],
  });
}

/** Builds the DOCX file (a Buffer) of an administrative document in the Decree 30 format. */
export async function buildAdminDocument(options: AdminDocumentOptions): Promise<Buffer> {
  const sizePt = options.fontSizePt ?? 14;
  const titleBlock = options.documentType
    ? [
        centred([run(options.documentType.toUpperCase(), { sizePt, isBold: true })], { before: 240 }),
        centred([run(options.title, { sizePt, isBold: true })], { after: 60 }),
        rule(12),
      ]
    : [];
  const document = new Document({
    creator: 'Nhịp',
    title: options.title,
    styles: { default: { document: { run: { font, size: sizePt * 2 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(adminPage.widthMm), height: convertMillimetersToTwip(adminPage.heightMm) },
            margin: {
              top: convertMillimetersToTwip(adminPage.marginsMm.top),
              bottom: convertMillimetersToTwip(adminPage.marginsMm.bottom),
              left: convertMillimetersToTwip(adminPage.marginsMm.left),
              right: convertMillimetersToTwip(adminPage.marginsMm.right),
            },
          },
        },
        children: [
          header(options),
          ...titleBlock,
          ...options.body.flatMap((block) => bodyBlock(block, sizePt)),
          new Paragraph({ spacing: { before: 240 }, children: [] }),
          closing(options, sizePt),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
