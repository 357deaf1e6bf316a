// The ncpeh operations dashboard: reads /metrics, /readyz, /api/kpi and /api/transactions of
// the ops listener every 5 seconds and draws them. No library, nothing fetched from elsewhere.
"use strict";

const refreshMs = 5000;
const historyLength = 180;  // 15 minutes of 5-second steps
const history = [];         // {at, all, failed}: the totals as each refresh saw them
let unmaskNext = false;

// Prometheus text → [{name, labels, value}].
function parseMetrics(text) {
  const samples = [];
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const match = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/);
    if (!match) continue;
    const labels = {};
    const labelText = match[3] || "";
    const labelPattern = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
    let label;
    while ((label = labelPattern.exec(labelText)) !== null) {
      labels[label[1]] = label[2].replace(/\\n/g, "\n").replace(/\\(.)/g, "$1");
    }
    samples.push({ name: match[1], labels, value: Number(match[4]) });
  }
  return samples;
}

function named(samples, name) { return samples.filter((s) => s.name === name); }
function sum(samples) { return samples.reduce((total, s) => total + s.value, 0); }

function cell(text, className) {
  const td = document.createElement("td");
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function fillTable(id, rows) {
  const body = document.querySelector(`#${id} tbody`);
  body.replaceChildren(...rows);
}

function row(cells, data) {
  const tr = document.createElement("tr");
  for (const [key, value] of Object.entries(data || {})) tr.dataset[key] = value;
  tr.append(...cells);
  return tr;
}

function when(seconds) {
  if (!seconds) return "–";
  return new Date(seconds * 1000).toISOString().replace("T", " ").slice(0, 19);
}

function milliseconds(seconds) {
  return seconds === null ? "–" : `${(seconds * 1000).toFixed(seconds < 0.01 ? 1 : 0)} ms`;
}

// The upper bound of the bucket that holds quantile q of a histogram series.
function quantile(buckets, q) {
  const sorted = buckets
    .map((b) => ({ le: b.labels.le === "+Inf" ? Infinity : Number(b.labels.le), count: b.value }))
    .sort((a, b) => a.le - b.le);
  const total = sorted.length ? sorted[sorted.length - 1].count : 0;
  if (total === 0) return null;
  for (const b of sorted) {
    if (b.count >= q * total) return b.le;
  }
  return null;
}

function ratePerMinute(key) {
  if (history.length < 2) return "–";
  const last = history[history.length - 1];
  const first = history[Math.max(0, history.length - 13)];  // about a minute back
  const seconds = (last.at - first.at) / 1000;
  const delta = (last.byKey[key] || 0) - (first.byKey[key] || 0);
  return seconds > 0 ? (delta * 60 / seconds).toFixed(1) : "–";
}

// Bars of {all, failed} in `slots` equal places, the newest on the right.
function drawBars(id, steps, slots) {
  const peak = Math.max(1, ...steps.map((s) => s.all));
  const width = 600 / slots;
  const bars = [];
  steps.forEach((s, i) => {
    const x = (slots - steps.length + i) * width;
    const h = (s.all / peak) * 110;
    const f = (s.failed / peak) * 110;
    bars.push(`<rect class="all" x="${x}" y="${120 - h}" width="${width * 0.8}" height="${h}"/>`);
    bars.push(`<rect class="failed" x="${x}" y="${120 - f}" width="${width * 0.8}" height="${f}"/>`);
  });
  document.getElementById(id).innerHTML = bars.join("");
}

function drawChart() {
  const steps = [];
  for (let i = 1; i < history.length; i++) {
    steps.push({
      all: history[i].all - history[i - 1].all,
      failed: history[i].failed - history[i - 1].failed,
    });
  }
  drawBars("traffic-chart", steps, historyLength);
}

// The gateway's own per-minute counts of the last 24 hours, in 144 slots of 10 minutes.
function showDay(body) {
  const slotMs = 10 * 60 * 1000;
  const newest = Math.floor(Date.now() / slotMs);
  const slots = Array.from({ length: 144 }, () => ({ all: 0, failed: 0 }));
  let total = 0;
  for (const minute of body.minutes) {
    const index = 143 - (newest - Math.floor(Date.parse(minute.at) / slotMs));
    if (index < 0 || index > 143) continue;
    for (const [all, failed] of Object.values(minute.partners)) {
      slots[index].all += all;
      slots[index].failed += failed;
      total += all;
    }
  }
  drawBars("day-chart", slots, 144);
  document.getElementById("day-total").textContent = total;
}

function showMetrics(samples) {
  const build = named(samples, "ncpeh_build_info")[0];
  document.getElementById("version").textContent = build ? build.labels.version : "";
  const transactions = named(samples, "ncpeh_transactions_total");
  const failed = transactions.filter((s) => s.labels.outcome === "failure");
  document.getElementById("total-transactions").textContent = sum(transactions);
  document.getElementById("failed-transactions").textContent = sum(failed);
  document.getElementById("assertion-refusals").textContent =
    sum(named(samples, "ncpeh_assertion_refusals_total"));
  document.getElementById("open-connections").textContent =
    sum(named(samples, "ncpeh_connections_open"));
  document.getElementById("replay-entries").textContent =
    sum(named(samples, "ncpeh_replay_cache_entries"));

  const byKey = {};
  const failedByKey = {};
  for (const s of transactions) {
    const key = `${s.labels.partner}|${s.labels.direction}|${s.labels.transaction}`;
    byKey[key] = (byKey[key] || 0) + s.value;
    if (s.labels.outcome === "failure") failedByKey[key] = (failedByKey[key] || 0) + s.value;
  }
  history.push({ at: Date.now(), all: sum(transactions), failed: sum(failed), byKey });
  if (history.length > historyLength + 1) history.shift();
  drawChart();

  const buckets = named(samples, "ncpeh_transaction_duration_seconds_bucket");
  fillTable("traffic", Object.keys(byKey).sort().map((key) => {
    const [partner, direction, transaction] = key.split("|");
    const series = buckets.filter((b) => b.labels.direction === direction &&
                                         b.labels.transaction === transaction);
    return row([
      cell(partner), cell(direction), cell(transaction),
      cell(String(byKey[key]), "number"), cell(String(failedByKey[key] || 0), "number"),
      cell(ratePerMinute(key), "number"),
      cell(milliseconds(quantile(series, 0.5)), "number"),
      cell(milliseconds(quantile(series, 0.99)), "number"),
    ], { partner, transaction, total: byKey[key] });
  }));

  const partners = {};
  for (const s of named(samples, "ncpeh_partner_last_success_timestamp_seconds")) {
    const key = `${s.labels.partner}|${s.labels.direction}`;
    partners[key] = Object.assign(partners[key] || {}, { success: s.value });
  }
  for (const s of named(samples, "ncpeh_partner_last_failure_timestamp_seconds")) {
    const key = `${s.labels.partner}|${s.labels.direction}`;
    partners[key] = Object.assign(partners[key] || {}, { failure: s.value, error: s.labels.error });
  }
  fillTable("partners", Object.keys(partners).sort().map((key) => {
    const [partner, direction] = key.split("|");
    const p = partners[key];
    const failingNow = (p.failure || 0) > (p.success || 0);
    return row([
      cell(partner), cell(direction), cell(when(p.success), "ok"),
      cell(when(p.failure), failingNow ? "crit" : ""), cell(p.error || ""),
    ], { partner });
  }));

  showQueues(samples);

  const now = Date.now() / 1000;
  fillTable("certificates", named(samples, "ncpeh_trust_expiry_seconds").map((s) => {
    const days = Math.floor(s.value / 86400);
    const level = days < 7 ? "crit" : days < 30 ? "warn" : "ok";
    return row([
      cell(s.labels.kind), cell(s.labels.purpose), cell(s.labels.subject),
      cell(s.labels.not_after), cell(String(days), `number ${level}`),
    ], { purpose: s.labels.purpose, kind: s.labels.kind, days, level, now: Math.floor(now) });
  }));
}

// The outbox (country B) and the ATNA spool: rows only for what this gateway runs.
function showQueues(samples) {
  const rows = [];
  const outbox = named(samples, "ncpeh_outbox_records");
  if (outbox.length > 0) {
    const byStatus = (status) => sum(outbox.filter((s) => s.labels.status === status));
    const waiting = byStatus("queued") + byStatus("delivering");
    const oldest = sum(named(samples, "ncpeh_outbox_oldest_pending_seconds"));
    const failed = byStatus("failed");
    document.getElementById("outbox-delivered").textContent = byStatus("delivered");
    document.getElementById("outbox-failed").textContent = failed;
    rows.push(row([
      cell("dispensation outbox"), cell(String(waiting), "number"),
      cell(waiting > 0 ? `${Math.round(oldest)} s` : "", "number"),
      cell(failed > 0 ? `${failed} given up` : "ok", failed > 0 ? "crit" : "ok"),
    ], { queue: "outbox", waiting, failed }));
  }
  const spool = named(samples, "ncpeh_audit_export_backlog");
  if (spool.length > 0) {
    const waiting = sum(spool);
    const connected = sum(named(samples, "ncpeh_audit_export_connected")) > 0;
    rows.push(row([
      cell("ATNA spool"), cell(String(waiting), "number"),
      cell(waiting > 0 ? `${Math.round(sum(named(samples, "ncpeh_audit_export_oldest_seconds")))} s`
                       : "", "number"),
      cell(connected ? "connected" : "not connected", connected ? "ok" : "warn"),
    ], { queue: "atna", waiting }));
  }
  fillTable("queues", rows);
}

function showReadiness(body) {
  const ready = document.getElementById("ready");
  ready.textContent = body.ready ? "ready" : "not ready";
  ready.className = `state ${body.ready ? "ok" : "crit"}`;
  fillTable("readiness", body.checks.map((c) => row([
    cell(c.name), cell(c.state, c.state === "ok" ? "ok" : "crit"), cell(c.why || ""),
  ])));
}

function showKpis(body) {
  fillTable("kpi", body.rows.map((r) => row([
    cell(r.month), cell(r.country), cell(String(r.all), "number"), cell(String(r.eP), "number"),
    cell(String(r.eD), "number"), cell(String(r.eD_discard), "number"),
    cell(String(r.failed), "number"),
  ], { country: r.country })));
}

function showTransactions(body) {
  document.getElementById("masking").textContent =
    body.unmasked ? "identities shown (audited as ops-unmask)" : "identities masked";
  fillTable("transactions", body.transactions.map((t) => row([
    cell(t.at.replace("T", " ").replace("Z", "")), cell(t.partner), cell(t.transaction),
    cell(t.outcome, t.outcome === "failure" ? "crit" : ""), cell(t.error), cell(t.patient),
    cell(t.requester), cell(t.role), cell(t.organization), cell(String(t.documents), "number"),
  ], { transaction: t.transaction })));
}

async function fetchJson(url) {
  const response = await fetch(url, { cache: "no-store" });
  return response.json();
}

async function refresh() {
  try {
    const [metrics, readiness, kpi, day] = await Promise.all([
      fetch("/metrics", { cache: "no-store" }).then((r) => r.text()),
      fetchJson("/readyz"),
      fetchJson("/api/kpi"),
      fetchJson("/api/history"),
    ]);
    showMetrics(parseMetrics(metrics));
    showReadiness(readiness);
    showKpis(kpi);
    showDay(day);
    const unmask = unmaskNext;
    unmaskNext = false;
    showTransactions(await fetchJson(`/api/transactions?limit=15${unmask ? "&unmask=true" : ""}`));
    document.getElementById("updated").textContent =
      `updated ${new Date().toISOString().slice(11, 19)} UTC`;
    document.body.dataset.loaded = "true";
  } catch (failure) {
    document.getElementById("updated").textContent = `cannot reach ncpeh: ${failure}`;
  }
}

document.getElementById("unmask").addEventListener("click", () => {
  unmaskNext = true;
  refresh();
});
refresh();
setInterval(refresh, refreshMs);
