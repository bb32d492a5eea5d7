/**
 * The model card as a standalone HTML page, from its Markdown (generated, perhaps edited by the
 * person). Only the Markdown the card uses is understood: headings, paragraphs, "- " lists and
 * pipe tables, with backslash escapes. Every character of text is escaped, so whatever was typed
 * into the card (a `<script>` included) shows as text; the page has no scripts and no links.
 */
import { escapeHtml } from '../explore/escapeHtml';

/** Entities the generated card writes itself; they are kept as they are instead of escaped twice. */
const KEPT_ENTITY = /^&(amp|lt|gt|quot|#39);/;

function inline(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      out += escapeHtml(text[++i]);
    } else if (c === '&') {
      const kept = KEPT_ENTITY.exec(text.slice(i));
      if (kept) {
        out += kept[0];
        i += kept[0].length - 1;
      } else out += '&amp;';
    } else out += escapeHtml(c);
  }
  return out;
}

/** Splits a table row at pipes that are not escaped. */
function cells(line: string): string[] {
  const parts: string[] = [];
  let current = '';
  const body = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && i + 1 < body.length) current += body[i] + body[++i];
    else if (body[i] === '|') {
      parts.push(current.trim());
      current = '';
    } else current += body[i];
  }
  parts.push(current.trim());
  return parts;
}

export function modelCardHtml(markdown: string, title = 'Model card'): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const body: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = heading[1].length;
      body.push(`<h${level}>${inline(heading[2])}</h${level}>`);
      i++;
    } else if (/^\s*[-*]\s+/.test(line)) {
      const items: string[] = [];
      while (i < lines.length && /^\s*[-*]\s+/.test(lines[i])) items.push(`<li>${inline(lines[i++].replace(/^\s*[-*]\s+/, ''))}</li>`);
      body.push(`<ul>${items.join('')}</ul>`);
    } else if (line.trim().startsWith('|')) {
      const rows: string[][] = [];
      while (i < lines.length && lines[i].trim().startsWith('|')) rows.push(cells(lines[i++]));
      const [head, ...rest] = rows;
      const data = rest.filter((r) => !r.every((c) => /^:?-{3,}:?$/.test(c)));
      body.push(
        `<table><thead><tr>${head.map((c) => `<th>${inline(c)}</th>`).join('')}</tr></thead>` +
          `<tbody>${data.map((r) => `<tr>${r.map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`,
      );
    } else if (line.trim() === '') {
      i++;
    } else {
      const paragraph: string[] = [];
      while (i < lines.length && lines[i].trim() !== '' && !/^(#{1,6}\s|\s*[-*]\s|\s*\|)/.test(lines[i])) paragraph.push(inline(lines[i++]));
      body.push(`<p>${paragraph.join(' ')}</p>`);
    }
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:860px;margin:2rem auto;padding:0 1rem;color:#1d2430}table{border-collapse:collapse}th,td{border-bottom:1px solid #dde3ec;padding:.3rem .8rem;text-align:left}</style>
</head><body>
${body.join('\n')}
</body></html>
`;
}
