/** The name of a one-hot output for a category, and for the bucket of rare ones (shared by the encoding and prepare steps). */
export function oneHotName(column: string, category: string): string {
  return `${column}=${category}`;
}
export function oneHotOtherName(column: string): string {
  return `${column}=(other)`;
}
