/** The data layer's public API: read a CSV into a columnar Table, and change a column's type. */
export { readCsv, DEFAULT_LIMITS, type ReadOptions, type ReadResult, type ReadLimits } from './readCsv';
export { convertColumnType, type ConversionResult } from './convertColumnType';
export { inferColumnType, type ColumnContext, type ColumnResult } from './inferColumnType';
export { columnCellsFromStrings, cellString, type ColumnCells } from './columnCells';
export { decodeBytes, type DecodedText } from './decodeBytes';
export { sniffDialect, DELIMITER_CANDIDATES, type SniffedDialect, type DelimiterScore } from './sniffDialect';
export { tokenizeCsv, type TokenizeOptions, type TokenizeResult, type LineEnding } from './tokenizeCsv';
export * from './table';
export * from './importIssue';
