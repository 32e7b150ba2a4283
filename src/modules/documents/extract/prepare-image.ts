import { createCanvas, loadImage, type SKRSContext2D } from '@napi-rs/canvas';

/**
 * Replaces every pixel by its red channel. Vietnamese official documents carry a red seal (con dấu) over the
 * signature and often over the last lines of text; in the red channel red ink is as light as the paper while
 * black (and blue) ink stays dark, so the seal disappears and the text under it survives. On a degraded test
 * scan this takes Tesseract from garbling the lines under the seal to reading them exactly (see
 * bench/extract.ts). Red text (a "KHẨN" stamp) is lost with it, which is acceptable for the parser.
 */
export function dropRedInk(context: SKRSContext2D, width: number, height: number): void {
  const image = context.getImageData(0, 0, width, height);
  const pixels = image.data;
  for (let index = 0; index < pixels.length; index += 4) {
    const red = pixels[index]!;
    pixels[index + 1] = red;
    pixels[index + 2] = red;
    pixels[index + 3] = 255;
  }
  context.putImageData(image, 0, 0);
}

/** Images above this are scaled down before OCR: a 48-megapixel phone photo of a page gains nothing over 16. */
export const MAX_OCR_PIXELS = 16_000_000;

/**
 * Decodes an image file (PNG, JPEG, WebP, GIF, BMP) and returns the PNG that OCR reads: flattened on white,
 * scaled down to at most `MAX_OCR_PIXELS`, red ink dropped. Throws when the bytes cannot be decoded.
 */
export async function prepareImageForOcr(bytes: Uint8Array): Promise<Buffer> {
  const image = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const scale = Math.min(1, Math.sqrt(MAX_OCR_PIXELS / (image.width * image.height)));
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.drawImage(image, 0, 0, width, height);
  dropRedInk(context, width, height);
  return canvas.encode('png');
}

/** The image turned upside down, as PNG (a page fed into the scanner the wrong way round). */
export async function rotateHalfTurn(png: Buffer): Promise<Buffer> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.translate(image.width, image.height);
  context.rotate(Math.PI);
  context.drawImage(image, 0, 0);
  return canvas.encode('png');
}
