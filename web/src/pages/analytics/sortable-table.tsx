import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface Column<R> {
  key: string;
  title: string;
  /** The value sorted by (numbers and strings; null sorts last). */
  sortValue: (r: R) => number | string | null | undefined;
  cell: (r: R) => ReactNode;
  header?: boolean;
}

interface Props<R> {
  caption: string;
  columns: Column<R>[];
  rows: R[];
  rowKey: (r: R) => string;
  initialSort?: { key: string; dir: 'asc' | 'desc' };
}

/** A table whose column headers sort it (click or Enter; aria-sort says how it is sorted). */
export function SortableTable<R>({ caption, columns, rows, rowKey, initialSort }: Props<R>) {
  const { t } = useTranslation();
  const [sort, setSort] = useState<{ key: string; dir: 'asc' | 'desc' } | null>(initialSort ?? null);
  const sorted = useMemo(() => {
    const col = columns.find((c) => c.key === sort?.key);
    if (!col || !sort) return rows;
    const sign = sort.dir === 'asc' ? 1 : -1;
    return [...rows].sort((a, b) => {
      const x = col.sortValue(a);
      const y = col.sortValue(b);
      if (x === y) return 0;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * sign;
    });
  }, [rows, columns, sort]);

  const toggle = (key: string) =>
    setSort((s) => (s?.key === key ? { key, dir: s.dir === 'desc' ? 'asc' : 'desc' } : { key, dir: key === columns[0]?.key ? 'asc' : 'desc' }));

  return (
    <div className="table-wrap">
      <table className="analytics-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const dir = sort?.key === c.key ? sort.dir : null;
              return (
                <th key={c.key} scope="col" aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}>
                  <button type="button" className="sort-button" onClick={() => toggle(c.key)} title={t('analytics.sortBy', { column: c.title })}>
                    {c.title}
                    <span aria-hidden="true">{dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : ''}</span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={rowKey(r)}>
              {columns.map((c) =>
                c.header ? (
                  <th key={c.key} scope="row">
                    {c.cell(r)}
                  </th>
                ) : (
                  <td key={c.key}>{c.cell(r)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
