// Preloaded into each measured process: report its peak resident set size on exit.
process.on('exit', () => {
  process.stderr.write(`\nmaxrss-kib ${process.resourceUsage().maxRSS}\n`);
});
