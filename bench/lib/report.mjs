/** Turns the collected results of bench/run.mjs into the Markdown report (bench/out/results.md). */
import { median } from './children.mjs';

const MB = 1e6;

export function seconds(ms) {
  if (!Number.isFinite(ms)) return '—';
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

/** kB (as maxRSS and /proc counters are counted) to MB. */
function mb(kB) {
  return Number.isFinite(kB) ? `${((kB * 1024) / MB).toFixed(0)} MB` : '—';
}

function rate(bytes, ms) {
  return Number.isFinite(ms) && ms > 0 ? `${(bytes / MB / (ms / 1000)).toFixed(0)} MB/s` : '—';
}

function ratio(ours, ref) {
  return Number.isFinite(ours) && Number.isFinite(ref) && ref > 0 ? ours / ref : NaN;
}

function x(value, digits = 2) {
  return Number.isFinite(value) ? `${value.toFixed(digits)}x` : '—';
}

const ok = (runs) => runs.filter((r) => !r.error);
const firstError = (runs) => runs.find((r) => r.error)?.error;
const med = (runs, key) => median(ok(runs).map((r) => r[key]));

/** Median time, peak and the increase over the process's own baseline (kB), of a list of child results. */
function summary(runs, key) {
  const good = ok(runs);
  return {
    ms: med(runs, key),
    peakKB: median(good.map((r) => r.maxRssKB)),
    addedKB: median(good.map((r) => r.maxRssKB - r.baseRssKB)),
    n: good.length,
    error: good.length ? null : (firstError(runs) ?? 'no run'),
  };
}

function memoryCell(s, fileBytes) {
  if (s.error || !Number.isFinite(s.peakKB)) return '—';
  return `${mb(s.peakKB)} (+${mb(s.addedKB)}, ${x((s.addedKB * 1024) / fileBytes, 1)} file)`;
}

function oursCell(s, fileBytes, withRate) {
  if (s.error) return `failed: ${s.error}`;
  return withRate ? `${seconds(s.ms)} (${rate(fileBytes, s.ms)})` : seconds(s.ms);
}

function refCell(label, s, fileBytes, withRate, skipped) {
  if (skipped) return `${label}: skipped (--skip-python)`;
  if (s.error) return `${label}: failed: ${s.error}`;
  return `${label}: ${withRate ? `${seconds(s.ms)} (${rate(fileBytes, s.ms)})` : seconds(s.ms)}, ${mb(s.peakKB)} peak`;
}

function verdict(checks) {
  const failed = checks.filter((c) => c.pass === false);
  const unknown = checks.filter((c) => c.pass === null);
  if (failed.length) return `**no**: ${failed.map((c) => c.why).join('; ')}${unknown.length ? ` (${unknown.map((c) => c.why).join('; ')})` : ''}`;
  if (unknown.length) return `n/a: ${unknown.map((c) => c.why).join('; ')}`;
  return `yes: ${checks.map((c) => c.why).join('; ')}`;
}

function timeVsRef(ours, ref) {
  const r = ratio(ours, ref);
  return Number.isFinite(r) ? { pass: r <= 1, why: `${x(r)} pandas time` } : { pass: null, why: 'no reference time' };
}

function memVsFile(addedKB, fileBytes) {
  const m = (addedKB * 1024) / fileBytes;
  return Number.isFinite(m) ? { pass: m <= 3, why: `${x(m, 1)} file size` } : { pass: null, why: 'no memory figure' };
}

function under(ms, limitMs, what) {
  return Number.isFinite(ms) ? { pass: ms < limitMs, why: `${seconds(ms)} ${ms < limitMs ? '<' : '≥'} ${seconds(limitMs)}${what}` } : { pass: null, why: 'not measured' };
}

function stageRows(r) {
  const file = r.dataset.bytes;
  const skipPy = r.options.skipPython;
  const oi = summary(r.node.ingest, 'ingestMs');
  const op = summary(r.node.profile, 'profileMs');
  const pi = summary(r.pandas.ingest, 'ingestMs');
  const pp = summary(r.pandas.profile, 'profileMs');
  const rows = [];
  rows.push([
    'Ingest, Node: `readCsv` (read bytes + parse to typed columns)',
    oursCell(oi, file, true),
    refCell('pandas `read_csv`', pi, file, true, skipPy),
    x(ratio(oi.ms, pi.ms)),
    memoryCell(oi, file),
    '≤ pandas time; added memory ≤ 3x file',
    oi.error ? '—' : verdict([timeVsRef(oi.ms, pi.ms), memVsFile(oi.addedKB, file)]),
  ]);
  const oneThread = summary(r.node.profile, 'profileOneThreadMs');
  rows.push([
    `Profile, Node: the CLI's profile on ${r.node.profile.find((p) => p.profileThreads)?.profileThreads ?? 1} threads (after parsing)${oneThread.error || !Number.isFinite(oneThread.ms) ? '' : `; \`profileTable\` on one thread: ${seconds(oneThread.ms)}`}`,
    oursCell(op, file, false),
    refCell('pandas `describe()` + `corr()`', pp, file, false, skipPy),
    x(ratio(op.ms, pp.ms)),
    memoryCell(op, file),
    '< 2 s after parsing',
    op.error ? '—' : verdict([under(op.ms, 2000, '')]),
  ]);
  const b = r.browser;
  if (b && !b.skipped) {
    const runs = b.runs;
    const good = ok(runs);
    if (!good.length) {
      rows.push(['Browser (ingest + profile)', `failed: ${firstError(runs)}`, '', '', '', '', '—']);
    } else {
      const bi = med(runs, 'ingestMs');
      const bp = med(runs, 'profileMs');
      // The ingest row's memory is the peak up to the end of ingest (older results have only the window's peak).
      const ingestPeak = (g) => g.ingestPeakResidentKB ?? g.peakResidentKB;
      const peak = median(good.map(ingestPeak));
      const added = median(good.map((g) => ingestPeak(g) - g.baselineResidentKB));
      const windowAdded = median(good.map((g) => g.peakResidentKB - g.baselineResidentKB));
      const longest = Math.max(...good.map((g) => g.longestTaskMs));
      const counts = good.map((g) => g.longTasks);
      const threads = [...new Set(good.map((g) => g.ingestThreads).filter((t) => t != null))];
      rows.push([
        `Ingest, browser: measure \`ingest\` (${threads.length ? `${threads.join(' or ')} reading thread${threads.join() === '1' ? '' : 's'}` : 'worker'}; file picked → table painted)`,
        `${seconds(bi)} (${rate(file, bi)})`,
        refCell('pandas `read_csv`', pi, file, true, skipPy),
        x(ratio(bi, pi.ms)),
        `${mb(peak)} Chromium resident (+${mb(added)} over idle page, ${x((added * 1024) / file, 1)} file)`,
        '≤ pandas time; added memory ≤ 3x file',
        verdict([timeVsRef(bi, pi.ms), memVsFile(added, file)]),
      ]);
      rows.push([
        'Profile, browser: measure `profile` (worker → profile painted)',
        seconds(bp),
        refCell('pandas `describe()` + `corr()`', pp, file, false, skipPy),
        x(ratio(bp, pp.ms)),
        `+${mb(windowAdded)} over idle page at the peak of ingest + profile`,
        '< 2 s after parsing',
        verdict([under(bp, 2000, '')]),
      ]);
      rows.push([
        'Main thread during browser ingest + profile (`longtask` observer)',
        longest > 0 ? `longest task ${seconds(longest)}; tasks > 50 ms per run: ${counts.join(', ')}` : `no task over 50 ms in ${good.length} run${good.length > 1 ? 's' : ''}`,
        '—',
        '—',
        '—',
        'no task over 50 ms',
        longest > 50 ? `**no**: longest ${seconds(longest)}` : 'yes',
      ]);
      const loads = good.filter((g) => g.firstLoad);
      if (loads.length) {
        const interactive = median(loads.map((g) => g.firstLoad.interactiveMs));
        rows.push([
          'First load of the production build, loopback, fresh profile: interactive (latest of first contentful paint, the upload control, the end of the last task over 50 ms before 5 s without one)',
          `${seconds(interactive)} (runs ${loads.map((g) => seconds(g.firstLoad.interactiveMs)).join(', ')}; first contentful paint ${seconds(median(loads.map((g) => g.firstLoad.fcpMs)))})`,
          '—',
          '—',
          '—',
          '< 1 s',
          verdict([under(interactive, 1000, '')]),
        ]);
      }
    }
  }
  rows.push(...predictRows(r));
  return rows;
}

