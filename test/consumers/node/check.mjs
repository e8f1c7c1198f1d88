// Plain Node ESM: the engine in-process, printed as JSON for the consumer test.
import { openAnalytics, WARNING_CODES } from 'session-buddy-analytics/node';

const analytics = await openAnalytics(process.argv[2]);
const info = await analytics.info();
const trend = await analytics.timeSeries.detectTrend('pytest-run');
await analytics.dispose();
console.log(JSON.stringify({ invocations: info.invocations, trend, warningCodes: WARNING_CODES.length }));
