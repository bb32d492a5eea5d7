/** Whether a file can take the reader's byte path (tokenizeAsciiCsv); its own module so the page can ask cheaply. */
const HIGH_BIT_WORD = 0x80808080;

/** True when every byte is below 0x80 and none is NUL: text that UTF-8 decodes one byte to one character. */
export function isPlainAscii(bytes: Uint8Array): boolean {
  const n = bytes.length;
  if (bytes.indexOf(0) !== -1) return false;
  let i = 0;
  while (i < n && (bytes.byteOffset + i) % 4 !== 0) if (bytes[i++] >= 0x80) return false;
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + i, (n - i) >> 2);
  // OR-ing a block before testing keeps the loop to one operation per word.
  for (let k = 0; k < words.length; k += 4096) {
    let any = 0;
    const end = Math.min(words.length, k + 4096);
    for (let w = k; w < end; w++) any |= words[w];
    if ((any & HIGH_BIT_WORD) !== 0) return false;
  }
  for (i += words.length * 4; i < n; i++) if (bytes[i] >= 0x80) return false;
  return true;
}
