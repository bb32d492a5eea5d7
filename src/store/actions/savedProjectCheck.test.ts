import { describe, expect, it } from 'vitest';
import { projectChecksum, savedProjectProblem, sealProject } from './savedProjectCheck';

const project = {
  version: 1,
  savedAt: 1_700_000_000_000,
  fileName: 'penguins.csv',
  readOptions: {},
  target: 'Species',
  task: 'classification',
  training: { status: 'done', curves: [] },
  run: { modelName: 'gbdt', metrics: { accuracy: 0.97, log_loss: NaN }, weights: new Float64Array([0.5, -0, 2]) },
  leaderboard: [{ model: 'gbdt' }],
  modelCard: undefined,
};

describe('saved project check', () => {
  it('accepts a sealed project after a trip through storage (structured clone)', () => {
    const stored = structuredClone(sealProject(project));
    expect(stored.checksum).toMatch(/^fnv1a:[0-9a-f]{8}$/);
    expect(savedProjectProblem(stored, 1)).toBeNull();
  });

  it('accepts a save from before checksums by its shape', () => {
    expect(savedProjectProblem(project, 1)).toBeNull();
  });

  it('notices contents changed after sealing', () => {
    const stored = structuredClone(sealProject(project));
    stored.target = 'Island';
    expect(savedProjectProblem(stored, 1)).toMatch(/do not match the checksum/);
    const flipped = structuredClone(sealProject(project));
    flipped.run.weights[2] = 2.0000001;
    expect(savedProjectProblem(flipped, 1)).toMatch(/checksum/);
  });

  it('names what is wrong with a damaged record', () => {
    expect(savedProjectProblem(null, 1)).toBe('it is not a project record');
    expect(savedProjectProblem('garbage', 1)).toBe('it is not a project record');
    expect(savedProjectProblem({ ...project, version: 7 }, 1)).toBe('it has format 7, and this studio reads format 1');
    expect(savedProjectProblem({ ...project, fileName: 42 }, 1)).toBe('it names no data file');
    expect(savedProjectProblem({ ...project, task: 'magic' }, 1)).toBe('its task "magic" is not one the studio knows');
    expect(savedProjectProblem({ ...project, training: null }, 1)).toBe('its training state is unreadable');
    expect(savedProjectProblem({ ...project, leaderboard: 'x' }, 1)).toBe('its leaderboard is not a list');
    expect(savedProjectProblem({ ...project, target: 3 }, 1)).toBe('its target is not a column name');
  });

  it('ignores the checksum field itself when computing it', () => {
    expect(projectChecksum({ ...project, checksum: 'anything' })).toBe(projectChecksum(project));
  });
});
