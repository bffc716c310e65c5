// Writes app/favicon.ico: the same picture as app/icon.svg (three white bars on the accent
// blue), drawn pixel by pixel into a 32×32 32-bit BMP inside an ICO container — no image
// library, no download. Run `npx tsx scripts/make-favicon.ts` after changing the design.
import fs from "node:fs";
import path from "node:path";

const SIZE = 32;
const ACCENT = [0x0b, 0x5c, 0xad]; // --color-accent
const BARS = [
  { x: 7, y: 17 },
  { x: 14, y: 11 },
  { x: 21, y: 6 },
]; // each 4 px wide, down to y = 26

/** RGBA of pixel (x, y), y from the top; the rounded square's corners are transparent. */
function pixel(x: number, y: number): [number, number, number, number] {
  const r = 6;
  const cx = x < r ? r : x >= SIZE - r ? SIZE - r - 1 : x;
  const cy = y < r ? r : y >= SIZE - r ? SIZE - r - 1 : y;
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return [0, 0, 0, 0];
  if (BARS.some((b) => x >= b.x && x < b.x + 4 && y >= b.y && y < 26)) return [255, 255, 255, 255];
  return [ACCENT[0], ACCENT[1], ACCENT[2], 255];
}

export function favicon(): Buffer {
  const pixels = Buffer.alloc(SIZE * SIZE * 4);
  for (let row = 0; row < SIZE; row++) {
    const y = SIZE - 1 - row; // BMP rows run bottom-up
    for (let x = 0; x < SIZE; x++) {
      const [r, g, b, a] = pixel(x, y);
      pixels.set([b, g, r, a], (row * SIZE + x) * 4);
    }
  }
  const mask = Buffer.alloc(SIZE * 4); // AND mask: 1 bit a pixel, rows padded to 4 bytes; alpha rules
  const info = Buffer.alloc(40);
  info.writeUInt32LE(40, 0);
  info.writeInt32LE(SIZE, 4);
  info.writeInt32LE(SIZE * 2, 8); // XOR bitmap + AND mask
  info.writeUInt16LE(1, 12);
  info.writeUInt16LE(32, 14);
  info.writeUInt32LE(pixels.length + mask.length, 20);
  const image = Buffer.concat([info, pixels, mask]);
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(SIZE, 6);
  header.writeUInt8(SIZE, 7);
  header.writeUInt16LE(1, 10); // planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(image.length, 14);
  header.writeUInt32LE(header.length, 18);
  return Buffer.concat([header, image]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const out = path.join(process.cwd(), "app", "favicon.ico");
  fs.writeFileSync(out, favicon());
  console.log(`wrote ${out}`);
}
