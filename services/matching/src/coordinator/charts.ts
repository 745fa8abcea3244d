// Bar charts for the round report, as data for an inline SVG template: a histogram of the
// proposals' scores and the mentors' load. Pure arithmetic; the template draws them with a
// <title> and <desc> (role="img"), every bar carries its number as text (no meaning in colour
// alone), and the same figures go into a table beside the chart for anyone who prefers to read.

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Where the bar's number and its category label go. */
  centre: number;
  valueY: number;
  label: string;
  value: number;
}

export interface BarChart {
  id: string;
  title: string;
  desc: string;
  width: number;
  height: number;
  bars: Bar[];
  /** The baseline and the left axis. */
  baseline: number;
  left: number;
  right: number;
  top: number;
  ticks: { y: number; label: string }[];
  labelY: number;
  xTitle: string;
  xTitleX: number;
  xTitleY: number;
  yTitle: string;
  table: { caption: string; columns: [string, string]; rows: { label: string; value: number }[] };
}

const WIDTH = 640;
const HEIGHT = 300;
const MARGIN = { top: 24, right: 16, bottom: 64, left: 56 };

/** A "nice" top for the y axis and its tick step (1, 2, 5 × 10ⁿ). */
function scale(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 1, step: 1 };
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  const wholeStep = Math.max(1, Math.round(step));
  return { top: Math.ceil(max / wholeStep) * wholeStep, step: wholeStep };
}

export function barChart(input: {
  id: string;
  title: string;
  desc: string;
  xTitle: string;
  yTitle: string;
  columns: [string, string];
  data: { label: string; value: number }[];
}): BarChart {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const baseline = MARGIN.top + plotHeight;
  const { top, step } = scale(Math.max(0, ...input.data.map((d) => d.value)));
  const slot = plotWidth / Math.max(1, input.data.length);
  const barWidth = Math.max(4, slot * 0.7);
  const round = (n: number) => Math.round(n * 10) / 10;
  const bars = input.data.map((d, i) => {
    const height = (d.value / top) * plotHeight;
    const x = MARGIN.left + i * slot + (slot - barWidth) / 2;
    return {
      x: round(x),
      y: round(baseline - height),
      width: round(barWidth),
      height: round(height),
      centre: round(x + barWidth / 2),
      valueY: round(baseline - height - 6),
      label: d.label,
      value: d.value,
    };
  });
  const ticks = [];
  for (let v = 0; v <= top; v += step) {
    ticks.push({ y: round(baseline - (v / top) * plotHeight), label: String(v) });
  }
  return {
    id: input.id,
    title: input.title,
    desc: input.desc,
    width: WIDTH,
    height: HEIGHT,
    bars,
    baseline,
    left: MARGIN.left,
    right: WIDTH - MARGIN.right,
    top: MARGIN.top,
    ticks,
    labelY: baseline + 20,
    xTitle: input.xTitle,
    xTitleX: MARGIN.left + plotWidth / 2,
    xTitleY: HEIGHT - 16,
    yTitle: input.yTitle,
    table: { caption: input.title, columns: input.columns, rows: input.data },
  };
}

/** Proposals by score, in bands of ten points (90–100 includes 100). */
export function scoreHistogram(scores: readonly number[]): BarChart {
  const counts = new Array<number>(10).fill(0);
  for (const score of scores) {
    const band = Math.min(9, Math.max(0, Math.floor(score / 10)));
    counts[band] = (counts[band] ?? 0) + 1;
  }
  const data = counts.map((value, band) => ({ label: `${band * 10}–${band * 10 + 10}`, value }));
  const busiest = data.reduce(
    (best, d) => (d.value > best.value ? d : best),
    data[0] ?? { label: '', value: 0 },
  );
  return barChart({
    id: 'score-chart',
    title: 'How well matched the pairs are: proposals by score',
    desc:
      scores.length === 0
        ? 'No pairs were proposed, so there are no scores to show.'
        : `A bar chart of ${scores.length} proposed pair${scores.length === 1 ? '' : 's'} by match score out of 100, in bands of ten points. The most pairs (${busiest.value}) score ${busiest.label}.`,
    xTitle: 'Match score (out of 100)',
    yTitle: 'Pairs',
    columns: ['Score', 'Pairs'],
    data,
  });
}

/** Mentors by how many mentees the round gives them (0 = none, though they had room). */
export function loadChart(proposals: readonly { mentorId: string }[], mentorsWithRoom: number): BarChart {
  const perMentor = new Map<string, number>();
  for (const p of proposals) perMentor.set(p.mentorId, (perMentor.get(p.mentorId) ?? 0) + 1);
  const max = Math.max(1, ...perMentor.values());
  const counts = new Array<number>(max + 1).fill(0);
  for (const load of perMentor.values()) counts[load] = (counts[load] ?? 0) + 1;
  counts[0] = Math.max(0, mentorsWithRoom - perMentor.size);
  const data = counts.map((value, load) => ({
    label: `${load} mentee${load === 1 ? '' : 's'}`,
    value,
  }));
  const used = perMentor.size;
  return barChart({
    id: 'load-chart',
    title: 'How the work is shared: mentors by number of mentees',
    desc: `A bar chart of ${mentorsWithRoom} mentor${mentorsWithRoom === 1 ? '' : 's'} with room by how many mentees this round gives each. ${used} get at least one; ${data.map((d) => `${d.value} get ${d.label}`).join(', ')}.`,
    xTitle: 'Mentees given to the mentor in this round',
    yTitle: 'Mentors',
    columns: ['Mentees given', 'Mentors'],
    data,
  });
}
