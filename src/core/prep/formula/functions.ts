/**
 * The formula functions: names, argument counts and the help text the UI lists. How each one
 * is type-checked lives in check.ts and how it runs in evaluate.ts.
 */

export interface FormulaHelpEntry {
  name: string;
  signature: string;
  description: string;
}

export interface FunctionSpec extends FormulaHelpEntry {
  minArgs: number;
  /** Infinity for functions that take any number of arguments past minArgs. */
  maxArgs: number;
}

const fn = (name: string, minArgs: number, maxArgs: number, signature: string, description: string): FunctionSpec => ({
  name,
  signature,
  description,
  minArgs,
  maxArgs,
});

export const FUNCTIONS: readonly FunctionSpec[] = [
  fn('log', 1, 1, 'log(x)', 'Natural logarithm. Missing for x <= 0.'),
  fn('log10', 1, 1, 'log10(x)', 'Base-10 logarithm. Missing for x <= 0.'),
  fn('log1p', 1, 1, 'log1p(x)', 'log(1 + x), accurate for small x. Missing for x <= -1.'),
  fn('exp', 1, 1, 'exp(x)', 'e raised to the power x. Missing when the result is too large.'),
  fn('sqrt', 1, 1, 'sqrt(x)', 'Square root. Missing for x < 0.'),
  fn('abs', 1, 1, 'abs(x)', 'Absolute value.'),
  fn('round', 1, 2, 'round(x, digits?)', 'Rounds to a number of decimal places (0 if left out; negative rounds to tens, hundreds...). Halves round away from zero.'),
  fn('floor', 1, 1, 'floor(x)', 'The largest whole number not above x.'),
  fn('ceil', 1, 1, 'ceil(x)', 'The smallest whole number not below x.'),
  fn('min', 2, Infinity, 'min(a, b, ...)', 'The smallest of its arguments (numbers or dates); missing if any is missing.'),
  fn('max', 2, Infinity, 'max(a, b, ...)', 'The largest of its arguments (numbers or dates); missing if any is missing.'),
  fn('if', 3, 3, 'if(condition, a, b)', 'a where the condition is true, b where it is false, missing where the condition is missing. a and b must have the same type.'),
  fn('isMissing', 1, 1, 'isMissing(x)', 'true where x is missing, false elsewhere (never missing itself).'),
  fn('coalesce', 2, Infinity, 'coalesce(x, y, ...)', 'The first of its arguments that is not missing. All must have the same type.'),
  fn('year', 1, 1, 'year(d)', 'The year of a date (UTC).'),
  fn('month', 1, 1, 'month(d)', 'The month of a date, 1 to 12 (UTC).'),
  fn('day', 1, 1, 'day(d)', 'The day of the month, 1 to 31 (UTC).'),
  fn('weekday', 1, 1, 'weekday(d)', 'The day of the week, Monday = 0 to Sunday = 6 (UTC, as in pandas).'),
  fn('hour', 1, 1, 'hour(d)', 'The hour of the day, 0 to 23 (UTC).'),
  fn('minute', 1, 1, 'minute(d)', 'The minute of the hour, 0 to 59 (UTC).'),
  fn('concat', 2, Infinity, 'concat(a, b, ...)', 'Joins values into text; numbers, true/false and dates are written out. Missing if any is missing.'),
  fn('lower', 1, 1, 'lower(text)', 'Text in lower case.'),
  fn('upper', 1, 1, 'upper(text)', 'Text in upper case.'),
  fn('trim', 1, 1, 'trim(text)', 'Text without leading and trailing spaces.'),
  fn('length', 1, 1, 'length(text)', 'The number of characters in a text.'),
  fn('contains', 2, 2, 'contains(text, part)', 'true where the text contains the part (case-sensitive).'),
];

/** Function names are matched without regard to case: LOG(x), Log(x) and log(x) are the same. */
export const FUNCTIONS_BY_NAME: ReadonlyMap<string, FunctionSpec> = new Map(FUNCTIONS.map((f) => [f.name.toLowerCase(), f]));

const OPERATORS: readonly FormulaHelpEntry[] = [
  { name: 'column', signature: 'Fare  or  [Beak Length (mm)]  or  `Beak Length (mm)`', description: 'A column. Names with spaces or symbols go in [brackets] or `backticks`; write ]] or `` for a closing bracket or backtick inside the name.' },
  { name: 'text', signature: '"male"', description: 'Text in double quotes; write \\" for a quote and \\\\ for a backslash. Compared with a date column, text such as "2020-01-31" is read as a date.' },
  { name: '+ - * /', signature: 'a + b', description: 'Arithmetic. Division by zero gives missing. date - date gives the difference in days.' },
  { name: '%', signature: 'a % b', description: 'Remainder, with the sign of b (as in Python). Missing when b is 0.' },
  { name: '^', signature: 'a ^ b', description: 'Power. Right-associative (2^3^2 = 512) and above unary minus (-2^2 = -4).' },
  { name: '< <= > >= == !=', signature: 'a < b', description: 'Comparisons of numbers or dates; text and true/false values can be tested with == and !=.' },
  { name: 'and or not', signature: 'a and not b', description: 'Logic on true/false values. A missing operand gives missing.' },
  { name: 'true false', signature: 'true', description: 'The true/false constants.' },
];

/** What the UI's help list shows: every function, then the operators and literals. */
export const FORMULA_HELP: readonly FormulaHelpEntry[] = [
  ...FUNCTIONS.map(({ name, signature, description }) => ({ name, signature, description })),
  ...OPERATORS,
];
