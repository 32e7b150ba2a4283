import { createCanvas } from '@napi-rs/canvas';

/**
 * A horizontal bar chart (PNG) for the DOCX report: one bar per option with its count. Drawn with the system's
 * serif font (Liberation Serif is metric-compatible with Times New Roman, the decree's font).
 */
export async function renderBarChart(
  bars: { label: string; value: number }[],
): Promise<{ data: Buffer; widthPx: number; heightPx: number }> {
  const widthPx = 620;
  const rowHeight = 30;
  const heightPx = 16 + bars.length * rowHeight;
  const labelWidth = 300;
  const canvas = createCanvas(widthPx, heightPx);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, widthPx, heightPx);
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const barSpace = widthPx - labelWidth - 60;
  context.font = '15px "Liberation Serif", "DejaVu Serif", serif';
  context.textBaseline = 'middle';
  bars.forEach((bar, index) => {
    const y = 8 + index * rowHeight;
    let label = bar.label;
    // Long option labels are cut to the label column, with an ellipsis.
    while (label.length > 3 && context.measureText(label).width > labelWidth - 12) label = label.slice(0, -1);
    if (label !== bar.label) label = `${label.slice(0, -1)}…`;
    context.fillStyle = '#000000';
    context.textAlign = 'right';
    context.fillText(label, labelWidth - 8, y + rowHeight / 2 - 2);
    const width = Math.round((bar.value / max) * barSpace);
    context.fillStyle = '#1f4e8c';
    context.fillRect(labelWidth, y + 4, Math.max(width, 1), rowHeight - 12);
    context.fillStyle = '#000000';
    context.textAlign = 'left';
    context.fillText(String(bar.value), labelWidth + width + 6, y + rowHeight / 2 - 2);
  });
  return { data: await canvas.encode('png'), widthPx, heightPx };
}
