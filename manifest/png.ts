import { deflateSync, inflateSync } from 'node:zlib';

/** Just enough PNG for app icons: write 8-bit RGBA, read any non-interlaced 8-bit image back to RGBA. */

export interface Image {
  width: number;
  height: number;
  /** RGBA, row by row. */
  pixels: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export function encodePng(image: Image): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(image.width, 0);
  header.writeUInt32BE(image.height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const stride = image.width * 4;
  const raw = Buffer.alloc((stride + 1) * image.height);
  for (let y = 0; y < image.height; y += 1) {
    raw[y * (stride + 1)] = 0; // filter: none
    Buffer.from(image.pixels.buffer, image.pixels.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Reads a PNG's size, and its pixels when it is a non-interlaced 8-bit grey, RGB or RGBA image. */
export function decodePng(file: Buffer): Image {
  if (!file.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file');
  let offset = 8;
  let width = 0;
  let height = 0;
  let colourType: number | undefined = 0;
  let interlaced = false;
  let bitDepth: number | undefined = 8;
  const data: Buffer[] = [];
  while (offset < file.length) {
    const length = file.readUInt32BE(offset);
    const type = file.toString('ascii', offset + 4, offset + 8);
    const body = file.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      bitDepth = body[8];
      colourType = body[9];
      interlaced = body[12] === 1;
    } else if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const channels = colourType === undefined ? undefined : CHANNELS[colourType];
  if (bitDepth !== 8 || !channels || interlaced)
    throw new Error('only non-interlaced 8-bit grey, RGB or RGBA PNGs can be checked');
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const unfiltered = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)] ?? 0;
    for (let x = 0; x < stride; x += 1) {
      const value = raw[y * (stride + 1) + 1 + x];
      // Truncated data leaves the rest of the image zero.
      if (value === undefined) break;
      const left = x >= channels ? unfiltered.readUInt8(y * stride + x - channels) : 0;
      const up = y > 0 ? unfiltered.readUInt8((y - 1) * stride + x) : 0;
      const upLeft = x >= channels && y > 0 ? unfiltered.readUInt8((y - 1) * stride + x - channels) : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter] ?? 0;
      unfiltered[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  const pixels = new Uint8Array(width * height * 4);
  for (let index = 0; index < width * height; index += 1) {
    const source = unfiltered.subarray(index * channels, index * channels + channels);
    const [r, g, b, a] =
      channels === 1
        ? [source.readUInt8(0), source.readUInt8(0), source.readUInt8(0), 255]
        : channels === 2
          ? [source.readUInt8(0), source.readUInt8(0), source.readUInt8(0), source.readUInt8(1)]
          : channels === 3
            ? [source.readUInt8(0), source.readUInt8(1), source.readUInt8(2), 255]
            : [source.readUInt8(0), source.readUInt8(1), source.readUInt8(2), source.readUInt8(3)];
    pixels.set([r, g, b, a], index * 4);
  }
  return { width, height, pixels };
}
