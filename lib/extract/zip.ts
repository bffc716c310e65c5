// Just enough of the ZIP format to look inside a .docx before handing it to mammoth: the entry
// list from the central directory, and each XML part inflated with a hard output limit, so a
// zip bomb (or an entry that lies about its size) is refused before anything large is built.
import zlib from "node:zlib";
import { ExtractError, formatSize } from "./errors";

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** As declared in the central directory (may lie). */
  size: number;
  localOffset: number;
  encrypted: boolean;
}

const corrupt = (why: string) =>
  new ExtractError("corrupt", `这个 Word 文件（.docx）已损坏，无法读取（${why}）。请用 Word 或 WPS 打开后另存为 .docx 再上传。`);

/** The entries of a ZIP archive, from its central directory. Throws corrupt. */
export function zipEntries(b: Buffer): ZipEntry[] {
  // End of central directory: the last "PK\5\6" within the final 64 KB + 22 bytes.
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt("找不到 ZIP 目录，文件可能不完整");
  let count = b.readUInt16LE(eocd + 10);
  let offset = b.readUInt32LE(eocd + 16);
  // ZIP64: the real numbers are in the ZIP64 end record.
  if ((count === 0xffff || offset === 0xffffffff) && eocd >= 20 && b.readUInt32LE(eocd - 20) === 0x07064b50) {
    const z = Number(b.readBigUInt64LE(eocd - 12));
    if (z + 56 <= b.length && b.readUInt32LE(z) === 0x06064b50) {
      count = Number(b.readBigUInt64LE(z + 32));
      offset = Number(b.readBigUInt64LE(z + 48));
    }
  }
  if (count > 10000) throw corrupt("条目过多");
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) throw corrupt("ZIP 目录损坏");
    const flags = b.readUInt16LE(p + 8);
    const method = b.readUInt16LE(p + 10);
    let compressedSize = b.readUInt32LE(p + 20);
    let size = b.readUInt32LE(p + 24);
    const nameLen = b.readUInt16LE(p + 28);
    const extraLen = b.readUInt16LE(p + 30);
    const commentLen = b.readUInt16LE(p + 32);
    let localOffset = b.readUInt32LE(p + 42);
    const name = b.toString("utf8", p + 46, p + 46 + nameLen);
    // ZIP64 extra field (id 1): 64-bit sizes and offset for the fields set to 0xFFFFFFFF.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd && e + 4 <= b.length) {
      const id = b.readUInt16LE(e);
      const len = b.readUInt16LE(e + 2);
      if (id === 1) {
        let q = e + 4;
        if (size === 0xffffffff && q + 8 <= e + 4 + len) (size = Number(b.readBigUInt64LE(q))), (q += 8);
        if (compressedSize === 0xffffffff && q + 8 <= e + 4 + len) (compressedSize = Number(b.readBigUInt64LE(q))), (q += 8);
        if (localOffset === 0xffffffff && q + 8 <= e + 4 + len) localOffset = Number(b.readBigUInt64LE(q));
      }
      e += 4 + len;
    }
    entries.push({ name, method, compressedSize, size, localOffset, encrypted: (flags & 1) === 1 });
    p = extraEnd + commentLen;
  }
  return entries;
}

/**
 * An entry's bytes, inflated with a hard limit: more than `limit` bytes of output (whatever the
 * directory declares) throws too_large.
 */
export function readEntry(b: Buffer, entry: ZipEntry, limit: number): Buffer {
  const p = entry.localOffset;
  if (p + 30 > b.length || b.readUInt32LE(p) !== 0x04034b50) throw corrupt(`条目 ${entry.name} 损坏`);
  const start = p + 30 + b.readUInt16LE(p + 26) + b.readUInt16LE(p + 28);
  const end = start + entry.compressedSize;
  if (end > b.length) throw corrupt("文件不完整");
  const data = b.subarray(start, end);
  const tooLarge = () =>
    new ExtractError("too_large", `这个 Word 文件解压后超过 ${formatSize(limit)}（可能是“压缩炸弹”），已拒绝读取。`);
  if (entry.encrypted) throw new ExtractError("encrypted", "这个 Word 文件设置了密码，无法读取。请取消密码后另存再上传，或复制报告文字后粘贴上传。");
  if (entry.method === 0) {
    if (data.length > limit) throw tooLarge();
    return data;
  }
  if (entry.method !== 8) throw corrupt(`不支持的压缩方式 ${entry.method}`);
  try {
    return zlib.inflateRawSync(data, { maxOutputLength: limit });
  } catch (e) {
    if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" || e instanceof RangeError) throw tooLarge();
    throw corrupt(`条目 ${entry.name} 无法解压`);
  }
}
