// Recharts (Plot.tsx) is most of a chart page's JavaScript, so it is loaded after the page, once,
// and a page that leads to charts (the upload page: a saved report opens its agency's charts)
// can load it ahead. Then the charts of a page draw one at a time, in the order they mounted (the
// top of the page first), a frame apart: the first chart is on screen before the others are laid
// out, instead of all of them appearing together after the slowest.
type PlotModule = typeof import("./Plot");

let loaded: PlotModule | null = null;
let loading: Promise<PlotModule> | null = null;

export function loadPlot(): Promise<PlotModule> {
  loading ??= import("./Plot").then(
    (m) => (loaded = m),
    (e) => {
      loading = null; // a failed chunk load (a deploy in between, the network): the next chart tries again
      throw e;
    },
  );
  return loading;
}

/** The Plot component once loaded (null before). */
export const loadedPlot = () => loaded?.default ?? null;

const waiting: (() => void)[] = [];
let pumping = false;

/** After the next paint (or at once in a hidden tab, which paints nothing). */
const nextFrame = () =>
  new Promise<void>((r) => (document.visibilityState === "hidden" ? setTimeout(r, 0) : requestAnimationFrame(() => setTimeout(r, 0))));

async function pump() {
  pumping = true;
  try {
    await loadPlot();
    while (waiting.length) {
      waiting.shift()!();
      if (waiting.length) await nextFrame();
    }
  } catch {
    // Plot did not load: the charts keep their placeholder and their data table; the next chart to mount tries again.
  } finally {
    pumping = false;
  }
}

/** Calls draw when this chart's turn comes (Plot loaded, the charts that asked before it drawn). Returns a cancel. */
export function drawTurn(draw: () => void): () => void {
  waiting.push(draw);
  if (!pumping) void pump();
  return () => {
    const i = waiting.indexOf(draw);
    if (i >= 0) waiting.splice(i, 1);
  };
}
