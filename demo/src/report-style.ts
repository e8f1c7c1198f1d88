/** The report's styles (inside its shadow root, so host pages are not affected). */
export const REPORT_CSS = `
:host { display: block; font: 15px/1.45 system-ui, sans-serif; color: #1b1f24; max-width: 1100px; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.4rem; margin: 0 0 .5rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid #d0d7de; padding-bottom: .25rem; }
.toolbar { display: flex; gap: .75rem; align-items: center; flex-wrap: wrap; }
button { font: inherit; padding: .3rem .8rem; border: 1px solid #8c959f; border-radius: 6px; background: #f6f8fa; cursor: pointer; }
button:focus-visible, input:focus-visible, select:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
#status { color: #57606a; min-height: 1.4em; }
#status.error { color: #cf222e; font-weight: 600; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dt { color: #57606a; }
dd { margin: 0; font-variant-numeric: tabular-nums; }
.warnings { color: #9a6700; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #eaeef2; }
th { background: #f6f8fa; }
`;
