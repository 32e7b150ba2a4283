import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import QRCode from 'qrcode';
import { adminPage, buildAdminDocument, formatPlaceAndDate } from './admin-document';

/** Reads one entry of a ZIP archive (the DOCX container) without a ZIP library: local headers, stored or deflated. */
function readZipEntry(zip: Buffer, name: string): string {
  let offset = 0;
  while (offset < zip.length - 30 && zip.readUInt32LE(offset) === 0x04034b50) {
    const method = zip.readUInt16LE(offset + 8);
    let compressedSize = zip.readUInt32LE(offset + 18);
    const nameLength = zip.readUInt16LE(offset + 26);
    const extraLength = zip.readUInt16LE(offset + 28);
    const entryName = zip.subarray(offset + 30, offset + 30 + nameLength).toString('utf8');
    const dataStart = offset + 30 + nameLength + extraLength;
    const hasDescriptor = (zip.readUInt16LE(offset + 6) & 0x08) !== 0;
    if (hasDescriptor && compressedSize === 0) {
      // Sizes follow the data: find the next data descriptor signature.
      const next = zip.indexOf(Buffer.from([0x50, 0x4b, 0x07, 0x08]), dataStart);
      compressedSize = next - dataStart;
    }
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    if (entryName === name) return (method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8');
    offset = dataStart + compressedSize + (hasDescriptor ? 16 : 0);
  }
  throw new Error(`${name} not found`);
}

// docx truncates millimetres to whole twips.
const twip = (mm: number) => Math.floor((mm / 25.4) * 1440);

describe('administrative documents (Decree 30/2020/NĐ-CP)', () => {
  it('writes the place and date with leading zeros for days below 10 and January/February, in Vietnam time', () => {
    expect(formatPlaceAndDate('Hà Nội', new Date('2026-11-25T03:00:00Z'))).toBe('Hà Nội, ngày 25 tháng 11 năm 2026');
    expect(formatPlaceAndDate('Hà Nội', new Date('2022-03-09T01:00:00Z'))).toBe('Hà Nội, ngày 09 tháng 3 năm 2022');
    expect(formatPlaceAndDate('Huế', new Date('2026-02-05T00:00:00Z'))).toBe('Huế, ngày 05 tháng 02 năm 2026');
    // 20:00 UTC on 31 December is already 1 January in Hà Nội.
    expect(formatPlaceAndDate('Hà Nội', new Date('2025-12-31T20:00:00Z'))).toBe('Hà Nội, ngày 01 tháng 01 năm 2026');
  });

  it('lays out header, number, date, title, body, table, image, recipients and signature on A4 with the decree margins', async () => {
    const buffer = await buildAdminDocument({
      issuingBody: { parent: 'Bộ Thông tin và Truyền thông', name: 'Cục Báo chí' },
      numberSymbol: '12/BC-CBC',
      place: 'Hà Nội',
      date: new Date('2026-11-25T03:00:00Z'),
      documentType: 'Báo cáo',
      title: 'Kết quả khảo sát năng lực truyền thông chính sách',
      body: [
        { kind: 'heading', text: 'I. TÌNH HÌNH CHUNG' },
        { kind: 'paragraph', text: 'Đã có 30/34 tỉnh, thành phố gửi phiếu.' },
        { kind: 'bullets', items: ['Có bộ phận chuyên trách: 20'] },
        {
          kind: 'table',
          header: ['Nhóm', 'Số cơ quan'],
          rows: [
            ['Tỉnh', 30],
            ['Bộ', null],
          ],
        },
        {
          kind: 'image',
          type: 'png',
          data: await QRCode.toBuffer('https://nhip.gov.vn', { width: 200 }),
          widthPx: 200,
          heightPx: 200,
          caption: 'Mã QR',
        },
      ],
      recipients: ['Bộ trưởng (để b/c);', 'Lưu: VT, CBC.'],
      signature: { authority: 'KT. Cục trưởng', capacity: 'Phó Cục trưởng', signerName: 'Nguyễn Văn A' },
    });
    expect(buffer.subarray(0, 2).toString()).toBe('PK');
    const { value: text } = await mammoth.extractRawText({ buffer });
    for (const expected of [
      'BỘ THÔNG TIN VÀ TRUYỀN THÔNG',
      'CỤC BÁO CHÍ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 12/BC-CBC',
      'Hà Nội, ngày 25 tháng 11 năm 2026',
      'BÁO CÁO',
      'Kết quả khảo sát năng lực truyền thông chính sách',
      'I. TÌNH HÌNH CHUNG',
      'Nơi nhận:',
      '- Lưu: VT, CBC.',
      'KT. CỤC TRƯỞNG',
      'PHÓ CỤC TRƯỞNG',
      'Nguyễn Văn A',
    ]) {
      expect(text).toContain(expected);
    }
    const xml = readZipEntry(buffer, 'word/document.xml');
    expect(xml).toContain(`w:w="${twip(adminPage.widthMm)}"`);
    expect(xml).toContain(`w:h="${twip(adminPage.heightMm)}"`);
    expect(xml).toMatch(new RegExp(`w:top="${twip(20)}"`));
    expect(xml).toMatch(new RegExp(`w:left="${twip(30)}"`));
    expect(xml).toMatch(new RegExp(`w:right="${twip(15)}"`));
    expect(xml).toContain('Times New Roman');
    // The date is italic, the national motto bold.
    expect(xml).toMatch(/<w:i\/>.*?Hà Nội, ngày 25 tháng 11 năm 2026/s);
    expect(xml).toContain('<w:drawing>');
    expect(readZipEntry(buffer, 'word/styles.xml')).toContain('w:val="28"');
  });

  it('prints an official letter (no document type) with its "V/v" summary under the number', async () => {
    const buffer = await buildAdminDocument({
      issuingBody: { name: 'Bộ Thông tin và Truyền thông' },
      numberSymbol: '837/BTTTT-CBC',
      place: 'Hà Nội',
      date: new Date('2022-03-09T02:00:00Z'),
      title: 'xây dựng đội ngũ truyền thông chính sách chuyên trách, chuyên nghiệp',
      body: [{ kind: 'paragraph', text: 'Trân trọng./.' }],
      signature: { capacity: 'Thứ trưởng', signerName: 'Phạm Anh Tuấn' },
      fontSizePt: 13,
    });
    const { value: text } = await mammoth.extractRawText({ buffer });
    expect(text).toContain('V/v xây dựng đội ngũ truyền thông chính sách chuyên trách, chuyên nghiệp');
    expect(text).toContain('Hà Nội, ngày 09 tháng 3 năm 2022');
    expect(text).not.toContain('Nơi nhận:');
  });
});
