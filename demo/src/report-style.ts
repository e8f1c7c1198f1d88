/** The report's styles (inside its shadow root, so host pages are not affected). System fonts only. */
export const REPORT_CSS = `
:host { display: block; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1f24; background: #fff; max-width: 1060px; margin: 0 auto; padding: 1rem 1.25rem 3rem; box-sizing: border-box; }
:host([dragging]) { outline: 3px dashed #0969da; outline-offset: -6px; background: #f0f7ff; }
* { box-sizing: border-box; }
h1 { font-size: 1.45rem; margin: 0 0 .6rem; }
h2 { font-size: 1.2rem; margin: 0 0 .5rem; }
h3 { font-size: 1.02rem; margin: 1rem 0 .4rem; display: flex; gap: .6rem; align-items: center; flex-wrap: wrap; }
header { padding-bottom: .5rem; border-bottom: 1px solid #d0d7de; margin-bottom: 1rem; }
.toolbar { display: flex; gap: .6rem; align-items: center; flex-wrap: wrap; }
.controls { margin: .25rem 0 .75rem; }
.hint, .note, .intro { color: #57606a; }
.note { font-size: .9rem; }
.intro { margin: 0 0 .6rem; max-width: 75ch; }
button { font: inherit; padding: .32rem .85rem; border: 1px solid #8c959f; border-radius: 6px; background: #f6f8fa; color: inherit; cursor: pointer; }
button:hover { background: #eaeef2; }
button[disabled] { opacity: .6; cursor: progress; }
button.primary { background: #1f883d; border-color: #1a7f37; color: #fff; }
input, select { font: inherit; padding: .2rem .35rem; border: 1px solid #8c959f; border-radius: 5px; background: #fff; color: inherit; }
input[type=number] { width: 7em; }
.file-label { font-weight: 600; }
button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
.status-line { display: flex; gap: 1rem; align-items: center; min-height: 1.6em; margin-top: .4rem; }
#status { color: #57606a; margin: 0; }
#status.error { color: #cf222e; font-weight: 600; }
progress { width: 220px; height: .8em; }
.panel { margin: 0 0 1.25rem; padding: 1rem 1.1rem; border: 1px solid #d0d7de; border-radius: 8px; }
.loading { color: #57606a; font-style: italic; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1.2rem; margin: 0; }
dl.compact { margin-top: .75rem; font-size: .93rem; }
dt { color: #57606a; }
dd { margin: 0; font-variant-numeric: tabular-nums; }
.warnings { color: #7d4e00; background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: .4rem .9rem; margin: .75rem 0 0; }
.warnings h3 { margin: .2rem 0; }
.warnings ul { margin: .2rem 0; padding-left: 1.2rem; }
ul.warnings { padding-left: 2rem; }
.ok { color: #1a7f37; margin: .6rem 0 0; }
.error { color: #cf222e; font-weight: 600; }
.local-changes { margin-top: .9rem; padding: .6rem .8rem; border: 1px solid #54aeff; background: #ddf4ff; border-radius: 6px; }
.local-changes[hidden] { display: none; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { text-align: left; padding: .22rem .45rem; border-bottom: 1px solid #eaeef2; vertical-align: middle; }
thead th { background: #f6f8fa; font-weight: 600; white-space: nowrap; }
tbody th { font-weight: 500; min-width: 9rem; max-width: 22rem; overflow-wrap: break-word; }
.num { text-align: right; }
td[data-col=direction] { white-space: nowrap; }
figure.chart { margin: .25rem 0 .5rem; }
figure.chart svg { max-width: 100%; height: auto; display: block; }
figcaption { color: #57606a; font-size: .88rem; margin-top: .25rem; }
details.table-alt { margin: .4rem 0; }
details.table-alt summary { cursor: pointer; color: #0969da; }
details.table-alt .scroll { max-height: 24rem; overflow: auto; margin-top: .4rem; }
.spark-wrap { display: inline-block; vertical-align: middle; }
.spark { display: block; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.summary-line { margin: 0 0 .5rem; }
ul.anomalies { margin: .2rem 0; padding-left: 1.3rem; }
.field { display: inline-flex; gap: .35rem; align-items: center; }
.ab-test { border-top: 1px solid #d0d7de; padding-top: .5rem; margin-top: .75rem; }
.ab-test:first-child { border-top: 0; margin-top: 0; padding-top: 0; }
.ab-grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 480px); gap: 1.25rem; align-items: start; margin-top: .75rem; }
.ab-test td, .ab-test th { white-space: nowrap; }
.ab-test td[data-col=test] { white-space: normal; }
@media (max-width: 900px) { .ab-grid { grid-template-columns: minmax(0, 1fr); } }
.test-name { overflow-wrap: anywhere; }
.badge { font-size: .75rem; font-weight: 600; padding: .05rem .5rem; border-radius: 999px; background: #eaeef2; color: #57606a; }
.badge.status-running { background: #dafbe1; color: #1a7f37; }
.decision { padding: .45rem .7rem; border-radius: 6px; background: #f6f8fa; border-left: 4px solid #8c959f; margin: .5rem 0; }
.decision-ship_treatment { border-left-color: #1a7f37; background: #f0fff4; }
.decision-keep_control { border-left-color: #bf8700; }
.decision-check_assignment { border-left-color: #cf222e; background: #fff5f5; }
.srm-warning { color: #cf222e; font-weight: 600; background: #fff5f5; border: 1px solid #ff8182; border-radius: 6px; padding: .4rem .7rem; }
form.planner { margin-top: 1.25rem; padding-top: .5rem; border-top: 1px solid #d0d7de; }
.form-grid { display: flex; flex-wrap: wrap; gap: .5rem 1.2rem; margin-bottom: .6rem; }
.plan-answer { font-size: 1.05rem; }
.metrics-grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.25rem; }
@media (max-width: 900px) { .metrics-grid { grid-template-columns: minmax(0, 1fr); } }
.probability { font-size: 1.6rem; font-weight: 700; }
.disagrees { color: #9a6700; font-weight: 600; }
.cache-value { color: #57606a; font-weight: normal; }
`;
