/**
 * The report site: `?db=<same-origin URL>` opens that file (with `&wal=<URL>`: and its -wal log); otherwise the element's own `src`
 * (set by `session-buddy-analytics report`), otherwise the bundled sample.
 */
import '../../src/report/skills-report.js';

const report = document.getElementById('report')!;
const db = new URLSearchParams(location.search).get('db');
const wal = new URLSearchParams(location.search).get('wal');
if (wal) report.setAttribute('wal', wal);
if (db) report.setAttribute('src', db);
else if (!report.getAttribute('src') && report.getAttribute('sample')) report.setAttribute('src', report.getAttribute('sample')!);
// The site keeps the view in its URL (?skill=&metric=&window=&test=#panel): links reopen it.
report.setAttribute('url-state', '');
