/**
 * Two loads in flight: the one asked for last decides what is open, even when the earlier one (an
 * example loading at start-up, say) finishes after it. The workers are replaced by promises the
 * test resolves in the order it wants.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { IngestOutcome } from '../../workers/ingestOutcome';

type Outcome = IngestOutcome | { ok: false; cancelled: true };
const ingests: Array<{ fileName: string; resolve: (o: Outcome) => void; cancelled: boolean }> = [];
const adopted: string[] = [];

vi.mock('../../bridge/ingestClient', () => ({
  startIngest: (_file: Blob, options: { fileName: string }) => {
    let resolve!: (o: Outcome) => void;
    const outcome = new Promise<Outcome>((r) => (resolve = r));
    const job = { fileName: options.fileName, resolve, cancelled: false };
    ingests.push(job);
    return {
      outcome,
      cancel: () => {
        job.cancelled = true;
        resolve({ ok: false, cancelled: true });
      },
    };
  },
}));
vi.mock('../../bridge/dataClient', () => ({
  adoptDataset: async (table: { columns: Array<{ name: string }> }, _file: Blob, options: { fileName: string }) => {
    adopted.push(options.fileName);
    return table.columns.map((c, index) => ({ index, name: c.name, type: 'numeric', inferredType: 'numeric', missing: 0 }));
  },
  dataWorker: () => ({ proposeTask: async () => 'regression' }),
}));
vi.mock('./autosave', () => ({ persistDatasetFile: async () => undefined, persistState: async () => undefined }));
vi.mock('./explore', () => ({ refreshExplore: async () => undefined, computeProfile: async () => false }));
vi.mock('./versions', () => ({ recordDatasetVersion: async () => undefined }));
vi.mock('./deviceMemory', () => ({ availableMemoryBytes: () => 4 * 1024 ** 3 }));
vi.mock('./stageTiming', () => ({ startStage: () => undefined, endStageAfterPaint: async () => undefined }));

function read(rowCount: number): IngestOutcome {
  const column = { name: 'x', type: 'numeric' as const, inferredType: 'numeric' as const, missing: new Uint8Array(rowCount), values: new Float64Array(rowCount) };
  return { ok: true, result: { table: { rowCount, columns: [column] }, issues: [], dialect: { delimiter: ',', hasHeader: true, encoding: 'utf-8', lineEnding: 'LF' }, headerLine: 1 }, threads: 1 };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('loadDataset with two loads in flight', () => {
  beforeEach(() => {
    ingests.length = 0;
    adopted.length = 0;
  });

  it('shows the later request when the earlier one was already past reading', async () => {
    const { loadDataset } = await import('./loadDataset');
    const { getStudio } = await import('../useStudio');
    const first = loadDataset({ fileName: 'example.csv', file: new Blob(['x\n1\n']) });
    await settle();
    // The example's reading is done; the person's file is asked for before the example is shown.
    ingests[0].resolve(read(344));
    const second = loadDataset({ fileName: 'mine.csv', file: new Blob(['x\n1\n']) });
    await settle();
    ingests[1].resolve(read(60000));
    expect(await second).toBe(true);
    expect(await first).toBe(false);
    expect(getStudio().dataset?.fileName).toBe('mine.csv');
    expect(getStudio().dataset?.rowCount).toBe(60000);
    // The data worker never got the example's table after the person's.
    expect(adopted.at(-1)).toBe('mine.csv');
  });

  it('cancels the earlier read when it is still reading, and shows the later one', async () => {
    const { loadDataset } = await import('./loadDataset');
    const { getStudio } = await import('../useStudio');
    const first = loadDataset({ fileName: 'slow.csv', file: new Blob(['x\n1\n']) });
    await settle();
    const second = loadDataset({ fileName: 'fast.csv', file: new Blob(['x\n1\n']) });
    await settle();
    expect(ingests[0].cancelled).toBe(true);
    ingests[1].resolve(read(10));
    expect(await second).toBe(true);
    expect(await first).toBe(false);
    expect(getStudio().dataset?.fileName).toBe('fast.csv');
    expect(adopted).toEqual(['fast.csv']);
  });
});
