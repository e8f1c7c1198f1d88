// webpack 5 with its defaults (entry ./src/index.js, output dist/main.js): no loader, no rule, no plugin.
import webpack from 'webpack';

webpack({ mode: 'production' }, (err, stats) => {
  if (err || stats.hasErrors()) {
    console.error(err ?? stats.toString('errors-only'));
    process.exit(1);
  }
});
