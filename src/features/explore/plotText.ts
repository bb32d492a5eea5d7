/**
 * Plotly renders a small HTML-like markup in every text it draws (titles, ticks, hover,
 * legends). User data must show as text, so `<`, `>` and `&` become entities, which Plotly
 * decodes back to the literal characters without interpreting them as tags.
 */
export function plotText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
