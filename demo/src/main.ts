/**
 * The report site: `?db=<same-origin URL>` opens that file; otherwise the element's own `src`
 * (set by `session-buddy-analytics report`), otherwise the bundled sample.
 */
import './skills-report.js';

const report = document.getElementById('report')!;
const db = new URLSearchParams(location.search).get('db');
if (db) report.setAttribute('src', db);
else if (!report.getAttribute('src') && report.getAttribute('sample')) report.setAttribute('src', report.getAttribute('sample')!);
