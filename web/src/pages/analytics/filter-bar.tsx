import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dimensions, resolutions } from '../../../../src/contracts/analytics.ts';
import { SelectField, TextField } from '../../components/fields.tsx';
import { filterKeys, rangeChoices, textFilters, type FilterKey, type FilterState } from './filters.ts';
import type { PickLists } from './pick-lists.ts';

interface Props {
  state: FilterState;
  onChange: (next: FilterState) => void;
  lists: PickLists;
  timeZone: string;
  /** Whether the report splits rows by a dimension (shows "group by"). */
  grouped: boolean;
}

const filterDimension: Record<FilterKey, (typeof dimensions)[number]> = {
  queueId: 'queue', channel: 'channel', teamId: 'team', agentId: 'agent', inboxId: 'inbox', tag: 'tag', intent: 'intent', segmentId: 'segment',
};

/** Period presets, resolution, group by, filters and compare; every change goes into the URL. */
export function FilterBar({ state, onChange, lists, timeZone, grouped }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState<Partial<Record<FilterKey, string>>>(() => Object.fromEntries(textFilters.map((k) => [k, state.filters[k] ?? ''])));
  const set = (patch: Partial<FilterState>) => onChange({ ...state, ...patch });
  const setFilter = (k: FilterKey, v: string) => set({ filters: { ...state.filters, [k]: v || undefined } });
  const any: [string, string] = ['', t('analytics.any')];

  return (
    <form className="analytics-filters" aria-label={t('analytics.filters')} onSubmit={(e) => { e.preventDefault(); set({ filters: { ...state.filters, ...Object.fromEntries(textFilters.map((k) => [k, text[k]?.trim() || undefined])) } }); }}>
      <fieldset className="analytics-range">
        <legend>{t('analytics.range')}</legend>
        <div className="segmented">
          {rangeChoices.map((r) => (
            <button key={r} type="button" aria-pressed={state.range === r} onClick={() => set({ range: r })}>
              {t(`analytics.presets.${r}`)}
            </button>
          ))}
        </div>
        {state.range === 'custom' && (
          <div className="form-row">
            <TextField label={t('analytics.from')} type="date" value={state.start} max={state.end || undefined} onChange={(e) => set({ start: e.target.value })} />
            <TextField label={t('analytics.to')} type="date" value={state.end} min={state.start || undefined} onChange={(e) => set({ end: e.target.value })} />
          </div>
        )}
        <p className="hint">{t('analytics.timeZoneNote', { tz: timeZone })}</p>
      </fieldset>
      <div className="form-row">
        <SelectField
          label={t('analytics.resolution')}
          value={state.resolution}
          onChange={(e) => set({ resolution: e.target.value as FilterState['resolution'] })}
          options={(['auto', ...resolutions] as const).map((r) => [r, t(`analytics.resolutions.${r}`)] as const)}
        />
        {grouped && (
          <SelectField
            label={t('analytics.groupBy')}
            value={state.groupBy}
            onChange={(e) => set({ groupBy: e.target.value as FilterState['groupBy'] })}
            options={[['', t('analytics.groupDefault')], ...dimensions.map((d) => [d, t(`analytics.dimensions.${d}`)] as const)]}
          />
        )}
        {filterKeys.filter((k) => !textFilters.includes(k)).map((k) => (
          <SelectField
            key={k}
            label={t(`analytics.dimensions.${filterDimension[k]}`)}
            value={state.filters[k] ?? ''}
            onChange={(e) => setFilter(k, e.target.value)}
            options={[any, ...(lists[k] ?? []), ...(state.filters[k] && !lists[k]?.some(([v]) => v === state.filters[k]) ? [[state.filters[k] as string, state.filters[k] as string] as const] : [])]}
          />
        ))}
        {textFilters.map((k) => (
          <TextField
            key={k}
            label={t(`analytics.dimensions.${filterDimension[k]}`)}
            type="search"
            value={text[k] ?? ''}
            hint={t('analytics.tagHint')}
            onChange={(e) => setText((prev) => ({ ...prev, [k]: e.target.value }))}
            onBlur={() => (text[k] ?? '').trim() !== (state.filters[k] ?? '') && setFilter(k, (text[k] ?? '').trim())}
          />
        ))}
      </div>
      <div className="actions">
        <label className="check">
          <input type="checkbox" checked={state.compare} onChange={(e) => set({ compare: e.target.checked })} />
          {t('analytics.compare')}
        </label>
        <button type="button" onClick={() => { setText({}); onChange({ ...state, range: 'last7', start: '', end: '', resolution: 'auto', groupBy: '', filters: {}, compare: false }); }}>
          {t('analytics.reset')}
        </button>
      </div>
    </form>
  );
}
