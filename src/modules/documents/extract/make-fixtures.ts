/**
 * Regenerates the document-extraction fixtures in test-data/documents/:
 *   npx tsx src/modules/documents/extract/make-fixtures.ts
 * The generated files are committed, so tests do not need this script's inputs (the seed in ../shared and a
 * DejaVu font, Debian package fonts-dejavu-core). Output is byte-for-byte reproducible except the DOCX, whose
 * zip entries carry the time of generation.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fontkit from '@pdf-lib/fontkit';
import { createCanvas, GlobalFonts, loadImage } from '@napi-rs/canvas';
import { Document, Packer, Paragraph, TextRun, HeadingLevel, Table, TableRow, TableCell, WidthType } from 'docx';
import iconv from 'iconv-lite';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { convertUnicodeToTcvn3 } from './legacy-encodings';

const here = join(dirname(fileURLToPath(import.meta.url)), '../../../../test-data/documents');
const seedPath = join(here, '../../../shared/seeds/002_36e11ec9968dc657.txt');
const fontCandidates = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
];
const fontPath = fontCandidates.find((candidate) => existsSync(candidate));
if (!fontPath) throw new Error('DejaVuSans.ttf not found: apt-get install fonts-dejavu-core');
const fixedDate = new Date('2022-03-09T00:00:00Z');

/** A short Vietnamese text for the OCR, DOCX and legacy-charset fixtures (from seed 002). */
export const shortVietnameseText = [
  'BỘ THÔNG TIN VÀ TRUYỀN THÔNG',
  'Số: 837/BTTTT-CBC',
  'V/v xây dựng đội ngũ truyền thông chính sách',
  'Kính gửi: Ủy ban nhân dân các tỉnh, thành phố',
  'trực thuộc Trung ương.',
  '1. Chỉ đạo rà soát, kiện toàn lại đội ngũ công chức,',
  'viên chức làm công tác truyền thông tại các bộ,',
  'ngành, địa phương. Thời hạn hoàn thành: Quý II/2022.',
  '2. Bổ sung kinh phí cho hoạt động truyền thông',
  'chính sách theo quy định của pháp luật.',
];

function wrap(text: string, measure: (line: string) => number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    const words = paragraph.replace(/\t/g, ' ').trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) {
      lines.push('');
      continue;
    }
    let line = '';
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate) > width && line) {
        lines.push(line);
        line = word;
      } else {
        line = candidate;
      }
    }
    lines.push(line);
  }
  return lines;
}

async function makeTextPdf(seedText: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  pdf.setCreationDate(fixedDate);
  pdf.setModificationDate(fixedDate);
  pdf.setTitle('837/BTTTT-CBC (fixture)');
  const font = await pdf.embedFont(readFileSync(fontPath!), { subset: true });
  const size = 11;
  const margin = 60;
  const [pageWidth, pageHeight] = [595.28, 841.89];
  const lines = wrap(seedText, (line) => font.widthOfTextAtSize(line, size), pageWidth - 2 * margin);
  const lineHeight = size * 1.45;
  const perPage = Math.floor((pageHeight - 2 * margin) / lineHeight);
  for (let start = 0; start < lines.length; start += perPage) {
    const page = pdf.addPage([pageWidth, pageHeight]);
    lines.slice(start, start + perPage).forEach((line, index) => {
      page.drawText(line, { x: margin, y: pageHeight - margin - (index + 1) * lineHeight, size, font, color: rgb(0, 0, 0) });
    });
  }
  return pdf.save({ useObjectStreams: false });
}

function renderTextImage(lines: string[]): Buffer {
  GlobalFonts.registerFromPath(fontPath!, 'FixtureSans');
  const fontSize = 34;
  const lineHeight = Math.round(fontSize * 1.6);
  const width = 1240;
  const height = 160 + lines.length * lineHeight;
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#111111';
  context.font = `${fontSize}px FixtureSans`;
  lines.forEach((line, index) => context.fillText(line, 70, 100 + index * lineHeight));
  return canvas.toBuffer('image/png');
}

/**
 * The text image as a poor office scan: 75 % resolution, rotated 2°, grey paper, a red seal over the right
 * half of four lines, and strong pixel noise (fixed seed).
 */
