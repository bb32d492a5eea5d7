/**
 * Two loads in flight: the one asked for last decides what is open, even when the earlier one (an
 * example loading at start-up, say) finishes after it. The workers are replaced by promises the
 * test resolves in the order it wants.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { IngestOutcome } from '../../workers/ingestOutcome';

type Outcome = IngestOutcome | { ok: false; cancelled: true };
const ingests: Array<{ fileName: string; resolve: (o: Outcome) => void; cancelled: boolean; mode: unknown }> = [];
const persisted: Blob[] = [];
const adopted: string[] = [];

vi.mock('../../bridge/ingestClient', () => ({
  startIngest: (_file: Blob, options: { fileName: string }, _progress: unknown, mode: unknown) => {
    let resolve!: (o: Outcome) => void;
    const outcome = new Promise<Outcome>((r) => (resolve = r));
    const job = { fileName: options.fileName, resolve, cancelled: false, mode };
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
vi.mock('./autosave', () => ({ persistDatasetFile: async (_name: string, file: Blob) => void persisted.push(file), persistState: async () => undefined }));
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

describe('loadDataset of a file too big to read whole', () => {
  beforeEach(() => {
    ingests.length = 0;
    persisted.length = 0;
  });

  it('reads nothing, offers a random sample, and keeps the sample instead of the file', async () => {
    const { loadDataset } = await import('./loadDataset');
    const { getStudio } = await import('../useStudio');
    // Only its size is looked at before the person chooses: a 2 GB file need not exist for that.
    const huge = { size: 2e9, slice: () => new Blob(['a,b\n' + '1,2\n'.repeat(1000)]) } as unknown as Blob;
    expect(await loadDataset({ fileName: 'huge.csv', file: huge })).toBe(false);
    expect(ingests).toHaveLength(0);
    const alert = getStudio().alert!;
    expect(alert.message).toBe('"huge.csv" is 2.0 GB; the studio reads files up to 1.5 GB whole in the browser. Nothing was imported; a random sample of its rows can be, streamed from the file.');
    expect(alert.action?.label).toBe('Import a random sample');
    alert.action!.run();
    await vi.waitFor(() => expect(ingests).toHaveLength(1));
    // 4 GB to spare, 4-byte rows: the most a sample keeps.
    expect(ingests[0].mode).toEqual({ sample: { rows: 1_000_000, seed: 42 } });
    const csv = new Blob(['x\n1\n']);
    const stored = { request: { rows: 1_000_000, seed: 42 }, recordsAfterFirst: 5e8, dropped: 0, fileBytes: 2e9, delimiter: ',', issues: [] };
    const info = { rows: 1_000_000, fileRows: 5e8, fileBytes: 2e9, seed: 42 };
    ingests[0].resolve({ ...(read(1_000_000) as Extract<IngestOutcome, { ok: true }>), sample: { info, stored, csv, origin: null } });
    await vi.waitFor(() => expect(getStudio().dataset?.sample).toEqual({ info, stored }));
    await vi.waitFor(() => expect(persisted).toEqual([csv]));
  });
});