/** Rows of bench/predict.bench.ts (its --json numbers), on the same file. */
function predictRows(r) {
  const p = r.predict;
  if (!p || p.status === 'absent' || p.status === 'skipped') return [];
  if (!p.results) return [['Predict (bench/predict.bench.ts)', `failed: ${p.line ?? 'no numbers'}`, '', '', '', '', '—']];
  const { rows, bytes, inprocess: ip, cli, rest, sklearn: sk } = p.results;
  const rps = (v) => (Number.isFinite(v) ? `${Math.round(v).toLocaleString('en-US')} rows/s` : '—');
  const rowRate = (ms) => rps(rows / (ms / 1000));
  const memory = (m) => memoryCell({ peakKB: m.maxRssKB, addedKB: m.maxRssKB - m.baseRssKB }, bytes);
  const ref = (ms, what) =>
    sk.skipped ? 'scikit-learn: skipped (--skip-python)' : sk.error ? `scikit-learn: failed: ${sk.error}` : `scikit-learn ${what}: ${seconds(ms)} (${rowRate(ms)}), ${mb(sk.maxRssKB)} peak`;
  const target = 'reported (no target)';
  const out = [
    [
      `Predict, Node in process: \`bundle.predict(table)\` of a ${p.results.model.trees}-tree ${p.results.model.kind} bundle (table read before)`,
      `${seconds(ip.medianMs)} (${rps(ip.rowsPerS)})`,
      `${ref(sk.predictMedianMs, `\`predict_proba\` (${sk.threads ?? '?'} threads)`)}${sk.predict1ThreadMedianMs ? `; 1 thread ${rowRate(sk.predict1ThreadMedianMs)}` : ''}`,
      x(ratio(ip.medianMs, sk.predictMedianMs)),
      memory(ip),
      target,
      '—',
    ],
  ];
  out.push(
    cli.error
      ? ['Predict, CLI `predict`', `failed: ${cli.error}`, '', '', '', target, '—']
      : [
          'Predict, CLI `predict` (CSV in → CSV out, streamed; fresh process)',
          `${seconds(cli.cliMs)} (${rps(cli.rowsPerS)}); ${seconds(cli.wallMs)} with Node + tsx start-up (${rps(cli.wallRowsPerS)})`,
          ref(sk.endToEndMs, '`read_csv` + `predict_proba` + `to_csv`'),
          x(ratio(cli.cliMs, sk.endToEndMs)),
          memory(cli),
          target,
          '—',
        ],
  );
  if (rest.error) out.push(['Predict, REST `POST /predict`', `failed: ${rest.error}`, '', '', '', target, '—']);
  else {
    for (const run of rest.runs) {
      out.push([
        `Predict, REST \`POST /predict\` (server in its own process), ${p.results.batch.toLocaleString('en-US')} rows a request, concurrency ${run.concurrency}`,
        `${rps(run.rowsPerS)} over ${run.requests} requests; per request p50 ${seconds(run.p50Ms)}, p95 ${seconds(run.p95Ms)}`,
        '— (none; in process above)',
        '—',
        `server ${mb(rest.server.maxRssKB)} (+${mb(rest.server.maxRssKB - rest.server.baseRssKB)})`,
        target,
        '—',
      ]);
    }
  }
  return out;
}

