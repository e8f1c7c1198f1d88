// The page every bundler consumer builds: the API and the element, as a user would write them.
import { createAnalytics } from 'session-buddy-analytics';
import 'session-buddy-analytics/report';

async function run() {
  try {
    const analytics = await createAnalytics();
    const info = await analytics.open(new URL('sample.db', document.baseURI).href);
    const trend = await analytics.timeSeries.detectTrend('pytest-run');
    analytics.terminate();
    return { invocations: info.invocations, trend };
  } catch (e) {
    return { error: `${e?.code ?? 'ERROR'}: ${e?.message ?? e}` };
  }
}

run().then((result) => {
  window.__consumerResult = result;
  const report = document.createElement('skills-report');
  report.setAttribute('src', 'sample.db');
  document.body.append(report);
});
