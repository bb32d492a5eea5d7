import { startIngest, type IngestJob, type IngestMode } from '../../bridge/ingestClient';
import { adoptDataset, dataWorker } from '../../bridge/dataClient';
import type { ReadOptions } from '../../core/data/readCsv';
import type { ImportIssue } from '../../core/data/importIssue';
import { bytesPerRow, readMemoryBytes, readMemoryWarning, SAMPLE_SEED, sampleRowsWithin } from '../../core/data/readMemory';
import type { SampleRequest, StoredSample } from '../../core/data/sampleCsv';
import { isPlainAscii } from '../../core/data/isPlainAscii';
import { availableMemoryBytes } from './deviceMemory';
import type { ColumnSummary } from '../../core/data/summarizeColumns';
import { getStudio, setStudio } from '../useStudio';
import { endStageAfterPaint, startStage } from './stageTiming';
import { initialState, type Task } from '../studioState';
import { persistDatasetFile, persistState } from './autosave';
import { refreshExplore } from './explore';
import { recordDatasetVersion } from './versions';

/** Files over this size are refused before reading: the browser tab would run out of memory. */
export const MAX_FILE_BYTES = 1_500_000_000;

let activeJob: IngestJob | null = null;

/**
 * A warning, before reading, when the file likely needs more memory than the page can spare.
 * Whether it is plain ASCII (read from its bytes, about 3x its size) or not (about 5x) is judged
 * from its first 64 KB, and only when the difference matters.
 */
async function readMemoryNote(fileName: string, file: Blob): Promise<ImportIssue | null> {
  const available = availableMemoryBytes();
  if (readMemoryBytes(file.size, false) <= available) return null;
  let plainAscii = false;
  try {
    plainAscii = isPlainAscii(new Uint8Array(await file.slice(0, 65536).arrayBuffer()));
  } catch {
    // Unreadable here: the reader reports that; estimate as for text.
  }
  return readMemoryWarning(fileName, file.size, plainAscii, available);
}
/** Counts load requests, so start-up work can tell that the user has loaded something meanwhile. */
let loadRequests = 0;
/** Counts tables handed to the data worker: the last one handed over is the one to show. */
let adoptions = 0;

export function loadRequestCount(): number {
  return loadRequests;
}

export interface LoadRequest {
  fileName: string;
  /** The file as a Blob: workers and storage take it by reference, the main thread never copies it. */
  file: Blob;
  options?: Omit<ReadOptions, 'onProgress' | 'fileName'>;
  /** The column to predict, e.g. from an example's description. */
  target?: string | null;
  task?: Task;
  /** True when restoring after a reload: the file is already saved. */
  restoring?: boolean;
  /** Stream the file and read a random sample of its rows instead of all of them (a file too big to read whole). */
  sample?: SampleRequest;
  /** Restoring a sampled dataset: `file` is the sample kept in the browser, with these facts. */
  storedSample?: StoredSample;
}

/** A sample of the file that reading fits in the memory the page can spare. */
async function sampleRequestFor(file: Blob): Promise<SampleRequest> {
  let perRow = 100;
  try {
    perRow = bytesPerRow(new Uint8Array(await file.slice(0, 65536).arrayBuffer()));
  } catch {
    // Unreadable here: the sampled read reports that.
  }
  return { rows: sampleRowsWithin(availableMemoryBytes(), perRow), seed: SAMPLE_SEED };
}

/** The alert's way out for a file too big to read whole: the same load, as a random sample. */
function importSampleAction(request: LoadRequest, label: string) {
  return {
    label,
    run: () => {
      void sampleRequestFor(request.file).then((sample) => loadDataset({ ...request, sample }));
    },
  };
}

/**
 * Reads a CSV in a worker and makes it the current dataset. On any failure the previous
 * dataset, choices and results stay exactly as they were.
 */
