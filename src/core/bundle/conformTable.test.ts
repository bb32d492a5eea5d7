import { describe, expect, it } from 'vitest';
import { readCsv } from '../data/readCsv';
import { cellText, type Table } from '../data/table';
import { applyRecipe } from '../prep/applyRecipe';
import { tableFromColumns } from '../prep/tableFromColumns';
import type { BundleMeta } from './bundleTypes';
import { conformTable, ConformTally, findUnfillableCell, missingPolicy, RowValidationError, rowsToTable } from './conformTable';

/** A fitted bundle description by hand: what train writes for a small penguin model. */
function penguinMeta(): BundleMeta {
  return {
    format: 'local-ml-studio/bundle',
    version: 1,
    createdAt: '2024-05-01T00:00:00Z',
    target: 'species',
    task: 'classification',
    classes: ['Adelie', 'Gentoo'],
    inputSchema: [
      { name: 'bill_length_mm', type: 'numeric' },
      { name: 'island', type: 'categorical', categories: ['Biscoe', 'Dream'] },
      { name: 'tagged', type: 'boolean', categories: ['false', 'true'] },
      { name: 'seen', type: 'datetime' },
    ],
    recipe: {
      version: 1,
      target: 'species',
      features: ['bill_length_mm', 'island', 'tagged', 'seen'],
      featureTypes: ['numeric', 'categorical', 'boolean', 'datetime'],
      steps: [
        { kind: 'impute', columns: ['bill_length_mm', 'island', 'tagged'], fitted: { fill: [44.5, 'Biscoe', 'true'] } },
        { kind: 'oneHot', columns: ['island', 'tagged'], fitted: { categories: [['Biscoe', 'Dream'], ['false', 'true']], other: [[], []] } },
        { kind: 'standardScale', columns: ['bill_length_mm', 'seen'], fitted: { mean: [44, 0], std: [5, 1] } },
      ],
    },
    model: { kind: 'logistic_regression', params: {}, metrics: {} },
  };
}

function csv(text: string): Table {
  return readCsv(new TextEncoder().encode(text), { fileName: 'new.csv' }).table;
}

function column(table: Table, name: string): string[] {
  const c = table.columns.find((col) => col.name === name)!;
  return Array.from({ length: table.rowCount }, (_, r) => (c.missing[r] ? '' : cellText(c, r)));
}