function table(header, rows) {
  const esc = (cell) => String(cell).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.map(esc).join(' | ')} |`)].join('\n');
}

function scalingRows(r) {
  return r.scaling.map((s) => {
    const size = `${(s.bytes / MB).toFixed(1)} MB`;
    if (s.unsupported) return [s.rows.toLocaleString('en-US'), size, `not supported: ${s.unsupported}`, '—', '—', '—', '—', '—'];
    const o = summary(s.ours, 'ingestMs');
    const p = summary(s.pandas, 'ingestMs');
    const perMB = o.ms / (s.bytes / MB);
    return [
      `${s.rows.toLocaleString('en-US')}${s.reused ? ' (the Stages runs)' : ''}`,
      size,
      o.error ? `failed: ${o.error}` : seconds(o.ms),
      rate(s.bytes, o.ms),
      Number.isFinite(perMB) ? `${perMB.toFixed(1)} ms` : '—',
      memoryCell(o, s.bytes),
      r.options.skipPython ? 'skipped' : p.error ? `failed: ${p.error}` : `${seconds(p.ms)} (${rate(s.bytes, p.ms)})`,
      x(ratio(o.ms, p.ms)),
    ];
  });
}

function machineLines(m, browserVersion) {
  return [
    `- CPU: ${m.cpu}, ${m.cores} cores; RAM ${m.ramGiB.toFixed(1)} GiB; ${m.os}`,
    m.python ? `- Node ${m.node}; ${m.python}; pandas ${m.pandas ?? '—'} (numpy ${m.numpy ?? '—'})` : `- Node ${m.node}; Python and pandas not used (--skip-python)`,
    `- Chromium ${browserVersion ?? m.chromium ?? '—'} (headless, same flags as e2e/harness.ts)`,
  ];
}

export function renderReport(r) {
  const d = r.dataset;
  const browserVersion = r.browser?.runs?.find((b) => b.chromium)?.chromium;
  const lines = [
    '# Benchmark results',
    '',
    `Date: ${r.date} · total run time ${seconds(r.totalMs)} · command: \`${r.command}\``,
    '',
    ...machineLines(r.machine, browserVersion),
    ...(r.code ? [`- Code: commit ${r.code.commit}${r.code.changedInSrc ? ` + ${r.code.changedInSrc} uncommitted change(s) under src/ (the working tree was measured)` : ''}`] : []),
    `- Load average (1 min) at start / end: ${r.machine.loadAtStart.toFixed(2)} / ${r.machine.loadAtEnd.toFixed(2)}${r.distBuiltAt && r.browser && !r.browser.skipped ? `; browser stage ran the build in dist/ made ${r.distBuiltAt}` : ''}`,
    '',
    `Dataset: \`${d.relPath}\`: ${d.rows.toLocaleString('en-US')} rows x ${d.columns} columns (12 float, 4 int, 3 categorical, 1 label; 5% missing in f03, f07, i2), ${(d.bytes / MB).toFixed(1)} MB, seed ${d.seed}, sha256 \`${d.sha256.slice(0, 16)}…\`.`,
    '',
    `Every number is the **median of ${r.options.repeats === 1 ? 'a single run' : `${r.options.repeats} runs`}**, each run a fresh process (Node, Python or Chromium), ours and the reference interleaved on the same file, which is in the page cache for all of them. Compare ours with the reference **within this run** (the Ratio column); absolute times drift between runs and machines.`,
    '',
    `## Stages (${d.rows.toLocaleString('en-US')} rows, ${(d.bytes / MB).toFixed(1)} MB)`,
    '',
    table(['Stage', 'Ours', 'Reference', 'Ratio (ours/ref)', 'Peak memory', 'Target', 'Met?'], stageRows(r)),
    '',
    'Peak memory: Node and Python rows give the process peak resident memory (maxRSS) and, in brackets, the increase over the process before it read the file (runtime, loader and libraries excluded), as a multiple of the file size; the memory target is judged on that increase. Profile rows include the parse that precedes them. Browser: sum of resident anonymous and shared-memory pages (RssAnon + RssShmem) over all Chromium processes, sampled every 100 ms, and the increase over the idle page (PSS was used until 2026-11-29, but reading it took half a core).',
    '',
  ];
  if (r.scaling.length) {
    lines.push(
      '## Scaling: ingest with `readCsv` in Node',
      '',
      table(['Rows', 'File', 'Ours (median)', 'Throughput', 'Time per MB', 'Peak memory', 'pandas `read_csv`', 'Ratio'], scalingRows(r)),
      '',
      'Cost grows linearly when the time per MB and the memory multiple stay flat as the file grows (the smallest files also pay start-up and JIT warm-up).',
      '',
    );
  }
  if (r.streaming && !r.streaming.skipped) lines.push(...streamingSection(r), '');
  if (r.browser && !r.browser.skipped) {
    lines.push('## Browser runs', '', table(['Run', 'ingest', 'profile', 'pick → rows shown', 'tasks > 50 ms', 'longest', 'at page load (excluded)', 'Chromium resident idle → peak of ingest → peak of ingest + profile', 'cross-origin isolated'], r.browser.runs.map((b, i) =>
      b.error
        ? [i + 1, `failed: ${b.error}`, '', '', '', '', '', '', '']
        : [i + 1, seconds(b.ingestMs), seconds(b.profileMs), seconds(b.rowsVisibleMs), b.longTasks, seconds(b.longestTaskMs), `${b.longTasksAtLoad} (longest ${seconds(b.longestTaskAtLoadMs)})`, `${mb(b.baselineResidentKB)} → ${b.ingestPeakResidentKB ? `${mb(b.ingestPeakResidentKB)} → ` : ''}${mb(b.peakResidentKB)}`, String(b.crossOriginIsolated)],
    )), '');
  }
  if (r.predict) lines.push(...scriptSection('Prediction throughput', 'predict', r.predict), '');
  lines.push(...scriptSection('GBDT', 'gbdt', r.gbdt));
  lines.push('', ...scriptSection('Neural network epochs', 'mlp', r.mlp));
  lines.push('', '## Every run', '', table(['Measurement', 'Runs (ms)', 'Peak maxRSS (MB)'], rawRows(r)), '');
  if (r.notes.length) lines.push('## Notes', '', ...r.notes.map((n) => `- ${n}`), '');
  return lines.join('\n');
}

