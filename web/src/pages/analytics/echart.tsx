import { useEffect, useRef } from 'react';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only what the reports draw, so the analytics chunk carries a fraction of the library.
echarts.use([LineChart, BarChart, HeatmapChart, GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, AriaComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;
export interface ChartClick {
  seriesIndex?: number;
  dataIndex: number;
  value?: unknown;
}

interface Props {
  option: ChartOption;
  /** What the chart shows, for screen readers (the table below carries the same figures). */
  label: string;
  height?: number;
  onClick?: (p: ChartClick) => void;
  testId?: string;
}

/** An ECharts chart that follows its box's size and is disposed with the component. */
export function EChart({ option, label, height = 280, onClick, testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = echarts.init(el, undefined, { renderer: 'svg' });
    chart.current = c;
    c.on('click', (p) => click.current?.(p as unknown as ChartClick));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true }, animation: false, ...option }, true);
  }, [option]);

  return <div ref={box} className="analytics-chart" role="img" aria-label={label} data-testid={testId} style={{ height }} />;
}
