/**
 * Size caps on every file the studio imports, checked before the file is read: the CSV reader's
 * caps are tested in src/core/data/readCsv.test.ts; these are the bundle and project archives'.
 */
import { describe, expect, it } from 'vitest';
import { checkBundleZipSize, MAX_BUNDLE_ZIP_BYTES } from './unzipBundle';
import { checkProjectZipSize, MAX_PROJECT_ZIP_BYTES } from '../project/projectArchive';

describe('import size limits', () => {
  it('refuses a bundle .zip over the cap by its size alone, with a sentence naming it', () => {
    expect(() => checkBundleZipSize(MAX_BUNDLE_ZIP_BYTES, 'm.zip')).not.toThrow();
    expect(() => checkBundleZipSize(MAX_BUNDLE_ZIP_BYTES + 1, 'm.zip')).toThrow(/so it was not opened/);
    expect(() => checkBundleZipSize(500 * 1024 * 1024, 'm.zip')).toThrow(/^"m\.zip" is 500 MB; a model bundle is at most 204 MB, so it was not opened\.$/);
  });

  it('refuses a project .zip over the cap by its size alone, with a sentence naming it', () => {
    expect(() => checkProjectZipSize(MAX_PROJECT_ZIP_BYTES, 'p.project.zip')).not.toThrow();
    expect(() => checkProjectZipSize(5 * 1024 ** 3, 'p.project.zip')).toThrow(/^"p\.project\.zip" is 5\.0 GB; a project file is at most 2 GB, so it was not opened\.$/);
  });
});