async function degradeScan(png: Buffer): Promise<Buffer> {
  const image = await loadImage(png);
  const width = Math.round(image.width * 0.75);
  const height = Math.round(image.height * 0.75);
  const canvas = createCanvas(width + 40, height + 40);
  const context = canvas.getContext('2d');
  context.fillStyle = '#e9e4d8';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.translate(20, 20);
  context.rotate((2 * Math.PI) / 180);
  context.globalAlpha = 0.85;
  context.drawImage(image, 0, 0, width, height);
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.globalAlpha = 1;
  context.strokeStyle = 'rgba(200,20,20,0.7)';
  context.lineWidth = 6;
  context.beginPath();
  context.arc(600, 330, 110, 0, Math.PI * 2);
  context.stroke();
  context.fillStyle = 'rgba(200,20,20,0.35)';
  context.beginPath();
  context.arc(600, 330, 60, 0, Math.PI * 2);
  context.fill();
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let index = 0; index < pixels.data.length; index += 4) {
    const noise = (random() - 0.5) * 70;
    for (let channel = 0; channel < 3; channel++) {
      pixels.data[index + channel] = Math.max(0, Math.min(255, pixels.data[index + channel]! + noise));
    }
  }
  context.putImageData(pixels, 0, 0);
  return canvas.toBuffer('image/jpeg', 80);
}

/** A picture with no text: sky, sun and a cat-like silhouette. */
function renderPhoto(): Buffer {
  const canvas = createCanvas(800, 600);
  const context = canvas.getContext('2d');
  const sky = context.createLinearGradient(0, 0, 0, 600);
  sky.addColorStop(0, '#6fa8dc');
  sky.addColorStop(1, '#d9ead3');
  context.fillStyle = sky;
  context.fillRect(0, 0, 800, 600);
  context.fillStyle = '#f1c232';
  context.beginPath();
  context.arc(650, 120, 60, 0, Math.PI * 2);
  context.fill();
  context.fillStyle = '#7f6000';
  context.beginPath();
  context.ellipse(380, 430, 150, 90, 0, 0, Math.PI * 2); // body
  context.fill();
  context.beginPath();
  context.arc(250, 330, 70, 0, Math.PI * 2); // head
  context.fill();
  context.beginPath();
  context.moveTo(195, 290);
  context.lineTo(210, 220);
  context.lineTo(245, 270);
  context.moveTo(255, 265);
  context.lineTo(290, 215);
  context.lineTo(305, 285);
  context.fill(); // ears
  return canvas.toBuffer('image/png');
}

/** A baseline TIFF (8-bit grayscale, uncompressed, one strip), the format many office scanners write. */
async function encodeGrayTiff(png: Buffer): Promise<Buffer> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const rgba = context.getImageData(0, 0, image.width, image.height).data;
  const gray = Buffer.alloc(image.width * image.height);
  for (let index = 0; index < gray.length; index++) {
    gray[index] = Math.round(0.299 * rgba[index * 4]! + 0.587 * rgba[index * 4 + 1]! + 0.114 * rgba[index * 4 + 2]!);
  }
  const entries: [tag: number, type: number, value: number][] = [
    [256, 4, image.width], // ImageWidth
    [257, 4, image.height], // ImageLength
    [258, 3, 8], // BitsPerSample
    [259, 3, 1], // Compression: none
    [262, 3, 1], // PhotometricInterpretation: BlackIsZero
    [273, 4, 0], // StripOffsets (patched below)
    [277, 3, 1], // SamplesPerPixel
    [278, 4, image.height], // RowsPerStrip
    [279, 4, gray.length], // StripByteCounts
    [282, 5, 0], // XResolution (rational, patched below)
    [283, 5, 0], // YResolution
    [296, 3, 2], // ResolutionUnit: inch
  ];
  const ifdOffset = 8;
  const ifdSize = 2 + entries.length * 12 + 4;
  const rationalOffset = ifdOffset + ifdSize;
  const dataOffset = rationalOffset + 8;
  const header = Buffer.alloc(dataOffset);
  header.write('II', 0, 'latin1');
  header.writeUInt16LE(42, 2);
  header.writeUInt32LE(ifdOffset, 4);
  header.writeUInt16LE(entries.length, ifdOffset);
  entries.forEach(([tag, type, value], index) => {
    const at = ifdOffset + 2 + index * 12;
    header.writeUInt16LE(tag, at);
    header.writeUInt16LE(type, at + 2);
    header.writeUInt32LE(1, at + 4);
    const patched = tag === 273 ? dataOffset : tag === 282 || tag === 283 ? rationalOffset : value;
    if (type === 3) header.writeUInt16LE(patched, at + 8);
    else header.writeUInt32LE(patched, at + 8);
  });
  header.writeUInt32LE(150, rationalOffset); // 150 dpi
  header.writeUInt32LE(1, rationalOffset + 4);
  return Buffer.concat([header, gray]);
}