describe('conformTable', () => {
  it('returns exactly the input columns, in schema order and type, and no notes for a clean file', () => {
    const { table, notes } = conformTable(
      penguinMeta(),
      csv('species,seen,island,tagged,bill_length_mm\nAdelie,2024-01-02,Dream,yes,39.1\nGentoo,2024-01-03,Biscoe,no,47\n'),
    );
    expect(notes).toEqual([]);
    expect(table.columns.map((c) => [c.name, c.type])).toEqual([
      ['bill_length_mm', 'numeric'],
      ['island', 'categorical'],
      ['tagged', 'boolean'],
      ['seen', 'datetime'],
    ]);
    expect(column(table, 'tagged')).toEqual(['true', 'false']);
    expect(column(table, 'seen')).toEqual(['2024-01-02', '2024-01-03']);
    expect(() => applyRecipe(penguinMeta().recipe, table)).not.toThrow();
  });

  it('treats a missing column as all missing and says the recipe imputes it', () => {
    const { table, notes } = conformTable(penguinMeta(), csv('island,tagged,seen\nDream,true,2024-01-02\n'));
    expect(notes).toEqual([
      {
        column: 'bill_length_mm',
        kind: 'missing-column',
        rows: 1,
        message: 'Column "bill_length_mm" is missing from the file; every row is treated as missing there (the recipe imputes it).',
      },
    ]);
    expect(column(table, 'bill_length_mm')).toEqual(['']);
    expect(applyRecipe(penguinMeta().recipe, table).X[0]).toBeCloseTo(0.1);
  });

  it('notes categories the model never saw, with up to three examples', () => {
    const { notes } = conformTable(
      penguinMeta(),
      csv('bill_length_mm,island,tagged,seen\n1,Atlantis,true,2024-01-02\n2,Lemuria,true,2024-01-02\n3,Atlantis,true,2024-01-02\n4,Mu,true,2024-01-02\n5,Avalon,true,2024-01-02\n6,Dream,,\n'),
    );
    expect(notes.map((n) => n.message)).toEqual([
      'Column "island" has 5 rows with categories the model never saw ("Atlantis", "Lemuria", "Mu", ...); they are encoded as unknown.',
    ]);
    expect(notes[0]).toMatchObject({ column: 'island', kind: 'unseen-categories', rows: 5 });
  });

  it('treats cells of the wrong type as missing, naming the first', () => {
    const { table, notes } = conformTable(
      penguinMeta(),
      csv('bill_length_mm,island,tagged,seen\n39,Dream,true,2024-01-02\n40,Dream,true,2024-01-02\n41,Dream,maybe,2024-01-02\n42,Dream,true,2024-01-02\nheavy,Dream,true,2024-01-02\nNA,Dream,true,2024-01-02\nlight,Dream,true,2024-01-02\n'),
    );
    expect(notes).toEqual([
      {
        column: 'bill_length_mm',
        kind: 'wrong-type',
        rows: 2,
        message: 'Column "bill_length_mm" should be numeric but 2 rows are not numbers (first at row 5: "heavy"); they are treated as missing (the recipe imputes them).',
      },
      {
        column: 'tagged',
        kind: 'wrong-type',
        rows: 1,
        message: 'Column "tagged" should be boolean but 1 row is not true or false (row 3: "maybe"); it is treated as missing (the recipe imputes it).',
      },
    ]);
    expect(column(table, 'bill_length_mm')).toEqual(['39', '40', '41', '42', '', '', '']);
  });

  it('lists extra columns once and ignores the target silently', () => {
    const { notes } = conformTable(penguinMeta(), csv('species,notes,bill_length_mm,island,tagged,seen,comment\nAdelie,x,1,Dream,true,2024-01-02,y\n'));
    expect(notes).toEqual([{ column: 'notes', kind: 'extra-column', message: 'Columns "notes", "comment" are not model inputs and are ignored.' }]);
    const one = conformTable(penguinMeta(), csv('notes,bill_length_mm,island,tagged,seen\nx,1,Dream,true,2024-01-02\n'));
    expect(one.notes[0].message).toBe('Column "notes" is not a model input and is ignored.');
  });

  it('reads numbers that the reader kept as categories, and categories that it read as numbers', () => {
    const meta = penguinMeta();
    meta.inputSchema[1].categories = ['1', '2'];
    meta.recipe.steps[1] = { kind: 'oneHot', columns: ['island', 'tagged'], fitted: { categories: [['1', '2'], ['false', 'true']], other: [[], []] } };
    const table = tableFromColumns([
      { name: 'bill_length_mm', type: 'categorical', values: ['39.5', ' 40 ', null, 'NA'] },
      { name: 'island', type: 'numeric', values: [1, 2, 3, null] },
      { name: 'tagged', type: 'categorical', values: ['1', '0', 'true', 'no'] },
      { name: 'seen', type: 'categorical', values: ['2024-01-02', '2024-01-02T10:00', null, 'x'] },
    ]);
    const { table: out, notes } = conformTable(meta, table);
    expect(column(out, 'bill_length_mm')).toEqual(['39.5', '40', '', '']);
    expect(column(out, 'island')).toEqual(['1', '2', '3', '']);
    expect(column(out, 'tagged')).toEqual(['true', 'false', 'true', 'false']);
    expect(notes.map((n) => n.kind)).toEqual(['unseen-categories', 'wrong-type']);
    expect(notes[1].message).toContain('1 row is not a date (row 4: "x")');
  });

  it('adds up notes over chunks, naming rows by the caller\'s labels', () => {
    const tally = new ConformTally(penguinMeta());
    tally.conform(csv('bill_length_mm,island,tagged,seen\nx,Dream,true,2024-01-02\n'), (r) => `row ${r + 1}`);
    tally.conform(csv('bill_length_mm,island,tagged,seen\n1,Mu,true,2024-01-02\ny,Dream,true,2024-01-02\n'), (r) => `row ${r + 2}`);
    expect(tally.notes().map((n) => n.message)).toEqual([
      'Column "bill_length_mm" should be numeric but 2 rows are not numbers (first at row 1: "x"); they are treated as missing (the recipe imputes them).',
      'Column "island" has 1 row with a category the model never saw ("Mu"); it is encoded as unknown.',
    ]);
  });

  it('knows which missing values the recipe cannot fill', () => {
    const meta = penguinMeta();
    expect(missingPolicy(meta, 'bill_length_mm')).toBe('imputed');
    expect(missingPolicy(meta, 'seen')).toBe('fails');
    meta.recipe.steps[0].columns = ['bill_length_mm'];
    expect(missingPolicy(meta, 'island')).toBe('unknown');
    const { table, notes } = conformTable(meta, csv('bill_length_mm,island,tagged,seen\n1,Dream,true,2024-01-02\n2,Dream,true,\n'));
    expect(notes).toEqual([]);
    expect(findUnfillableCell(meta, table)).toEqual({ column: 'seen', row: 1 });
    const gone = conformTable(meta, csv('bill_length_mm\n1\n'));
    expect(gone.notes.map((n) => n.message)).toContain(
      'Column "seen" is missing from the file; every row is treated as missing there (the recipe cannot fill it in, so no row can be predicted).',
    );
  });

  it('handles columns named like Object.prototype members', () => {
    const meta = penguinMeta();
    meta.inputSchema[0].name = '__proto__';
    meta.recipe.features[0] = '__proto__';
    const { notes } = conformTable(meta, csv('constructor,island,tagged,seen\n1,Dream,true,2024-01-02\n'));
    expect(notes.map((n) => n.kind)).toEqual(['missing-column', 'extra-column']);
  });
});

