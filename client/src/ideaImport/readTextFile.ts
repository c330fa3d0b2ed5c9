/**
 * Reads an uploaded list as text. Excel's "CSV UTF-8" is UTF-8 (with a byte order mark), but
 * its plain "CSV (Trennzeichen-getrennt)" on German Windows is Windows-1252: bytes that are not
 * valid UTF-8 are read as Windows-1252, so umlauts survive either way.
 */
export function decodeTextFile(bytes: ArrayBuffer | Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('windows-1252').decode(bytes)
  }
}

/** Larger files are no list of ideas (500 ideas of 2,000 characters are about 1 MB). */
export const IMPORT_FILE_MAX_BYTES = 4 * 1024 * 1024

export async function readTextFile(file: Blob): Promise<string> {
  if (file.size > IMPORT_FILE_MAX_BYTES) throw new RangeError('file too large')
  return decodeTextFile(await file.arrayBuffer())
}
