import * as echarts from 'echarts';
import { Resvg } from '@resvg/resvg-js';
import type { VolumePoint } from './contracts';

/** Vietnamese labels and the palette used in the web dashboards, so briefs and screens look the same. */
export const sentimentColors = { positive: '#2f9e44', neutral: '#868e96', negative: '#e03131', unknown: '#ced4da' } as const;
export const sentimentLabels = {
  positive: 'Tích cực',
  neutral: 'Trung lập',
  negative: 'Tiêu cực',
  unknown: 'Chưa phân loại',
} as const;

/** dd/mm for a bucket (hourly ISO instant or YYYY-MM-DD Vietnam day), in Asia/Ho_Chi_Minh. */
function bucketLabel(bucket: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(bucket)) return `${bucket.slice(8, 10)}/${bucket.slice(5, 7)}`;
  const local = new Date(new Date(bucket).getTime() + 7 * 3_600_000);
  return `${String(local.getUTCDate()).padStart(2, '0')}/${String(local.getUTCMonth() + 1).padStart(2, '0')} ${String(local.getUTCHours()).padStart(2, '0')}h`;
}

function renderSvg(option: echarts.EChartsOption, width: number, height: number): string {
  // Server-side rendering: no DOM; ECharts writes an SVG string.
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: { fontFamily: 'DejaVu Sans, Liberation Sans, sans-serif' }, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/** Rasterises an SVG to PNG with resvg (system fonts: DejaVu / Liberation carry Vietnamese glyphs). */
export function svgToPng(svg: string, width: number): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}

/** Volume stacked by sentiment, as SVG. */
export function volumeChartSvg(
  points: readonly VolumePoint[],
  { width = 900, height = 380, title = 'Số lượng đề cập theo sắc thái' } = {},
): string {
  const keys = ['negative', 'neutral', 'positive', 'unknown'] as const;
  return renderSvg(
    {
      title: { text: title, left: 'center', textStyle: { fontSize: 18 } },
      legend: { bottom: 0, textStyle: { fontSize: 14 } },
      grid: { left: 50, right: 20, top: 50, bottom: 60 },
      xAxis: { type: 'category', data: points.map((p) => bucketLabel(p.bucket)), axisLabel: { fontSize: 12 } },
      yAxis: { type: 'value', axisLabel: { fontSize: 12 } },
      series: keys.map((key) => ({
        name: sentimentLabels[key],
        type: 'bar',
        stack: 'v',
        itemStyle: { color: sentimentColors[key] },
        data: points.map((p) => p[key]),
      })),
    },
    width,
    height,
  );
}

/** Horizontal bars (e.g. mentions per query), as SVG. */
export function barChartSvg(
  items: readonly { label: string; value: number }[],
  { width = 900, height = 380, title = '' } = {},
): string {
  const shown = items.slice(0, 10).reverse();
  return renderSvg(
    {
      title: { text: title, left: 'center', textStyle: { fontSize: 18 } },
      grid: { left: 220, right: 40, top: 50, bottom: 30 },
      xAxis: { type: 'value', axisLabel: { fontSize: 12 } },
      yAxis: {
        type: 'category',
        data: shown.map((i) => (i.label.length > 30 ? `${i.label.slice(0, 29)}…` : i.label)),
        axisLabel: { fontSize: 13 },
      },
      series: [
        {
          type: 'bar',
          data: shown.map((i) => i.value),
          itemStyle: { color: '#1971c2' },
          label: { show: true, position: 'right' },
        },
      ],
    },
    width,
    height,
  );
}