/** The streamed sample of a file too big to read whole: ours in Node and in the page, pandas skipping rows as the reference. */
function streamingSection(r) {
  const st = r.streaming;
  const lines = ['## Streaming: a random sample of a file too big to read whole', ''];
  if (st.unsupported) return [...lines, `Not run: ${st.unsupported}.`];
  const file = `\`${st.relPath}\` (${(st.bytes / 1e9).toFixed(2)} GB, ${st.fileRows.toLocaleString('en-US')} rows)`;
  const ref = summary(st.pandas, 'sampleMs');
  const refCell = r.options.skipPython ? '—' : ref.error ? `failed: ${ref.error}` : seconds(ref.ms);
  const node = summary(st.ours, 'sampleMs');
  const rows = [
    ['Node (CLI `--sample-rows`)', node.error ? `failed: ${node.error}` : seconds(node.ms), rate(st.bytes, node.ms), memoryCell(node, st.bytes), refCell, x(ratio(node.ms, ref.ms))],
  ];
  if (st.browser.length) {
    const good = ok(st.browser);
    const ms = med(st.browser, 'ingestMs');
    const added = median(good.map((b) => b.peakResidentKB - b.baselineResidentKB));
    rows.push([
      'Browser ("Import a random sample")',
      good.length ? `${seconds(ms)} (${good[0].rows.toLocaleString('en-US')} rows kept)` : `failed: ${firstError(st.browser)}`,
      rate(st.bytes, ms),
      good.length ? `${mb(median(good.map((b) => b.peakResidentKB)))} (+${mb(added)}, ${x((added * 1024) / st.bytes, 2)} file)` : '—',
      refCell,
      x(ratio(ms, ref.ms)),
    ]);
  }
  lines.push(
    `File: ${file}; sample: ${st.sampleRows.toLocaleString('en-US')} rows (ours: exactly that many, seeded reservoir; pandas: each row kept with probability ${(st.sampleRows / st.fileRows).toFixed(4)}, seeded).`,
    '',
    table(['Where', 'Ours (median)', 'Throughput', 'Peak memory', 'pandas `read_csv(skiprows=…)`', 'Ratio'], rows),
    '',
    'Reading this file whole would take about 3x its size in memory (the ingest rows above); the streamed sample holds only the sample. The page refuses files over 1.5 GB whole and offers this instead.',
  );
  return lines;
}

