/**
 * One CSV cell, safe to open in a spreadsheet. Quoted when it holds a quote, comma or line break;
 * a text that starts with = + - @ or a tab or carriage return (OWASP's list: what Excel, LibreOffice
 * and Google Sheets read as a formula) gets a leading apostrophe, so it is shown, never run. Quoting
 * alone does not stop a formula: the spreadsheet unquotes first. Numbers are written as numbers.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text =
    typeof value === 'number' || typeof value === 'bigint' || isNumeric(value)
      ? String(value)
      : neutralised(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const FORMULA_START = /^[=+\-@\t\r]/;

function neutralised(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

// A plain decimal number (what toFixed writes) is data, even with a sign.
function isNumeric(value: unknown): boolean {
  return typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value);
}
