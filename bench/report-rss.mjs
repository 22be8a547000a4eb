/**
 * Preloaded into benchmarked child processes (`node --import ./bench/report-rss.mjs …`): on exit it
 * writes the process's peak resident set size (KiB, all threads) to $PLANTGAP_BENCH_RSS_FILE.
 */
import { writeFileSync } from 'node:fs';

const target = process.env.PLANTGAP_BENCH_RSS_FILE;
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
