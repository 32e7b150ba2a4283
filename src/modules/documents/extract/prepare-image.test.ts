import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { MAX_OCR_PIXELS, prepareImageForOcr, rotateHalfTurn } from './prepare-image';

async function pixelAt(png: Buffer, x: number, y: number): Promise<number[]> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  return [...context.getImageData(x, y, 1, 1).data];
}

describe('prepareImageForOcr', () => {
  it('drops red ink and keeps black ink', async () => {
    const canvas = createCanvas(40, 20);
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, 40, 20);
    context.fillStyle = '#d01010'; // seal red
    context.fillRect(0, 0, 20, 20);
    context.fillStyle = '#101010'; // text black
    context.fillRect(20, 0, 20, 20);
    const prepared = await prepareImageForOcr(new Uint8Array(await canvas.encode('png')));
    expect((await pixelAt(prepared, 5, 5))[0]).toBeGreaterThan(200);
    expect((await pixelAt(prepared, 30, 5))[0]).toBeLessThan(30);
  });

  it('scales a very large image down to the OCR pixel budget', async () => {
    const canvas = createCanvas(6000, 4000); // 24 Mpx
    const prepared = await prepareImageForOcr(new Uint8Array(await canvas.encode('png')));
    const image = await loadImage(prepared);
    expect(image.width * image.height).toBeLessThanOrEqual(MAX_OCR_PIXELS * 1.001);
    expect(image.width / image.height).toBeCloseTo(1.5, 2);
  });

  it('turns an image upside down', async () => {
    const canvas = createCanvas(10, 10);
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, 10, 10);
    context.fillStyle = '#000000';
    context.fillRect(0, 0, 2, 2);
    const turned = await rotateHalfTurn(await canvas.encode('png'));
    expect((await pixelAt(turned, 9, 9))[0]).toBeLessThan(30);
    expect((await pixelAt(turned, 0, 0))[0]).toBeGreaterThan(200);
  });
});
