// Checks an xlsx (a zip) against ReadLimits before exceljs reads it: the sizes its central directory
// declares, then the bytes each entry really unpacks to (headers can lie), counting shared strings
// and the first worksheet's rows on the way. Streams each entry and keeps none of it, so a small
// file that unpacks to gigabytes ("zip bomb") is refused after at most `decompressedBytes` of work.
import { createInflateRaw } from 'node:zlib';
import { SheetLimitError, type ReadLimits } from '../src/lib/spreadsheet';

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** The central directory's entries, or null when there is none to read (exceljs then says why). */
function entries(buf: Buffer): Entry[] | null {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const out: Entry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    out.push({
      method: buf.readUInt16LE(at + 10),
      compressedSize: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      localOffset: buf.readUInt32LE(at + 42),
      name: buf.toString('utf8', at + 46, at + 46 + nameLen),
    });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Counts matches of `re` (global, at most 8 characters long) in a stream of chunks read as latin1;
 * the unmatched end of each chunk is carried into the next, so a tag cut in two is counted once. */
function counter(re: RegExp): { feed(chunk: Buffer): number } {
  let tail = '';
  let total = 0;
  return {
    feed(chunk) {
      const text = tail + chunk.toString('latin1');
      let lastEnd = 0;
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        total++;
        lastEnd = m.index + m[0].length;
      }
      tail = text.slice(Math.max(lastEnd, text.length - 7));
      return total;
    },
  };
}

function unpack(data: Buffer, onChunk: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
    inflate.on('data', (chunk: Buffer) => {
      try {
        onChunk(chunk);
      } catch (err) {
        inflate.destroy();
        reject(err);
      }
    });
    inflate.on('end', resolve);
    inflate.on('error', (err) => reject(err));
    inflate.end(data);
  });
}

export async function scanXlsx(bytes: Uint8Array, limits: ReadLimits): Promise<void> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const list = entries(buf);
  if (!list) return;
  const declared = list.reduce((sum, e) => sum + (e.size === 0xffffffff ? Infinity : e.size), 0);
  if (declared > limits.decompressedBytes) {
    throw new SheetLimitError('decompressedBytes', `its zip entries declare ${declared === Infinity ? 'more than 4 GB' : `${declared} bytes`} unpacked`);
  }
  let unpacked = 0;
  let firstSheet = true;
  for (const e of list) {
    const isStrings = /(^|\/)sharedStrings\.xml$/i.test(e.name);
    const isSheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(e.name) && firstSheet;
    if (isSheet) firstSheet = false;
    const at = e.localOffset;
    if (at + 30 > buf.length || buf.readUInt32LE(at) !== 0x04034b50) return;
    const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
    const data = buf.subarray(start, start + e.compressedSize);
    const strings = isStrings ? counter(/<(?:\w+:)?si[\s>/]/g) : null;
    const rows = isSheet ? counter(/<(?:\w+:)?row[\s>/]/g) : null;
    const onChunk = (chunk: Buffer) => {
      unpacked += chunk.length;
      if (unpacked > limits.decompressedBytes) throw new SheetLimitError('decompressedBytes', `it unpacks to more than ${limits.decompressedBytes} bytes`);
      if (strings && strings.feed(chunk) > limits.sharedStrings)
        throw new SheetLimitError('sharedStrings', `its shared string table holds more than ${limits.sharedStrings} entries`);
      if (rows && rows.feed(chunk) > limits.rows) throw new SheetLimitError('rows', `its first worksheet has more than ${limits.rows} rows`);
    };
    if (e.method === 0) onChunk(data);
    else if (e.method === 8) {
      try {
        await unpack(data, onChunk);
      } catch (err) {
        if (err instanceof SheetLimitError) throw err;
        return; // a damaged entry: exceljs reports it
      }
    }
  }
}
