/**
 * Orders strings by UTF-16 code units. Used wherever an order is stored or shown (classes,
 * categories) because `localeCompare` differs between machines and locales.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
