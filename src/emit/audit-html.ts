/**
 * audit.html: one self-contained page for auditors — every report with its anomalies, each with
 * the printed value and where to find it in the source (page and box, line, or table cell).
 * No scripts, no external resources; sorted like the JSONL so two runs give the same bytes.
 */
import type { AnnualReport, Anomaly, Evidence, ReportMessage } from "../model/report.js";
import { VERSION } from "../version.js";

const ESC: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const esc = (s: unknown): string => String(s ?? "").replace(/[&<>"']/g, (c) => ESC[c]!);

/** Where the auditor looks: "p. 3, box 86–100 × 412–420", "line 36", "table 1, row 5, col 2". */
export function locate(e: Evidence | null): string {
  if (!e) return "—";
  const parts: string[] = [];
  if (e.page !== undefined) parts.push(`p. ${e.page}`);
  if (e.bbox) parts.push(`box x ${e.bbox[0]?.toFixed(0)}–${e.bbox[2]?.toFixed(0)}, y ${e.bbox[1]?.toFixed(0)}–${e.bbox[3]?.toFixed(0)} pt`);
  if (e.line !== undefined) parts.push(`line ${e.line}`);
  if (e.table !== undefined) parts.push(`table ${e.table + 1}${e.row !== undefined ? `, row ${e.row + 1}` : ""}${e.col !== undefined ? `, col ${e.col + 1}` : ""}`);
  return parts.join(" · ") || "—";
}

function anomalyRow(a: Anomaly): string {
  const paths = a.paths.length > 3 ? `${a.paths.slice(0, 3).join("<br>")}<br>… (+${a.paths.length - 3})` : a.paths.join("<br>");
  return `<tr class="${esc(a.severity)} ${esc(a.status)}"><td><code>${esc(a.code)}</code></td><td>${esc(a.severity)}</td><td>${esc(a.status)}</td><td>${esc(a.responsibility)}</td><td>${esc(a.message)}</td><td>${a.expected !== undefined ? esc(a.expected) : ""}</td><td>${a.actual !== undefined ? esc(a.actual) : ""}</td><td>${esc(a.evidence.raw ?? "")}</td><td>${esc(locate(a.evidence))}</td><td class="paths">${paths
    .split("<br>")
    .map(esc)
    .join("<br>")}</td></tr>`;
}

/** The parser-side notes: how the input was read, with where each one stands. */
function notesTable(messages: readonly ReportMessage[]): string {
  if (messages.length === 0) return "";
  const rows = messages
    .map((m) => `<tr class="note ${esc(m.severity)}"><td><code>${esc(m.ruleId)}</code></td><td>${esc(m.severity)}</td><td>${esc(m.source)}</td><td>${esc(m.reason)}</td><td>${esc(locate(m.place))}</td></tr>`)
    .join("");
  return `<p class="notes">How it was read: ${messages.length} note(s) of the reader (not anomalies).</p><table class="notes"><thead><tr><th>note</th><th>severity</th><th>stage</th><th>what</th><th>where</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function reportSection(r: AnnualReport): string {
  const errors = r.anomalies.filter((a) => a.severity === "error" && a.status === "fail").length;
  const head = `<h2 id="r-${esc(r.id)}">${esc(r.title ?? r.source.uri)}</h2><p class="meta">${esc(r.agency ?? "")} · ${esc(r.year ?? "")} · template ${esc(r.template)} · ${esc(r.source.format)} · <code>${esc(r.source.uri)}</code> · sha256 <code>${esc(r.source.sha256.slice(0, 16))}</code></p>`;
  const notes = notesTable(r.messages);
  if (r.anomalies.length === 0) return `<section>${head}<p>No anomaly.</p>${notes}</section>`;
  return `<section>${head}<p>${r.anomalies.length} anomalies, ${errors} failing errors.</p><table><thead><tr><th>code</th><th>severity</th><th>status</th><th>who</th><th>message</th><th>expected</th><th>actual</th><th>printed</th><th>where</th><th>cells</th></tr></thead><tbody>${r.anomalies.map(anomalyRow).join("")}</tbody></table>${notes}</section>`;
}

const STYLE = `body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;width:100%;font-size:.85rem;margin-bottom:1rem}th,td{border:1px solid #ccc;padding:.25rem .4rem;vertical-align:top;text-align:left}th{background:#f3f3f3}tr.error.fail td:first-child{border-left:4px solid #c00}tr.warning td:first-child{border-left:4px solid #e90}tr.uncertain{color:#666}.meta{color:#555;font-size:.9rem}.paths{font-family:monospace;font-size:.75rem}nav li{margin:.1rem 0}`;

export function auditHtml(reports: AnnualReport[]): string {
  const total = reports.reduce((n, r) => n + r.anomalies.length, 0);
  const nav = reports
    .map((r) => `<li><a href="#r-${esc(r.id)}">${esc(r.title ?? r.source.uri)}</a> <code>${esc(r.source.uri)}</code> — ${r.anomalies.length}</li>`)
    .join("");
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>nianbao audit</title><style>${STYLE}</style></head>
<body><h1>nianbao audit — ${reports.length} reports, ${total} anomalies</h1>
<p>Each anomaly names the printed value and where it stands in the source: page and box (PDF points, origin top-left), line of the text, or table/row/column of the table grid (1-based). Status <em>uncertain</em> means the evidence may be a parsing artefact. nianbao ${esc(VERSION)}.</p>
<nav><ul>${nav}</ul></nav>
${reports.map(reportSection).join("\n")}
</body></html>
`;
}
