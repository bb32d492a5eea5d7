import { describe, expect, it } from 'vitest';
import { bytesPerRow, readMemoryBytes, readMemoryWarning, SAMPLE_ROWS_MAX, sampleRowsWithin } from './readMemory';

const MB = 1024 ** 2;
const GB = 1024 ** 3;

describe('readMemoryWarning', () => {
  it('uses the measured multiples: 3x for plain ASCII, 5x for files decoded to text', () => {
    expect(readMemoryBytes(100 * MB, true)).toBe(300 * MB);
    expect(readMemoryBytes(100 * MB, false)).toBe(500 * MB);
  });

  it('says nothing while the estimate fits', () => {
    expect(readMemoryWarning('a.csv', 600 * MB, true, 2 * GB)).toBeNull();
    expect(readMemoryWarning('a.csv', 400 * MB, false, 2 * GB)).toBeNull();
  });

  it('warns with the file, its size, the estimate and what the browser can spare when it does not fit', () => {
    expect(readMemoryWarning('big.csv', 1.2 * GB, true, 2 * GB)).toEqual({
      severity: 'warning',
      code: 'memory',
      message:
        'Reading "big.csv" (1.2 GB) takes about 3.6 GB of memory, more than this browser can likely spare (about 2.0 GB); ' +
        'the tab may run out of memory and reload. The saved project comes back after a reload.',
      action: 'Close other tabs, or import a random sample of the rows instead (the button beside this message).',
    });
    expect(readMemoryWarning('latin.csv', 500 * MB, false, 2 * GB)?.message).toMatch(/^Reading "latin\.csv" \(500 MB\) takes about 2\.4 GB of memory/);
    expect(readMemoryWarning('tiny.csv', 200 * 1024, true, 512 * 1024)?.message).toMatch(/^Reading "tiny\.csv" \(200 KB\) takes about 600 KB of memory, more than this browser can likely spare \(about 512 KB\)/);
  });
});

describe('sampleRowsWithin', () => {
  it('keeps as many rows as reading fits in the memory the page can spare, between 1,000 and 1,000,000', () => {
    // 512 KB at 5x for 20-byte rows: 5,242 rows.
    expect(sampleRowsWithin(512 * 1024, 20)).toBe(5242);
    expect(sampleRowsWithin(4 * GB, 100)).toBe(SAMPLE_ROWS_MAX);
    expect(sampleRowsWithin(1024, 100)).toBe(1000);
  });

  it('estimates bytes per row from the first lines', () => {
    expect(bytesPerRow(new TextEncoder().encode('a,b\n1,2\n3,4\n'))).toBe(4);
    expect(bytesPerRow(new TextEncoder().encode('no line break'))).toBe(13);
  });
});
