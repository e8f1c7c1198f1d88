/** The report's styles (inside its shadow root, so host pages are not affected). System fonts only. */
export const REPORT_CSS = `
:host { --fg: #1b1f24; --bg: #fff; --muted: #57606a; --border: #d0d7de; --danger: #cf222e; --danger-bg: #fff5f5; --danger-border: #ff8182; --success: #1a7f37; --success-bg: #f0fff4; --success-badge: #dafbe1; --subtle: #f6f8fa; --subtle2: #eaeef2; --control-border: #8c959f; --accent: #0969da; --warn-bg: #fff8c5; --warn-border: #d4a72c; --warn-strong: #bf8700; --warn-fg: #9a6700; --warn-text: #7d4e00; --drop-bg: #f0f7ff; --info-bg: #ddf4ff; --info-border: #54aeff; --primary: #1f883d; --primary-border: #1a7f37; --focus: #0969da; color-scheme: light; }
@media (prefers-color-scheme: dark) {
  :host { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --border: #3d444d; --danger: #ff7b72; --danger-bg: #2a1417; --danger-border: #da3633; --success: #3fb950; --success-bg: #0f2418; --success-badge: #12301d; --subtle: #151b23; --subtle2: #212830; --control-border: #656c76; --accent: #58a6ff; --warn-bg: #2a2211; --warn-border: #9e6a03; --warn-strong: #d29922; --warn-fg: #e3b341; --warn-text: #e3b341; --drop-bg: #121d2f; --info-bg: #0c1d33; --info-border: #1f6feb; --primary: #238636; --primary-border: #2ea043; --focus: #58a6ff; color-scheme: dark; }
  /* Charts keep their light card: Plot draws axes in currentColor and marks in fixed colours. */
  figure.chart svg:not(.spark) { background: #fff; color: #1b1f24; border-radius: 6px; }
}
:host { display: block; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); max-width: 1060px; margin: 0 auto; padding: 1rem 1.25rem 3rem; box-sizing: border-box; }
:host([dragging]) { outline: 3px dashed var(--accent); outline-offset: -6px; background: var(--drop-bg); }
* { box-sizing: border-box; }
h1 { font-size: 1.45rem; margin: 0 0 .6rem; }
h2 { font-size: 1.2rem; margin: 0 0 .5rem; }
h3 { font-size: 1.02rem; margin: 1rem 0 .4rem; display: flex; gap: .6rem; align-items: center; flex-wrap: wrap; }
header { padding-bottom: .5rem; border-bottom: 1px solid var(--border); margin-bottom: 1rem; }
.toolbar { display: flex; gap: .6rem; align-items: center; flex-wrap: wrap; }
.controls { margin: .25rem 0 .75rem; }
.hint, .note, .intro { color: var(--muted); }
.note { font-size: .9rem; }
.intro { margin: 0 0 .6rem; max-width: 75ch; }
button { font: inherit; padding: .32rem .85rem; border: 1px solid var(--control-border); border-radius: 6px; background: var(--subtle); color: inherit; cursor: pointer; }
button:hover { background: var(--subtle2); }
button[disabled] { opacity: .6; cursor: progress; }
button.primary { background: var(--primary); border-color: var(--primary-border); color: #fff; }
input, select { font: inherit; padding: .2rem .35rem; border: 1px solid var(--control-border); border-radius: 5px; background: var(--bg); color: inherit; }
input[type=number] { width: 7em; }
.file-label { font-weight: 600; }
.status-line { display: flex; gap: 1rem; align-items: center; min-height: 1.6em; margin-top: .4rem; }
.source-filter { margin: .4rem 0 0; }
.source-filter[hidden] { display: none; }
#status { color: var(--muted); margin: 0; }
#status.error { color: var(--danger); font-weight: 600; }
progress { width: 220px; height: .8em; }
.panel { margin: 0 0 1.25rem; padding: 1rem 1.1rem; border: 1px solid var(--border); border-radius: 8px; }
/* A panel out of view is not styled, laid out or painted (a brush redraws every panel); it keeps its last size. */
.panel { content-visibility: auto; contain-intrinsic-size: auto 600px; }
.loading { color: var(--muted); font-style: italic; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1.2rem; margin: 0; }
dl.compact { margin-top: .75rem; font-size: .93rem; }
dt { color: var(--muted); }
dd { margin: 0; font-variant-numeric: tabular-nums; }
.warnings { color: var(--warn-text); background: var(--warn-bg); border: 1px solid var(--warn-border); border-radius: 6px; padding: .4rem .9rem; margin: .75rem 0 0; }
.warnings h3 { margin: .2rem 0; }
.warnings ul { margin: .2rem 0; padding-left: 1.2rem; }
ul.warnings { padding-left: 2rem; }
.ok { color: var(--success); margin: .6rem 0 0; }
.error { color: var(--danger); font-weight: 600; }
.local-changes { margin-top: .9rem; padding: .6rem .8rem; border: 1px solid var(--info-border); background: var(--info-bg); border-radius: 6px; }
.local-changes[hidden] { display: none; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { text-align: left; padding: .22rem .45rem; border-bottom: 1px solid var(--subtle2); vertical-align: middle; }
thead th { background: var(--subtle); font-weight: 600; white-space: nowrap; }
tbody th { font-weight: 500; min-width: 9rem; max-width: 22rem; overflow-wrap: break-word; }
.num { text-align: right; }
td[data-col=direction] { white-space: nowrap; }
figure.chart { margin: .25rem 0 .5rem; }
figure.chart svg { max-width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: .88rem; margin-top: .25rem; }
details.table-alt { margin: .4rem 0; }
details.table-alt summary { cursor: pointer; color: var(--accent); }
details.table-alt .scroll { max-height: 24rem; overflow: auto; margin-top: .4rem; }
.spark-wrap { display: inline-block; vertical-align: middle; }
.spark { display: block; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.summary-line { margin: 0 0 .5rem; }
ul.anomalies { margin: .2rem 0; padding-left: 1.3rem; }
.field { display: inline-flex; gap: .35rem; align-items: center; }
.ab-test { border-top: 1px solid var(--border); padding-top: .5rem; margin-top: .75rem; }
.ab-test:first-child { border-top: 0; margin-top: 0; padding-top: 0; }
.ab-grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 480px); gap: 1.25rem; align-items: start; margin-top: .75rem; }
.ab-test td, .ab-test th { white-space: nowrap; }
.ab-test td[data-col=test] { white-space: normal; }
@media (max-width: 900px) { .ab-grid { grid-template-columns: minmax(0, 1fr); } }
.test-name { overflow-wrap: anywhere; }
.badge { font-size: .75rem; font-weight: 600; padding: .05rem .5rem; border-radius: 999px; background: var(--subtle2); color: var(--muted); }
.badge.status-running { background: var(--success-badge); color: var(--success); }
.decision { padding: .45rem .7rem; border-radius: 6px; background: var(--subtle); border-left: 4px solid var(--control-border); margin: .5rem 0; }
.decision-ship_treatment { border-left-color: var(--success); background: var(--success-bg); }
.decision-keep_control { border-left-color: var(--warn-strong); }
.decision-check_assignment { border-left-color: var(--danger); background: var(--danger-bg); }
.srm-warning { color: var(--danger); font-weight: 600; background: var(--danger-bg); border: 1px solid var(--danger-border); border-radius: 6px; padding: .4rem .7rem; }
form.planner { margin-top: 1.25rem; padding-top: .5rem; border-top: 1px solid var(--border); }
.form-grid { display: flex; flex-wrap: wrap; gap: .5rem 1.2rem; margin-bottom: .6rem; }
.plan-answer { font-size: 1.05rem; }
.metrics-grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.25rem; }
@media (max-width: 900px) { .metrics-grid { grid-template-columns: minmax(0, 1fr); } }
.probability { font-size: 1.6rem; font-weight: 700; }
.disagrees { color: var(--warn-fg); font-weight: 600; }
.cache-value { color: var(--muted); font-weight: normal; }

a { color: var(--accent); }
[tabindex="-1"]:focus { outline: 2px solid var(--focus); outline-offset: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
nav.contents { margin: 0 0 1rem; }
nav.contents ol { display: flex; flex-wrap: wrap; gap: .3rem .5rem; list-style: none; margin: 0; padding: 0; }
nav.contents a { display: inline-block; padding: .2rem .6rem; border: 1px solid var(--border); border-radius: 999px; text-decoration: none; }
nav.contents a:hover { background: var(--subtle); }
ul.glance { margin: .3rem 0 .5rem; padding-left: 1.2rem; }
ul.glance li { margin: .2rem 0; }
ul.glance li[data-kind=decline]::marker, ul.glance li[data-kind=ab-srm]::marker, ul.glance li[data-kind=warning]::marker { color: var(--danger); }
.ab-test[aria-current] { outline: 2px solid var(--accent); outline-offset: 6px; border-radius: 4px; }
.brush-control { display: flex; gap: .6rem; align-items: center; flex-wrap: wrap; margin: .4rem 0; }
.brush-button { font: inherit; }
figure.chart svg rect.brush { fill: rgba(9, 105, 218, .14); stroke: #0969da; stroke-width: 1; }
figure[data-chart="hourly"] > svg[role="img"] { cursor: crosshair; user-select: none; -webkit-user-select: none; }
.ab-test[data-outside-selection] { border-left: 4px dashed var(--control-border); padding-left: .6rem; }
@media (prefers-reduced-motion: reduce) { *, *::before, *::after { animation: none !important; transition: none !important; scroll-behavior: auto !important; } }
@media print {
  :host { max-width: none; padding: 0; font-size: 11pt; --fg: #000; --bg: #fff; --muted: #333; --accent: #0550ae; color-scheme: light; }
  .toolbar, #progress, nav.contents, button, form.planner, .controls, .brush-control, .local-changes, .replay-test, .stop-test { display: none !important; }
  .panel { border: 0; border-radius: 0; padding: 0; margin: 0 0 1rem; }
  .panel + .panel { border-top: 1px solid #999; padding-top: .6rem; }
  :focus, :focus-visible, .ab-test[aria-current] { outline: none !important; }
  h2, h3, caption { break-after: avoid; }
  figure.chart, tr, .ab-grid > * { break-inside: avoid; }
  .scroll, details.table-alt .scroll { overflow: visible; max-height: none; }
  a { color: inherit; text-decoration: none; }
  figure.chart svg:not(.spark) { background: #fff; color: #000; }
}
`;
