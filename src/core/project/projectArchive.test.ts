import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import { MAX_PROJECT_ENTRIES, packProject, PROJECT_FORMAT, unpackProject } from './projectArchive';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('project archive', () => {
  it('round-trips the project JSON, the datasets by hash and an imported bundle', () => {
    const csv = strToU8('a,b\n1,2\n');
    const bundle = strToU8('PK fake');
    const zip = packProject({ state: { fileName: 'x.csv' }, versions: [] }, new Map([[sha(csv), csv]]), bundle);
    const opened = unpackProject(zip, 'p.zip');
    expect(opened.project.format).toBe(PROJECT_FORMAT);
    expect(opened.project.state).toEqual({ fileName: 'x.csv' });
    expect([...opened.datasets.keys()]).toEqual([sha(csv)]);
    expect(new TextDecoder().decode(opened.datasets.get(sha(csv)))).toBe('a,b\n1,2\n');
    expect(opened.importedBundle).toEqual(bundle);
  });

  it('refuses files that are not projects, polluting keys, unknown formats and too many entries', () => {
    expect(() => unpackProject(strToU8('hello'), 'a.zip')).toThrow(/"a\.zip" is not a readable project file/);
    expect(() => unpackProject(zipSync({ 'other.txt': strToU8('x') }), 'b.zip')).toThrow(/"b\.zip" has no project\.json/);
    const polluted = zipSync({ 'project.json': strToU8(`{"format":"${PROJECT_FORMAT}","version":1,"state":{"__proto__":{"admin":true}}}`) });
    expect(() => unpackProject(polluted, 'c.zip')).toThrow(/"c\.zip": project\.json is not valid .*__proto__/);
    const other = zipSync({ 'project.json': strToU8('{"format":"something","version":1}') });
    expect(() => unpackProject(other, 'd.zip')).toThrow(/expected "local-ml-studio\/project" version 1/);
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i <= MAX_PROJECT_ENTRIES; i++) many[`junk/${i}`] = strToU8('x');
    expect(() => unpackProject(zipSync(many), 'e.zip')).toThrow(/more than the 1000 files/);
  });

  it('keeps only entries with the names a project has', () => {
    const zip = zipSync({
      'project.json': strToU8(`{"format":"${PROJECT_FORMAT}","version":1}`),
      'data/not-a-hash.csv': strToU8('x'),
      '__proto__': strToU8('x'),
    });
    const opened = unpackProject(zip, 'f.zip');
    expect(opened.datasets.size).toBe(0);
    expect(Object.getPrototypeOf(opened.project)).toBe(Object.prototype);
  });
});
