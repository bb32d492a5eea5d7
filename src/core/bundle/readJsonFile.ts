/**
 * Reads one JSON file of a bundle defensively: size cap before parsing, strict UTF-8, a parse
 * error as a sentence, and no prototype-polluting keys anywhere in the result.
 */
import { BundleError, MAX_JSON_BYTES, type BundleFiles } from './bundleTypes';
import { assertSafeJson, JsonShapeError } from './jsonShape';

export function readJsonFile(files: BundleFiles, name: string): unknown {
  const content = files.get(name);
  if (content === undefined) throw new BundleError(name, `The bundle has no ${name}.`);
  const bytes = typeof content === 'string' ? utf8Length(content) : content.byteLength;
  if (bytes > MAX_JSON_BYTES) {
    const mb = (bytes / 1024 / 1024).toFixed(1);
    throw new BundleError(name, `${name}: the file is ${mb} MB, more than the ${MAX_JSON_BYTES / 1024 / 1024} MB limit.`);
  }
  let text: string;
  if (typeof content === 'string') {
    text = content;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(content);
    } catch {
      throw new BundleError(name, `${name}: the file is not valid UTF-8 text.`);
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new BundleError(name, `${name}: the file is not valid JSON (${reason}).`);
  }
  try {
    assertSafeJson(value);
  } catch (error) {
    throw asBundleError(name, error);
  }
  return value;
}

/** Turns a shape problem into "file: sentence"; anything else passes through unchanged. */
export function asBundleError(file: string, error: unknown): unknown {
  if (error instanceof JsonShapeError) return new BundleError(file, `${file}: ${error.message}`, error.path);
  return error;
}

/** UTF-8 byte length without encoding a copy of a possibly huge string. */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    }
    else n += 3;
  }
  return n;
}
