/** The report site: `?db=<same-origin URL>` opens that file, otherwise the bundled sample. */
import './skills-report.js';

const report = document.getElementById('report')!;
const db = new URLSearchParams(location.search).get('db');
report.setAttribute('src', db ?? new URL('sample.db', document.baseURI).href);
