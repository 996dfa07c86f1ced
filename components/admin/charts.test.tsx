import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BarTable, TimeChart } from './charts';

const days = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);
const chart = (values: number[]) =>
  render(
    <TimeChart
      id="tokens"
      title="Tokens per day"
      description="Tokens each day."
      days={days}
      kind="line"
      series={[{ label: 'Input', color: '#0d9488', values }]}
      format={String}
    />,
  ).container;

describe('admin charts', () => {
  it('draw one day of data as a bar, not a line rising from zero (review D34)', () => {
    const single = chart(days.map((_, i) => (i === 29 ? 120 : 0)));
    expect(single.querySelector('polyline')).toBeNull();
    expect(single.querySelectorAll('rect')).toHaveLength(1);

    const two = chart(days.map((_, i) => (i >= 28 ? 120 : 0)));
    expect(two.querySelector('polyline')).not.toBeNull();
  });

  it('give a long model name its whole text, wrapping rather than truncating', () => {
    const { container } = render(
      <BarTable
        title="By model"
        valueLabel="Cost"
        format={String}
        rows={[{ key: 'm', label: 'offline/hearth-demo', value: 1, detail: '29 replies' }]}
      />,
    );
    const name = container.querySelector('th[scope="row"]')!;
    expect(name.textContent).toBe('offline/hearth-demo');
    expect(name.className).not.toMatch(/truncate/);
  });
});
