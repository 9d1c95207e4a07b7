import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { metricFormat, type MetricFormat } from './metric-format.ts';

export type { MetricFormat };

export function useMetricFormat(): MetricFormat {
  const { i18n } = useTranslation();
  return useMemo(() => metricFormat(i18n.language), [i18n.language]);
}
