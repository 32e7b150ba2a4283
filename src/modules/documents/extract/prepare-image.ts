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

/**
 * Decodes an image file (PNG, JPEG, WebP, GIF, BMP) and returns the PNG that OCR reads: flattened on white,
 * red ink dropped. Throws when the bytes cannot be decoded.
 */
export async function prepareImageForOcr(bytes: Uint8Array): Promise<Buffer> {
  const image = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, image.width, image.height);
  context.drawImage(image, 0, 0);
  dropRedInk(context, image.width, image.height);
  return canvas.encode('png');
}