export async function loadDataset(request: LoadRequest): Promise<boolean> {
  const { fileName, file } = request;
  const id = ++loadRequests;
  activeJob?.cancel();
  startStage('ingest');
  const mode: IngestMode = request.sample ? { sample: request.sample } : request.storedSample ? { stored: request.storedSample } : { whole: true };
  const sampled = !('whole' in mode);
  if (file.size > MAX_FILE_BYTES && !sampled) {
    setStudio({
      alert: {
        message: `"${fileName}" is ${(file.size / 1e9).toFixed(1)} GB; the studio reads files up to ${MAX_FILE_BYTES / 1e9} GB whole in the browser. Nothing was imported; a random sample of its rows can be, streamed from the file.`,
        action: importSampleAction(request, 'Import a random sample'),
      },
    });
    return false;
  }
  const options = { ...request.options, fileName };
  // Not awaited before the job is registered: a second load started meanwhile must still cancel this one.
  // A sample is sized to fit, so it needs no warning.
  const memoryNote = sampled ? Promise.resolve(null) : readMemoryNote(fileName, file);
  setStudio({ ingest: { status: 'reading', fileName, progress: 0 } });
  let lastReported = 0;
  const job = startIngest(
    file,
    options,
    (fraction) => {
      if (fraction - lastReported >= 0.01 || fraction === 1) {
        lastReported = fraction;
        setStudio((s) => ({ ingest: { ...s.ingest, progress: fraction } }));
      }
    },
    mode,
  );
  activeJob = job;
  void memoryNote.then((note) => {
    if (note && activeJob === job) setStudio({ alert: { message: note.message, action: importSampleAction(request, 'Import a random sample instead') } });
  });
  const outcome = await job.outcome;
  if (activeJob === job) activeJob = null;
  setStudio({ ingest: { status: 'idle', progress: 0 } });
  if (!outcome.ok) {
    if ('cancelled' in outcome) return false;
    setStudio({ alert: { message: outcome.issue.message } });
    return false;
  }
  const { table, dialect } = outcome.result;
  const note = await memoryNote;
  // A load asked for since this one started decides what is open, even when this one finished first.
  if (id !== loadRequests) return false;
  const issues = note ? [note, ...outcome.result.issues] : outcome.result.issues;
  if (table.rowCount === 0) {
    // A header alone is not a dataset to train on; keep what the person had open.
    setStudio({ alert: { message: `"${fileName}" has a header with ${table.columns.length} columns but no data rows; nothing was imported.` } });
    return false;
  }
  const adoption = ++adoptions;
  const sample = outcome.sample;
  // A sample's table is re-read from the sample (a column's type changed), naming the file's lines.
  const columns = sample
    ? await adoptDataset(table, sample.csv, { ...options, delimiter: sample.stored.delimiter, sampleOrigin: sample.origin ?? undefined })
    : await adoptDataset(table, file, options);
  const target = chooseTarget(columns, request.target);
  const task = request.task ?? (target ? await dataWorker().proposeTask(target) : 'classification');
  // The data worker holds the table adopted last: the page shows that one, not an older one that resolves later.
  if (adoption !== adoptions) return false;
  const warnings = issues.filter((i) => i.severity !== 'info');
  const previous = getStudio().dataset;
  const kept = getStudio();
  setStudio({
    ...initialState,
    save: kept.save,
    // An imported model and the project's history belong to the project, not to one dataset.
    deploy: kept.deploy.model?.source === 'imported' ? { ...kept.deploy, predictions: null } : initialState.deploy,
    history: kept.history,
    dataset: {
      fileName,
      rowCount: table.rowCount,
      columns,
      dialect,
      readOptions: request.options ?? {},
      version: (previous?.version ?? 0) + 1,
      ...(sample ? { sample: { info: sample.info, stored: sample.stored } } : {}),
    },
    importNotes: issues,
    alert: warnings.length
      ? {
          message: warnings.length === 1 ? warnings[0].message : `"${fileName}" was imported with ${warnings.length} warnings.`,
          details: warnings.length > 1 ? warnings.slice(0, 20).map((w) => w.message) : undefined,
          // Read whole against the memory warning: a sample stays on offer, for the work that follows.
          action: note ? importSampleAction(request, 'Import a random sample instead') : undefined,
        }
      : null,
    target,
    task,
  });
  await endStageAfterPaint('ingest', { threads: outcome.threads });
  // A sample is kept in the browser instead of the file it came from: the file may not fit.
  if (!request.restoring) void persistDatasetFile(fileName, sample ? sample.csv : file).then(() => persistState());
  void computeProfile().then((profiled) => {
    // Hashing the file for the history reads all of it in the data worker, which computes the
    // profile on both cores: it starts once the profile is shown, so as not to slow it.
    void recordDatasetVersion();
    if (profiled) void refreshExplore();
  });
  return true;
}

export function cancelLoading(): void {
  activeJob?.cancel();
  activeJob = null;
  setStudio({ ingest: { status: 'idle', progress: 0 } });
}

/** Shows the column profile; resolves once it is painted (true), or once its failure is (false). */
async function computeProfile(): Promise<boolean> {
  startStage('profile');
  try {
    const profile = await dataWorker().profile();
    setStudio({ profile });
    await endStageAfterPaint('profile');
    return true;
  } catch (error) {
    setStudio({ alert: { message: `The column profile could not be computed: ${error instanceof Error ? error.message : String(error)}` } });
    return false;
  }
}

/** The example's target when given; otherwise the last column that is not an identifier or free text. */
function chooseTarget(columns: ColumnSummary[], wanted?: string | null): string | null {
  if (wanted && columns.some((c) => c.name === wanted)) return wanted;
  for (let i = columns.length - 1; i >= 0; i--) {
    if (columns[i].type !== 'identifier' && columns[i].type !== 'text') return columns[i].name;
  }
  return columns.length ? columns[columns.length - 1].name : null;
}
