// What every bench section returns: rows of the table `npm run bench` prints and saves as JSON.

export type Goal = { op: "<=" | ">="; value: number };

export type Measure = {
  /** Which section measured it, e.g. "parser", "import", "queries", "http", "bundle". */
  section: string;
  /** What was measured, in English, e.g. "agency page query p95". */
  measure: string;
  value: number;
  /** "reports/s", "ms", "s", "KB", "req/s", … */
  unit: string;
  goal?: Goal;
  /** Size or conditions the value was taken under, e.g. "1,000,000 reports, 200 runs". */
  note?: string;
};

export type BenchContext = {
  /** Reports in the database for the query benches (--scale, default small). */
  scale: number;
  /** --scale was given: the http section serves that generated database too (issue 20: pages at 1e6). */
  scaleGiven: boolean;
  /** Reports the import bench generates and imports (--import N, default 2,000; 10,000 is the full run). */
  importCount: number;
  /** A scratch directory for this run, removed at the end unless --keep. */
  workDir: string;
  /** Progress line on stderr (the table goes to stdout). */
  log: (line: string) => void;
};

export type BenchSection = {
  name: string;
  run: (ctx: BenchContext) => Promise<Measure[]>;
};

export const met = (m: Measure): boolean | undefined =>
  m.goal === undefined ? undefined : m.goal.op === "<=" ? m.value <= m.goal.value : m.value >= m.goal.value;
