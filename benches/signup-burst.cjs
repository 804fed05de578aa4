// 500 sign-ups at once against a running server, while /healthz is asked every 20 ms and the
// server's memory is read from /proc: prints how the burst was answered, /healthz latency
// during it, and the server's resident memory before and at its peak.
// usage: node benches/signup-burst.cjs BASE_URL SERVER_PID
const fs = require('node:fs');
const [base, pid] = process.argv.slice(2);
const memory = () => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number((status.match(new RegExp(`${k}:\\s+(\\d+)`)) || [0, 0])[1]);
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
};
const pct = (xs, p) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

(async () => {
  const before = memory();
  let peak = before.rss;
  let done = false;
  const health = [];
  const healthLoop = (async () => {
    while (!done) {
      const t = process.hrtime.bigint();
      try {
        await (await fetch(`${base}/healthz`)).text();
        health.push(Number(process.hrtime.bigint() - t) / 1e6);
      } catch {
        health.push(Infinity);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const memLoop = setInterval(() => {
    peak = Math.max(peak, memory().rss);
  }, 50);
  const stamp = Date.now();
  const started = process.hrtime.bigint();
  const answers = await Promise.all(
    Array.from({ length: 500 }, async (_, i) => {
      const body = new URLSearchParams({
        email: `burst-${stamp}-${i}@example.kg`,
        display_name: `Burst ${i}`,
        password: 'a long enough password',
        role: 'mentee',
      });
      try {
        const res = await fetch(`${base}/api/sign_up`, {
          method: 'POST',
          headers: { origin: base, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
          body,
        });
        await res.text();
        return String(res.status);
      } catch (e) {
        return 'failed';
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  done = true;
  await healthLoop;
  clearInterval(memLoop);
  const after = memory();
  const counts = {};
  for (const a of answers) counts[a] = (counts[a] || 0) + 1;
  health.sort((a, b) => a - b);
  console.log(`500 sign-ups at once: answered in ${seconds.toFixed(1)} s: ${JSON.stringify(counts)}`);
  console.log(
    `/healthz during the burst (${health.length} asked): p50 ${pct(health, 50).toFixed(1)} ms, ` +
      `p99 ${pct(health, 99).toFixed(1)} ms, max ${health[health.length - 1].toFixed(1)} ms`,
  );
  console.log(
    `server memory: ${(before.rss / 1024).toFixed(0)} MiB before, peak ${(Math.max(peak, after.hwm) / 1024).toFixed(0)} MiB ` +
      `(VmHWM), ${(after.rss / 1024).toFixed(0)} MiB after`,
  );
})();