describe('rowsToTable', () => {
  const meta = penguinMeta();

  it('builds typed columns from JSON rows, missing fields and nulls as missing', () => {
    const table = rowsToTable(meta, [
      { bill_length_mm: 39.1, island: 'Dream', tagged: true, seen: '2024-01-02', extra: 'ignored' },
      { bill_length_mm: null, island: 'NA', seen: '2024-01-03T10:00' },
    ]);
    expect(column(table, 'bill_length_mm')).toEqual(['39.1', '']);
    expect(column(table, 'island')).toEqual(['Dream', '']);
    expect(column(table, 'tagged')).toEqual(['true', '']);
    expect(table.columns.map((c) => c.name)).toEqual(['bill_length_mm', 'island', 'tagged', 'seen']);
  });

  it('leaves out a field that no row has, so conformTable notes it', () => {
    const table = rowsToTable(meta, [{ island: 'Mu', tagged: false, seen: '2024-01-02' }]);
    const { notes } = conformTable(meta, table, { rowLabel: (r) => `rows[${r}]`, source: 'the request' });
    expect(notes.map((n) => n.message)).toEqual([
      'Column "bill_length_mm" is missing from the request; every row is treated as missing there (the recipe imputes it).',
      'Column "island" has 1 row with a category the model never saw ("Mu"); it is encoded as unknown.',
    ]);
  });

  it.each([
    [{ rows: [] }, 'The rows must be a JSON array of objects, got an object.'],
    ['x', 'The rows must be a JSON array of objects, got "x".'],
    [[{}, 3], 'rows[1] must be an object with the model\'s input fields, got 3.'],
    [[{}, null], 'rows[1] must be an object with the model\'s input fields, got null.'],
    [[{}, [1]], 'rows[1] must be an object with the model\'s input fields, got an array.'],
    [[{}, {}, {}, { bill_length_mm: 'abc' }], 'rows[3].bill_length_mm must be a number or null, got "abc".'],
    [[{ island: 4 }], 'rows[0].island must be a string or null, got 4.'],
    [[{ tagged: 'yes' }], 'rows[0].tagged must be true, false or null, got "yes".'],
    [[{ seen: 'yesterday' }], 'rows[0].seen must be a date string such as "2024-05-01" or null, got "yesterday".'],
    [[{ seen: { a: 1 } }], 'rows[0].seen must be a date string such as "2024-05-01" or null, got an object.'],
  ])('refuses %j with a sentence naming the row and field', (body, message) => {
    expect(() => rowsToTable(meta, body)).toThrow(RowValidationError);
    expect(() => rowsToTable(meta, body)).toThrow(message);
  });

  it('reads "__proto__" as a plain field name and never touches Object.prototype', () => {
    const odd = penguinMeta();
    odd.inputSchema[1].name = '__proto__';
    odd.inputSchema[1].categories = ['Dream'];
    const rows = JSON.parse('[{"__proto__": "Dream", "bill_length_mm": 1}, {"__proto__": {"polluted": 1}}]');
    expect(() => rowsToTable(odd, rows)).toThrow('rows[1].__proto__ must be a string or null, got an object.');
    const table = rowsToTable(odd, rows.slice(0, 1));
    expect(column(table, '__proto__')).toEqual(['Dream']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
