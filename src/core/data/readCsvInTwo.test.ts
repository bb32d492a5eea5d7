/**
 * Guards reading a file in two parts (readCsvInTwo): cut after any line feed, the joined table
 * must be readCsv's over the whole file, bit for bit, issues and line numbers included, or the
 * parts must hand the file back (null) for the whole read to explain. Both parts run here, one
 * after the other; in the page the second runs in another worker on the same functions.
 */
import { describe, expect, it } from 'vitest';
import { readCsv, type ReadOptions, type ReadResult } from './readCsv';
import { finishReadInTwo, HEAD_BYTES, partBytes, planAsciiSplit, PROBE_BYTES, readFirstPart, secondPartOptions, tokenizeSecondPart } from './readCsvInTwo';
import { asciiTableReads, attempt, expectSameOutcome, fixtureReads, numberTableReads, read, type Read } from './readerEquivalence.testkit';
import { asciiTokensBuffers, reviveAsciiTokens } from './tokenizeAsciiCsv';

/** readCsvInTwo cut after the first line feed at or after `probeAt`, or null where the parts hand the file back. */
function readInTwo(bytes: Uint8Array, options: ReadOptions, probeAt: number, overThreads = false): ReadResult | null {
  const plan = planAsciiSplit(bytes.subarray(0, HEAD_BYTES), bytes.subarray(probeAt, probeAt + PROBE_BYTES), probeAt, bytes.length, options);
  if (plan === null) return null;
  const secondBytes = new Uint8Array(plan.header.length + bytes.length - plan.at);
  secondBytes.set(plan.header);
  secondBytes.set(bytes.subarray(plan.at), plan.header.length);
  const firstBytes = partBytes(bytes.slice(0, plan.at));
  let second = tokenizeSecondPart(partBytes(secondBytes), secondPartOptions(plan, firstBytes));
  // What a worker posts back: a structured clone with its buffers moved.
  if (second !== null && overThreads) second = reviveAsciiTokens(structuredClone(second, { transfer: asciiTokensBuffers(second) }));
  const first = readFirstPart(firstBytes, plan, options);
  return first === null ? null : finishReadInTwo(first, second);
}

const lineFeeds = (bytes: Uint8Array) => bytes.reduce<number[]>((at, byte, i) => (byte === 0x0a ? [...at, i] : at), []);

/** Reads `input` cut after each of its line feeds (or `cuts` of them) and compares each with the whole read; returns how many cuts were read in two. */
function expectSameInTwo({ bytes, options, where }: Read, cuts = Infinity): number {
  const whole = read(bytes, options);
  let inTwo = 0;
  const feeds = lineFeeds(bytes);
  const step = Math.max(1, Math.floor(feeds.length / cuts));
  for (let k = 0; k < feeds.length; k += step) {
    const cut = attempt(() => readInTwo(bytes, options, feeds[k], k % 2 === 1) as ReadResult);
    if ('result' in cut && cut.result === null) continue;
    inTwo++;
    expectSameOutcome(cut, whole, `${where}, cut after byte ${feeds[k]}`);
  }
  return inTwo;
}

describe('reading a file in two parts', () => {
  it('gives readCsv\'s table cut after any line feed of 3,000 seeded tables of quotes, line breaks, late text and caps', () => {
    let cuts = 0;
    for (const input of asciiTableReads(3000)) cuts += expectSameInTwo(input);
    // Many cuts are read in two (3,013 when written); the rest (inside quotes, at blank lines, past caps, lone CRs) are handed back.
    expect(cuts).toBeGreaterThan(2_000);
  });

  it('gives readCsv\'s table cut after any line feed of 3,000 seeded tables of awkward numbers', () => {
    let cuts = 0;
    for (const input of numberTableReads(3000)) cuts += expectSameInTwo(input);
    // 7,946 when written.
    expect(cuts).toBeGreaterThan(5_000);
  });

  it('gives readCsv\'s table on every CSV fixture and example, cut in up to 16 places', () => {
    let cuts = 0;
    for (const input of fixtureReads()) cuts += expectSameInTwo(input, 16);
    // 528 when written.
    expect(cuts).toBeGreaterThan(350);
  });

  it('hands the file back when the cut falls inside a quoted field or a part is not plain ASCII', () => {
    const text = 'id,note,x\n' + Array.from({ length: 50 }, (_, i) => `${i},"line\nbreak ${i}",${i / 2}`).join('\n') + '\n';
    const bytes = new TextEncoder().encode(text);
    const insideQuotes = text.indexOf('line\n') + 4;
    expect(readInTwo(bytes, { fileName: 'q.csv' }, insideQuotes)).toBeNull();
    const accented = new TextEncoder().encode(text + '51,"café",1\n');
    expect(readInTwo(accented.subarray(0, accented.length), { fileName: 'q.csv' }, text.length - 2)).toBeNull();
    // Between records the same file is read in two, line numbers counted across the cut.
    const between = readInTwo(bytes, { fileName: 'q.csv' }, text.indexOf('\n25,') - 1);
    expect(between).not.toBeNull();
    expect(between!.table).toEqual(readCsv(bytes, { fileName: 'q.csv' }).table);
  });

  it('reads a 3 MB file in two with the same numbers, text and line numbers as a whole read', () => {
    // One odd cell past the cut turns "score" to text, and its issue names the line.
    const rows = Array.from({ length: 60_000 }, (_, i) => `${i},${(i * 0.37).toFixed(3)},${['a', 'b', 'c'][i % 3]},${i === 45_000 ? 'oops' : i % 13}`);
    const bytes = new TextEncoder().encode('id,x,kind,score\n' + rows.join('\r\n') + '\r\n');
    const options = { fileName: 'big.csv' };
    const whole = readCsv(bytes, options);
    const inTwo = readInTwo(bytes, options, bytes.length >> 1, true);
    expect(inTwo).not.toBeNull();
    expectSameOutcome({ result: inTwo! }, { result: whole }, 'big.csv');
    expect(inTwo!.issues.map((issue) => issue.line)).toEqual([45_002]);
  });
});
