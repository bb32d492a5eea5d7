import { dataWorker } from '../../bridge/dataClient';
import type { RowFilter } from '../../core/explore/filterRows';
import { getStudio, setStudio } from '../useStudio';
import { downloadBaseName, downloadBlob } from './downloadBlob';

/** Recomputes warnings, target relations and class balance for the current target. */
export async function refreshExplore(): Promise<void> {
  const { dataset, target, task } = getStudio();
  if (!dataset) return;
  const version = dataset.version;
  try {
    const data = await dataWorker().explore(target, task);
    const state = getStudio();
    if (state.dataset?.version !== version || state.target !== target || state.task !== task) return;
    setStudio((s) => ({ explore: { ...s.explore, data, column: s.explore.column ?? firstColumn(target) } }));
  } catch (error) {
    setStudio({ alert: { message: `The data could not be explored: ${error instanceof Error ? error.message : String(error)}` } });
  }
}

function firstColumn(target: string | null): string | null {
  const columns = getStudio().dataset?.columns ?? [];
  return columns.find((c) => c.name !== target)?.name ?? columns[0]?.name ?? null;
}

export function selectColumn(column: string): void {
  setStudio((s) => ({ explore: { ...s.explore, column } }));
}

/** Narrows the grid to the rows behind a clicked bar; the dataset itself is unchanged. */
export async function applyFilter(filter: RowFilter, description: string): Promise<void> {
  const { dataset } = getStudio();
  if (!dataset) return;
  const rows = await dataWorker().setFilter(filter);
  setStudio((s) => ({
    explore: { ...s.explore, filter: { description, rows } },
    dataset: s.dataset ? { ...s.dataset, version: s.dataset.version + 1 } : s.dataset,
  }));
}

export async function clearFilter(): Promise<void> {
  await dataWorker().setFilter(null);
  setStudio((s) => ({
    explore: { ...s.explore, filter: null },
    dataset: s.dataset ? { ...s.dataset, version: s.dataset.version + 1 } : s.dataset,
  }));
}

/** Downloads the profile as a standalone HTML report or as JSON (the CLI's `profile` output). */
export async function exportProfile(kind: 'html' | 'json'): Promise<void> {
  const { dataset, profile, target } = getStudio();
  if (!dataset || !profile) return;
  const base = downloadBaseName(dataset.fileName, 'data');
  if (kind === 'json') {
    const data = getStudio().explore.data;
    const json = JSON.stringify({ ...profile, warnings: data?.warnings ?? [] }, null, 2);
    downloadBlob(new Blob([json], { type: 'application/json' }), `${base}-profile.json`);
    return;
  }
  const html = await dataWorker().reportHtml(`Profile of ${dataset.fileName}`, new Date().toISOString(), target);
  downloadBlob(new Blob([html], { type: 'text/html' }), `${base}-profile.html`);
}
