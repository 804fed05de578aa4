// Roadmap benchmark, against a running server: signs up a mentee, creates a roadmap from the
// first template, then times the editor's save round trip (a status change through the
// step_status server function, answered with the freshly rendered steps), 200 times in a row.
// Prints p50/p99, and the cookie and path for benches/page-weight.cjs.
// usage: node benches/roadmap.cjs BASE_URL
const base = process.argv[2];
const headers = (cookie) => ({
  'content-type': 'application/x-www-form-urlencoded',
  accept: 'application/json',
  origin: base,
  ...(cookie ? { cookie } : {}),
});
const form = (o) => new URLSearchParams(o).toString();

(async () => {
  const email = `bench-${Date.now()}@example.kg`;
  const signUp = await fetch(`${base}/api/sign_up`, {
    method: 'POST',
    headers: headers(),
    body: form({ email, display_name: 'Bench Mentee', password: 'a long enough password', role: 'mentee' }),
    redirect: 'manual',
  });
  const cookie = (signUp.headers.get('set-cookie') || '').split(';')[0];
  if (!cookie.startsWith('s4a_session=')) throw new Error(`sign-up failed: ${signUp.status}`);
  const created = await fetch(`${base}/api/create_roadmap`, {
    method: 'POST',
    headers: headers(cookie),
    body: form({ title: 'Become a data analyst', visibility: 'private', template: '1' }),
  });
  const id = await created.json();
  let version = 1;
  const step = await (async () => {
    const page = await (await fetch(`${base}/roadmaps/${id}`, { headers: { cookie } })).text();
    return page.match(/name="step_id" value="(\d+)"/)[1];
  })();
  const times = [];
  const statuses = ['in_progress', 'done', 'skipped', 'not_started'];
  for (let i = 0; i < 200; i++) {
    const start = process.hrtime.bigint();
    const res = await fetch(`${base}/api/step_status`, {
      method: 'POST',
      headers: headers(cookie),
      body: form({ roadmap_id: String(id), version: String(version), step_id: step, status: statuses[i % 4] }),
    });
    const body = await res.json();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (!res.ok) throw new Error(`save ${i} failed: ${JSON.stringify(body)}`);
    version = body.version;
  }
  times.sort((a, b) => a - b);
  const pct = (p) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))].toFixed(1);
  console.log(`roadmap save round trip (status change, fresh steps rendered), 200 in a row: p50 ${pct(50)} ms, p99 ${pct(99)} ms`);
  console.log(`COOKIE=${cookie}`);
  console.log(`ROADMAP_PATH=/roadmaps/${id}`);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
