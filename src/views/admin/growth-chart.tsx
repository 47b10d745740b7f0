import type { GrowthKind } from '../../domain/entities.ts';
import { GROWTH_KINDS, type GrowthBucket } from '../../domain/growth.ts';
import type { Messages } from '../../i18n/index.ts';

// Drawn in the viewBox's units; the chart scales to its column, about one unit a pixel on a phone.
const WIDTH = 320;
const HEIGHT = 170;
const LEFT = 34;
const RIGHT = 6;
const TOP = 8;
const BOTTOM = 20;
const PLOT_W = WIDTH - LEFT - RIGHT;
const PLOT_H = HEIGHT - TOP - BOTTOM;

/** The smallest of 1, 2 or 5 times a power of ten that is at least `n`: the top of the scale. */
function scaleTop(n: number): number {
  if (n <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(n));
  return [1, 2, 5, 10].map((m) => m * power).find((top) => top >= n)!;
}

const total = (bucket: GrowthBucket) => GROWTH_KINDS.reduce((sum, kind) => sum + bucket[kind], 0);

/**
 * Each kind is filled with a pattern of its own (solid, stripes, dots, cross-hatch) in a colour of its
 * own, so the bars read without telling colours apart; the stylesheet gives the colours, for both
 * themes, each at least 3:1 against the background.
 */
function Patterns(props: { id: string }) {
  const cell = (kind: GrowthKind, marks: unknown) => (
    <pattern id={`${props.id}-${kind}`} width="6" height="6" patternUnits="userSpaceOnUse">
      <rect width="6" height="6" class={`fill-${kind}`} />
      {marks}
    </pattern>
  );
  return (
    <defs>
      {cell('confirmed', null)}
      {cell('pending', <path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" class="marks" stroke-width="1.6" />)}
      {cell('withdrawn', <circle cx="3" cy="3" r="1.4" class="dots" />)}
      {cell('hidden', <path d="M0,0 L6,6 M6,0 L0,6" class="marks" stroke-width="1.2" />)}
    </defs>
  );
}

/** A swatch of a kind's fill, for the legend: the pattern of the chart `id`. */
export function Swatch(props: { id: string; kind: GrowthKind }) {
  return (
    <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" focusable="false">
      <rect x="0.5" y="0.5" width="17" height="17" fill={`url(#${props.id}-${props.kind})`} class="swatch" />
    </svg>
  );
}

/**
 * Stacked bars of signatures per hour or day, by what became of them: an image with a title and a
 * description that says its totals; the table beside it (GrowthTable) holds every figure.
 */
export function GrowthChart(props: { id: string; title: string; buckets: GrowthBucket[]; label: (bucket: GrowthBucket, index: number) => string | undefined; description: string }) {
  const { id, buckets } = props;
  const top = scaleTop(Math.max(0, ...buckets.map(total)));
  const slot = PLOT_W / Math.max(1, buckets.length);
  const barWidth = slot >= 3 ? slot * 0.8 : slot;
  const y = (n: number) => TOP + PLOT_H - (n / top) * PLOT_H;
  return (
    <svg class="growth-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
      <title id={`${id}-title`}>{props.title}</title>
      <desc id={`${id}-desc`}>{props.description}</desc>
      <Patterns id={id} />
      {[0, top / 2, top].map((tick) => (
        <g class="axis">
          <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(tick)} y2={y(tick)} />
          <text x={LEFT - 4} y={y(tick) + 4} text-anchor="end">
            {Number.isInteger(tick) ? tick : ''}
          </text>
        </g>
      ))}
      {buckets.map((bucket, i) => {
        const x = LEFT + i * slot + (slot - barWidth) / 2;
        let base = 0;
        const label = props.label(bucket, i);
        return (
          <g>
            {GROWTH_KINDS.filter((kind) => bucket[kind] > 0).map((kind) => {
              const from = base;
              base += bucket[kind];
              return <rect x={x} y={y(base)} width={barWidth} height={y(from) - y(base)} fill={`url(#${id}-${kind})`} class="bar" />;
            })}
            {label && (
              <g class="axis">
                <line x1={x + barWidth / 2} x2={x + barWidth / 2} y1={TOP + PLOT_H} y2={TOP + PLOT_H + 3} />
                <text x={x + barWidth / 2} y={HEIGHT - 5} text-anchor={i === 0 ? 'start' : i === buckets.length - 1 ? 'end' : 'middle'}>
                  {label}
                </text>
              </g>
            )}
          </g>
        );
      })}
    </svg>
  );
}

/** The chart's figures, one row per hour or day, for screen readers and for anyone who wants the numbers. */
export function GrowthTable(props: { caption: string; heading: string; buckets: GrowthBucket[]; name: (bucket: GrowthBucket) => string; kinds: Record<GrowthKind, string> }) {
  return (
    <table class="growth-table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.heading}</th>
          {GROWTH_KINDS.map((kind) => (
            <th scope="col">{props.kinds[kind]}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.buckets.map((bucket) => (
          <tr>
            <th scope="row">{props.name(bucket)}</th>
            {GROWTH_KINDS.map((kind) => (
              <td>{bucket[kind]}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A sentence of a chart's totals, for its description, in the words of `m`. */
export function totalsSentence(buckets: GrowthBucket[], m: Messages['admin']['growth']): string {
  const sums = GROWTH_KINDS.map((kind) => [kind, buckets.reduce((sum, b) => sum + b[kind], 0)] as const);
  const all = sums.reduce((sum, [, n]) => sum + n, 0);
  return m.totals(all, sums.map(([kind, n]) => `${m.kinds[kind].toLowerCase()} ${n}`).join(', '));
}
