import { createCanvas, loadImage } from '@napi-rs/canvas';
import { expect } from 'vitest';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Checks the PNG signature and reads the size from the IHDR chunk, which must come first. */
export function pngHeader(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual(SIGNATURE);
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Decodes the PNG and returns a reader of pixel colours as #rrggbb. */
export async function decode(
  png: Buffer,
): Promise<{ width: number; height: number; colourAt(x: number, y: number): string }> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  return {
    width: image.width,
    height: image.height,
    colourAt(x, y) {
      const i = (Math.round(y) * image.width + Math.round(x)) * 4;
      return `#${[data[i]!, data[i + 1]!, data[i + 2]!].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
    },
  };
}
