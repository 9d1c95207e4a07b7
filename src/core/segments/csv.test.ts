import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvLine, safeCell } from './csv.ts';

test('cells that a spreadsheet would run as formulas are prefixed with a quote', () => {
  for (const bad of ['=1+1', '+44 20', '-2', '@SUM(A1)', '\tx', '\rx']) assert.equal(safeCell(bad).replace(/^"|"$/g, '')[0], "'", JSON.stringify(bad));
  assert.equal(safeCell('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
  assert.equal(safeCell('plain'), 'plain');
  assert.equal(safeCell(42), '42');
  assert.equal(safeCell(null), '');
});

test('quoting: commas, quotes and line breaks stay inside one cell', () => {
  assert.equal(csvLine(['a,b', 'say "hi"', 'two\nlines', 'Zoë 李']), '"a,b","say ""hi""","two\nlines",Zoë 李\r\n');
});
