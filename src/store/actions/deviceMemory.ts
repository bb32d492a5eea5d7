/**
 * What the page can likely spend on one big job (reading a file, training): half the device memory
 * Chromium reports (it reports at most 8 GB), or 2 GB where it does not say.
 */
export function availableMemoryBytes(): number {
  const gb = (navigator as Navigator & { deviceMemory?: number }).deviceMemory;
  return ((typeof gb === 'number' && gb > 0 ? gb : 4) / 2) * 1024 ** 3;
}
