// Speed of chrono-node (npm) on the same sentences as bench_dates, on one core.
//
// Usage: node bench/dates.chrono.mjs CASES.jsonl [SECONDS]
// Needs `npm install chrono-node` inside bench/ (bench/node_modules is not committed).
// Parses every sentence with its reference date, again and again for about SECONDS
// (default 3) of CPU time, and prints sentences per second in CPU time of this process.
import { readFileSync } from "node:fs";
import * as chrono from "chrono-node";

const [path, secondsArg] = process.argv.slice(2);
if (!path) {
  console.error("usage: node dates.chrono.mjs CASES.jsonl [SECONDS]");
  process.exit(2);
}
const seconds = Number(secondsArg || 3);
const cases = readFileSync(path, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l))
  .map((c) => ({ text: c.text, ref: new Date((c.reference || c.published || "2024-01-01") + "T12:00:00Z") }));

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
// Warm up the JIT before timing.
for (const c of cases) chrono.parse(c.text, c.ref);
let sentences = 0;
let found = 0;
const start = cpu();
let elapsed = 0;
while (elapsed < seconds) {
  for (const c of cases) {
    found += chrono.parse(c.text, c.ref).length;
    ++sentences;
  }
  elapsed = cpu() - start;
}
console.log(
  `chrono-node: ${sentences} sentences (${cases.length} distinct), ${Math.round(sentences / elapsed)} sentences/s, ` +
    `${(found / sentences).toFixed(2)} results/sentence, CPU ${elapsed.toFixed(2)} s`
);
