/**
 * The saved project is checked before it is trusted, like any stored input: its shape, and a
 * checksum of its contents written with it. A record that fails either is "damaged": the studio
 * then says so and opens the last good version from the history instead of a half-read project
 * (restoreProject.ts).
 */

/** The fields every saved project has; the rest are checked where they are used. */
interface SavedShape {
  version: number;
  savedAt: number;
  fileName: string;
  target: string | null;
  task: string;
  training: { status: string };
  checksum?: string;
}

const TASKS = ['classification', 'regression', 'clustering'];

/** FNV-1a (32 bit) over the UTF-16 code units: cheap, and enough to notice changed or damaged contents. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** The checksum of a project's contents (everything but the checksum itself). */
export function projectChecksum(project: object): string {
  const { checksum: _checksum, ...contents } = project as { checksum?: unknown };
  return `fnv1a:${fnv1a(JSON.stringify(contents))}`;
}

/** The project with its checksum, as written to storage. */
export function sealProject<T extends object>(project: T): T & { checksum: string } {
  return { ...project, checksum: projectChecksum(project) };
}

/**
 * Null when `raw` reads as a saved project of format `version`; otherwise what is wrong with it,
 * as the end of a sentence ("its ... "). Saves from before checksums are checked by shape only.
 */
export function savedProjectProblem(raw: unknown, version: number): string | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'it is not a project record';
  const p = raw as Partial<SavedShape> & Record<string, unknown>;
  if (p.version !== version) return `it has format ${JSON.stringify(p.version)}, and this studio reads format ${version}`;
  if (typeof p.fileName !== 'string' || p.fileName === '') return 'it names no data file';
  if (typeof p.savedAt !== 'number' || !Number.isFinite(p.savedAt)) return 'it has no valid save time';
  if (p.target !== null && typeof p.target !== 'string') return 'its target is not a column name';
  if (typeof p.task !== 'string' || !TASKS.includes(p.task)) return `its task ${JSON.stringify(p.task)} is not one the studio knows`;
  if (typeof p.training !== 'object' || p.training === null || typeof p.training.status !== 'string') return 'its training state is unreadable';
  if (p.leaderboard !== undefined && !Array.isArray(p.leaderboard)) return 'its leaderboard is not a list';
  if (p.run !== undefined && p.run !== null && typeof p.run !== 'object') return 'its trained model is unreadable';
  if (p.checksum !== undefined && p.checksum !== projectChecksum(p)) return 'its contents do not match the checksum written with them (it was changed or damaged after it was saved)';
  return null;
}
