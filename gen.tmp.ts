import { benchDataFile } from './bench/data-files.js';
const t = performance.now();
console.log(await benchDataFile(1_000_000), performance.now() - t);