/** The section of a self-contained bench/<file>.bench.ts: its output copied verbatim, or why it is missing. */
function scriptSection(title, file, result) {
  const lines = [`## ${title} (bench/${file}.bench.ts)`, ''];
  if (!result || result.status === 'absent') lines.push(`Not run: bench/${file}.bench.ts does not exist.`);
  else if (result.status === 'skipped') lines.push(`Skipped (--skip-${file}).`);
  else if (result.status === 'failed') lines.push(`Failed: ${result.line}`, '', ...(result.output ? ['Output before the failure:', '', result.output] : []));
  else lines.push(`Run with \`${result.command}\` in ${seconds(result.ms)}; its output, verbatim:`, '', result.output);
  return lines;
}

function rawRows(r) {
  const row = (name, runs, key) => [
    name,
    runs.map((x) => (x.error ? `error: ${x.error}` : x[key].toFixed(0))).join(', '),
    runs.map((x) => (x.error ? '—' : ((x.maxRssKB * 1024) / MB).toFixed(0))).join(', '),
  ];
  const rows = [
    row('ours ingest (readCsv)', r.node.ingest, 'ingestMs'),
    row('ours profile (CLI: profileInParallel)', r.node.profile, 'profileMs'),
    row('ours profile, one thread (profileTable)', r.node.profile, 'profileOneThreadMs'),
  ];
  if (!r.options.skipPython) rows.push(row('pandas read_csv', r.pandas.ingest, 'ingestMs'), row('pandas describe+corr', r.pandas.profile, 'profileMs'));
  if (r.streaming && !r.streaming.skipped && !r.streaming.unsupported) {
    rows.push(row('ours streamed sample (Node)', r.streaming.ours, 'sampleMs'));
    if (!r.options.skipPython) rows.push(row('pandas sample (skiprows)', r.streaming.pandas, 'sampleMs'));
  }
  for (const s of r.scaling) {
    if (s.reused || s.unsupported) continue;
    rows.push(row(`scaling ${s.rows} ours`, s.ours, 'ingestMs'));
    if (!r.options.skipPython) rows.push(row(`scaling ${s.rows} pandas`, s.pandas, 'ingestMs'));
  }
  return rows;
}