async function encodeJpeg(png: Buffer): Promise<Buffer> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  canvas.getContext('2d').drawImage(image, 0, 0);
  return canvas.toBuffer('image/jpeg', 85);
}

async function makeScannedPdf(png: Buffer): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setCreationDate(fixedDate);
  pdf.setModificationDate(fixedDate);
  const image = await pdf.embedPng(png);
  // The page has the image's aspect at 150 dpi, as a scanner would produce; no text layer.
  const page = pdf.addPage([(image.width * 72) / 150, (image.height * 72) / 150]);
  page.drawImage(image, { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() });
  return pdf.save({ useObjectStreams: false });
}

/** The scan with a digital-signature stamp as a small text layer, as Government e-documents carry. */
async function makeSignedScanPdf(png: Buffer): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  pdf.setCreationDate(fixedDate);
  pdf.setModificationDate(fixedDate);
  const font = await pdf.embedFont(readFileSync(fontPath!), { subset: true });
  const image = await pdf.embedPng(png);
  const page = pdf.addPage([(image.width * 72) / 150, (image.height * 72) / 150 + 40]);
  page.drawImage(image, { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() - 40 });
  page.drawText('Ký bởi: Bộ Thông tin và Truyền thông', {
    x: 20,
    y: page.getHeight() - 18,
    size: 8,
    font,
    color: rgb(0.8, 0, 0),
  });
  page.drawText('Thời gian ký: 09.03.2022 16:45:10 +07:00', {
    x: 20,
    y: page.getHeight() - 30,
    size: 8,
    font,
    color: rgb(0.8, 0, 0),
  });
  return pdf.save({ useObjectStreams: false });
}

/** A PDF whose text layer is TCVN3 read as Latin-1, as PDFs typed with the .VnTime fonts have. */
async function makeTcvn3Pdf(lines: string[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setCreationDate(fixedDate);
  pdf.setModificationDate(fixedDate);
  // Helvetica's WinAnsi encoding carries every VN3 code point used here (all Latin-1).
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595.28, 841.89]);
  lines.forEach((line, index) => page.drawText(convertUnicodeToTcvn3(line), { x: 60, y: 780 - index * 18, size: 11, font }));
  return pdf.save({ useObjectStreams: false });
}

async function makeDocx(seedText: string): Promise<Buffer> {
  const paragraphs = seedText
    .split('\n')
    .map((line) => line.replace(/\t/g, ' ').trim())
    .filter(Boolean)
    .slice(0, 40);
  const document = new Document({
    creator: 'Nhịp fixtures',
    title: '837/BTTTT-CBC',
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('BỘ THÔNG TIN VÀ TRUYỀN THÔNG')] }),
          ...paragraphs.map((text) => new Paragraph({ children: [new TextRun(text)] })),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({
                children: [
                  new TableCell({ children: [new Paragraph('Nhiệm vụ')] }),
                  new TableCell({ children: [new Paragraph('Thời hạn')] }),
                ],
              }),
              new TableRow({
                children: [
                  new TableCell({ children: [new Paragraph('Kiện toàn đội ngũ')] }),
                  new TableCell({ children: [new Paragraph('Quý II/2022')] }),
                ],
              }),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

// ——— An encrypted PDF (Standard security handler, revision 2, RC4 40-bit) with a user password ———

function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = Array.from({ length: 256 }, (_, index) => index);
  let j = 0;
  for (let i = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = new Uint8Array(data.length);
  let i = 0;
  j = 0;
  for (let n = 0; n < data.length; n++) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 255]!;
  }
  return out;
}

const PASSWORD_PADDING = Buffer.from('28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A', 'hex');
const md5 = (...parts: Uint8Array[]) => {
  const hash = createHash('md5');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
};
const padPassword = (password: string) => Buffer.concat([Buffer.from(password, 'latin1'), PASSWORD_PADDING]).subarray(0, 32);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase();

/** Builds a one-page PDF by hand and encrypts it (PDF 1.7 §7.6.3, algorithms 2, 3 and 4). */
function makeEncryptedPdf(userPassword: string, ownerPassword: string): Buffer {
  const fileId = md5(Buffer.from('nhip-encrypted-fixture'));
  const permissions = -44;
  const ownerKey = md5(padPassword(ownerPassword)).subarray(0, 5);
  const ownerEntry = rc4(ownerKey, padPassword(userPassword));
  const permissionBytes = Buffer.alloc(4);
  permissionBytes.writeInt32LE(permissions);
  const fileKey = md5(padPassword(userPassword), ownerEntry, permissionBytes, fileId).subarray(0, 5);
  const userEntry = rc4(fileKey, PASSWORD_PADDING);
  const objectKey = (number: number) =>
    md5(fileKey, Buffer.from([number & 255, (number >> 8) & 255, (number >> 16) & 255, 0, 0])).subarray(0, 10);

  const content = rc4(objectKey(4), Buffer.from('BT /F1 24 Tf 72 720 Td (Secret document) Tj ET', 'latin1'));
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null, // content stream, binary
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Filter /Standard /V 1 /R 2 /O <${hex(ownerEntry)}> /U <${hex(userEntry)}> /P ${permissions} >>`,
  ];
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n', 'latin1')];
  const offsets: number[] = [];
  let length = chunks[0]!.length;
  objects.forEach((body, index) => {
    offsets.push(length);
    const number = index + 1;
    const chunk =
      body === null
        ? Buffer.concat([
            Buffer.from(`${number} 0 obj\n<< /Length ${content.length} >>\nstream\n`, 'latin1'),
            Buffer.from(content),
            Buffer.from('\nendstream\nendobj\n', 'latin1'),
          ])
        : Buffer.from(`${number} 0 obj\n${body}\nendobj\n`, 'latin1');
    chunks.push(chunk);
    length += chunk.length;
  });
  const xref = [
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`,
    ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`),
  ].join('');
  chunks.push(
    Buffer.from(
      `${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 6 0 R /ID [<${hex(fileId)}> <${hex(fileId)}>] >>\nstartxref\n${length}\n%%EOF\n`,
      'latin1',
    ),
  );
  return Buffer.concat(chunks);
}

/** Encodes NFC Vietnamese as windows-1258: precomposed vowel letters, tone marks as combining characters. */
function encodeWindows1258(text: string): Buffer {
  const decomposed = text.normalize('NFD').replace(/(\p{L})([\u0300-\u036f]+)/gu, (_, base: string, marks: string) => {
    const quality = [...marks].filter((mark) => ['\u0302', '\u0306', '\u031b'].includes(mark)).join('');
    const tones = [...marks].filter((mark) => !['\u0302', '\u0306', '\u031b'].includes(mark)).join('');
    return (base + quality).normalize('NFC') + tones;
  });
  return iconv.encode(decomposed, 'windows1258');
}

async function main(): Promise<void> {
  const seed = readFileSync(seedPath, 'utf8').normalize('NFC');
  const out = (name: string, bytes: Uint8Array | Buffer) => {
    writeFileSync(join(here, name), bytes);
    console.log(`${name}\t${bytes.length} bytes`);
  };
  const textPdf = await makeTextPdf(seed);
  out('text-layer-837.pdf', textPdf);
  const scanPng = renderTextImage(shortVietnameseText);
  out('scan-vi.png', scanPng);
  out('scanned-vi.pdf', await makeScannedPdf(scanPng));
  out('scan-degraded-seal.jpg', await degradeScan(scanPng));
  out('signed-scan-vi.pdf', await makeSignedScanPdf(scanPng));
  out('scan-vi.tif', await encodeGrayTiff(scanPng));
  out('scan-vi.jpg', await encodeJpeg(scanPng));
  out('photo-no-text.png', renderPhoto());
  out('letter-837.docx', await makeDocx(seed));
  out('encrypted.pdf', makeEncryptedPdf('nhip-secret', 'nhip-owner'));
  // A PDF header followed by the middle of another PDF: no usable structure.
  out('corrupt.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(textPdf.subarray(2000, 6000)).reverse()]));
  out('empty.pdf', Buffer.alloc(0));
  const plain = shortVietnameseText.join('\n') + '\n';
  out('plain-utf8.txt', Buffer.from(plain, 'utf8'));
  out('plain-utf16le-bom.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(plain, 'utf16le')]));
  out('plain-windows-1258.txt', encodeWindows1258(plain));
  out('plain-tcvn3.txt', Buffer.from(convertUnicodeToTcvn3(plain), 'latin1'));
  out('text-layer-tcvn3.pdf', await makeTcvn3Pdf(shortVietnameseText));
}

await main();
