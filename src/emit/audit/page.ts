/**
 * audit.html, the page: one self-contained file (a Content-Security-Policy that allows no
 * network at all; images are data URIs; script and style inline), in Chinese with English
 * alongside. An overview of counts as SVG bars; a list of every anomaly that filters (code,
 * severity, status, agency, year, review, free text) and sorts, usable with the keyboard (↑/↓,
 * Enter, "/" for the search); for the chosen anomaly, the evidence; review buttons whose decisions
 * are kept in the browser and exported as JSON. The list is drawn once and filtered by hiding
 * rows, so 10 000 anomalies stay quick. Deterministic: the same data gives the same bytes.
 */
import { VERSION } from "../../version.js";
import { barChart, type Bar } from "./charts.js";
import { esc, jsonForScript } from "./html.js";
import { streamOf, type AuditData, type AuditStream } from "./model.js";

const SEVERITY_COLOUR: Record<string, string> = { error: "#c0392b", warning: "#d68910", info: "#2e86c1" };

function counts<T>(items: T[], key: (t: T) => string): [string, number][] {
  const m = new Map<string, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function overview(data: AuditStream): string {
  const agencyOf = (doc: number) => data.docs[doc]!.agency ?? "（未识别 unknown）";
  const yearOf = (doc: number) => String(data.docs[doc]!.year ?? "（未识别 unknown）");
  const bars = (field: string, list: [string, number][], colour?: (k: string) => string | undefined): Bar[] => list.map(([k, n]) => ({ label: k, count: n, filter: [field, k], ...(colour?.(k) ? { colour: colour(k)! } : {}) }));
  const years = counts(data.heads, (i) => yearOf(i.doc)).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return [
    barChart("按规则 By code", bars("code", counts(data.heads, (i) => i.code)), 30),
    barChart("按严重程度 By severity", bars("severity", counts(data.heads, (i) => i.severity), (k) => SEVERITY_COLOUR[k])),
    barChart("按状态 By status", bars("status", counts(data.heads, (i) => i.status), (k) => (k === "fail" ? "#7b241c" : "#909497"))),
    barChart("按机关 By agency", bars("agency", counts(data.heads, (i) => agencyOf(i.doc))), 20),
    barChart("按年度 By year", bars("year", years), 30),
  ].join("");
}

const STYLE = `
:root{--b:#d5d8dc;--muted:#5d6d7e}
*{box-sizing:border-box}
body{font-family:system-ui,"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:0;color:#1b2631;font-size:14px}
header{padding:.8rem 1.2rem;background:#1b2631;color:#fff}header h1{margin:0;font-size:1.25rem}header p{margin:.3rem 0 0;color:#d6dbdf}
main{padding:0 1.2rem 2rem}h2{font-size:1.05rem;margin:1rem 0 .4rem}
.charts{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem}.chart{margin:0}.chart figcaption{font-weight:600;margin-bottom:.2rem}
.chart svg text{font-size:11px;fill:#1b2631}.chart .bar{cursor:pointer}.chart .bar:hover rect,.chart .bar:focus rect{opacity:.7}.chart .bar:focus{outline:2px solid #2e86c1}
#filters{display:flex;flex-wrap:wrap;gap:.4rem .8rem;align-items:end;padding:.5rem;background:#f4f6f7;border:1px solid var(--b)}
#filters label{display:flex;flex-direction:column;font-size:12px;color:var(--muted)}#filters select,#filters input{font:inherit;padding:.15rem .3rem;max-width:16rem}
.split{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1rem;margin-top:.5rem}
.listwrap{max-height:75vh;overflow:auto;border:1px solid var(--b)}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid var(--b);padding:.25rem .4rem;text-align:left;vertical-align:top}
#anoms [role=row]{display:grid;grid-template-columns:11rem 5rem 5.5rem 9rem 4rem minmax(8rem,1fr) 6.5rem;border-bottom:1px solid var(--b)}
#anoms [role=cell],#anoms [role=columnheader]{padding:.25rem .4rem;overflow:hidden;text-overflow:ellipsis}
#rows>[role=row]{content-visibility:auto;contain-intrinsic-size:auto 3.6em;cursor:pointer}#rows>[role=row][hidden]{display:none}
#anoms .head{position:sticky;top:0;background:#eaeded;z-index:1;font-weight:600}#anoms .head button{all:unset;cursor:pointer}#anoms .head button:focus{outline:2px solid #2e86c1}
[aria-sort=ascending] button::after{content:" ▲"}[aria-sort=descending] button::after{content:" ▼"}
#rows>[role=row]:hover{background:#f4f6f7}#rows>[role=row]:focus{outline:2px solid #2e86c1;outline-offset:-2px}#rows>[role=row][aria-selected=true]{background:#d6eaf8}
.sev{display:inline-block;padding:0 .35rem;border-radius:3px;color:#fff;font-size:12px}.sev.error{background:#c0392b}.sev.warning{background:#d68910}.sev.info{background:#2e86c1}
.st-uncertain{color:var(--muted);font-style:italic}.msg{max-width:36rem}.rev-confirmed{color:#7b241c;font-weight:600}.rev-dismissed{color:#1e8449;font-weight:600}
#detail{border:1px solid var(--b);padding:.6rem .8rem;max-height:75vh;overflow:auto}#detail h3{margin:.1rem 0 .4rem;font-size:1rem}
#detail .cells td,#detail .cells th{font-size:12px}#detail pre{background:#f8f9f9;border:1px solid var(--b);padding:.4rem;white-space:pre-wrap;word-break:break-all;font-size:12px}
#detail pre .hit{background:#fcf3cf;display:block}#detail img{max-width:100%;border:1px solid var(--b);display:block;margin:.3rem 0}
.note{color:#7b241c;font-size:12px}.meta{color:var(--muted);font-size:12px}code{font-size:12px}
.review{margin-top:.6rem;padding:.5rem;background:#f4f6f7;border:1px solid var(--b)}.review textarea{width:100%;min-height:3rem;font:inherit}
.review button{font:inherit;margin-right:.3rem}
`;

const SCRIPT = String.raw`(function(){
"use strict";
var D=JSON.parse(document.getElementById("data").textContent);
var STORE="nianbao-reviews";
var reviews=Object.assign({},D.reviews);
try{var saved=JSON.parse(localStorage.getItem(STORE)||"{}");for(var k in saved){if(!reviews[k]||saved[k].at>reviews[k].at)reviews[k]=saved[k];}}catch(e){}
var $=function(id){return document.getElementById(id)};
var items=D.items,docs=D.docs;
function esc(s){return String(s==null?"":s).replace(/[&<>"']/g,function(c){return{"&":"&amp;","<":"&lt;",">":"&gt;","\"":"&quot;","'":"&#39;"}[c]})}
function agency(i){return docs[items[i].doc].agency||"（未识别 unknown）"}
function year(i){var y=docs[items[i].doc].year;return y==null?"（未识别 unknown）":String(y)}
function rev(i){var r=reviews[items[i].fp];return r?r.decision:"open"}
var REVLABEL={open:"待审 open",confirmed:"确认 confirmed",dismissed:"驳回 dismissed"};
var hay=items.map(function(a,i){var d=docs[a.doc];return [a.code,a.message,a.paths.join(" "),a.evidenceText,d.agency,d.title,d.uri,a.fp].join(" ").toLowerCase()});
var tbody=$("rows");
var html=[];
for(var i=0;i<items.length;i++){var a=items[i];html.push('<div role="row" tabindex="-1" data-i="'+i+'" data-fp="'+esc(a.fp)+'" aria-selected="false"><div role="cell" class="code"><code>'+esc(a.code)+'</code></div><div role="cell"><span class="sev '+esc(a.severity)+'">'+esc(a.severity)+'</span></div><div role="cell" class="st-'+esc(a.status)+'">'+esc(a.status)+'</div><div role="cell">'+esc(agency(i))+'</div><div role="cell">'+esc(year(i))+'</div><div role="cell" class="msg">'+esc(a.message.length>90?a.message.slice(0,89)+"…":a.message)+'</div><div role="cell" class="rv"></div></div>');}
tbody.innerHTML=html.join("");
var rows=Array.prototype.slice.call(tbody.children);
function paintReview(i){var r=rev(i);var td=rows[i].children[6];td.textContent=REVLABEL[r];td.className="rv rev-"+r;}
for(var i=0;i<rows.length;i++)paintReview(i);
function fill(id,values){var sel=$(id);var seen={};values.forEach(function(v){seen[v]=(seen[v]||0)+1});Object.keys(seen).sort().forEach(function(v){var o=document.createElement("option");o.value=v;o.textContent=v+" ("+seen[v]+")";sel.appendChild(o)})}
fill("f-code",items.map(function(a){return a.code}));
fill("f-severity",items.map(function(a){return a.severity}));
fill("f-status",items.map(function(a){return a.status}));
fill("f-agency",items.map(function(a,i){return agency(i)}));
fill("f-year",items.map(function(a,i){return year(i)}));
var visible=[];
function apply(){
  var f={code:$("f-code").value,severity:$("f-severity").value,status:$("f-status").value,agency:$("f-agency").value,year:$("f-year").value,review:$("f-review").value};
  var q=$("f-q").value.trim().toLowerCase().split(/\s+/).filter(Boolean);
  visible=[];
  for(var i=0;i<items.length;i++){var a=items[i];
    var ok=(!f.code||a.code===f.code)&&(!f.severity||a.severity===f.severity)&&(!f.status||a.status===f.status)&&(!f.agency||agency(i)===f.agency)&&(!f.year||year(i)===f.year)&&(!f.review||rev(i)===f.review);
    if(ok)for(var j=0;j<q.length;j++)if(hay[i].indexOf(q[j])<0){ok=false;break}
    if(rows[i].hidden===ok)rows[i].hidden=!ok;if(ok)visible.push(i);}
  visible.sort(function(x,y){return order[x]-order[y]});
  $("count").textContent="显示 "+visible.length+" / "+items.length+" 项 · showing "+visible.length+" of "+items.length;
}
var order=items.map(function(_,i){return i});
var sortKey=null,sortDir=1;
var KEYS={code:function(i){return items[i].code},severity:function(i){return {error:0,warning:1,info:2}[items[i].severity]},status:function(i){return items[i].status},agency:agency,year:year,message:function(i){return items[i].message},review:rev};
function sortBy(key){
  sortDir=sortKey===key?-sortDir:1;sortKey=key;
  var idx=items.map(function(_,i){return i});var kf=KEYS[key];
  idx.sort(function(x,y){var a=kf(x),b=kf(y);return a<b?-sortDir:a>b?sortDir:x-y});
  idx.forEach(function(i,n){order[i]=n});
  var frag=document.createDocumentFragment();idx.forEach(function(i){frag.appendChild(rows[i])});tbody.appendChild(frag);
  Array.prototype.forEach.call(document.querySelectorAll("#anoms .head [role=columnheader]"),function(th){th.removeAttribute("aria-sort")});
  var th=document.querySelector('#anoms .head button[data-sort="'+key+'"]').parentNode;th.setAttribute("aria-sort",sortDir>0?"ascending":"descending");
  apply();
}
var current=-1;
function cellsTable(a){if(!a.cells.length)return"";return '<table class="cells"><thead><tr><th>文件 Document</th><th>单元格 Cell</th><th>印刷 Printed</th><th>值 Value</th><th>位置 Where</th></tr></thead><tbody>'+a.cells.map(function(c){return '<tr><td>'+(c.doc===a.doc?"本报告 this":esc(docs[c.doc].uri))+'</td><td>'+esc(c.label)+'<br><code>'+esc(c.path)+'</code></td><td><code>'+esc(c.raw===""?"（空 blank）":c.raw)+'</code></td><td>'+esc(c.value==null?"null":c.value)+(c.uncertain?' <span class="st-uncertain">不确定 uncertain</span>':"")+'</td><td>'+esc(c.place)+'</td></tr>'}).join("")+'</tbody></table>'}
function show(i){
  if(current>=0)rows[current].setAttribute("aria-selected","false");
  current=i;rows[i].setAttribute("aria-selected","true");
  var a=items[i],d=docs[a.doc],r=reviews[a.fp];
  var h=['<h3><code>'+esc(a.code)+'</code> <span class="sev '+esc(a.severity)+'">'+esc(a.severity)+'</span> <span class="st-'+esc(a.status)+'">'+esc(a.status)+'</span> · '+esc(a.responsibility)+'</h3>'];
  h.push('<p>'+esc(a.message)+'</p>');
  h.push('<p class="meta">'+esc(d.title||"（无标题 no title）")+' · '+esc(d.agency||"")+' · '+esc(d.year==null?"":d.year)+' · '+esc(d.format)+' · <code>'+esc(d.uri)+'</code><br>指纹 fingerprint <code id="fp">'+esc(a.fp)+'</code> · 位置 where: '+esc(a.place)+(a.expected!=null?' · 应为 expected <b>'+esc(a.expected)+'</b>':'')+(a.actual!=null?' · 实为 actual <b>'+esc(a.actual)+'</b>':'')+'</p>');
  if(a.evidenceText)h.push('<p class="meta">依据 evidence: '+esc(a.evidenceText)+'</p>');
  h.push(cellsTable(a));
  if(a.row)h.push('<p><b>该行印刷 Row as printed:</b> '+esc(a.row.label)+' │ <code>'+a.row.printed.map(esc).join(' │ ')+'</code></p>');
  if(a.lines){h.push('<p><b>原文 Lines around it</b> ('+esc(docs[a.lines.doc].uri)+')</p><pre>'+a.lines.lines.map(function(l,k){var n=a.lines.start+k;return '<span'+(k===a.lines.hit?' class="hit"':'')+'>'+n+'  '+esc(l)+'</span>'}).join("\n")+'</pre>')}
  a.images.forEach(function(k){var im=D.images[k];h.push('<p><b>页面 Page '+im.page+'</b> ('+esc(docs[im.doc].uri)+')</p><img alt="page '+im.page+' region, cells outlined" width="'+im.w+'" height="'+im.h+'" src="'+im.uri+'">')});
  a.notes.forEach(function(n){h.push('<p class="note">'+esc(n)+'</p>')});
  h.push('<div class="review" role="group" aria-label="审核 Review"><b>审核 Review:</b> <span id="rv-state" class="rev-'+(r?r.decision:"open")+'">'+REVLABEL[r?r.decision:"open"]+'</span><br><label for="note">备注 Note</label><textarea id="note">'+esc(r?r.note:"")+'</textarea><button type="button" id="confirm">确认 Confirm</button><button type="button" id="dismiss">驳回 Dismiss</button><button type="button" id="clear">清除 Clear</button></div>');
  var det=$("detail");det.innerHTML=h.join("");
  $("confirm").onclick=function(){decide(i,"confirmed")};$("dismiss").onclick=function(){decide(i,"dismissed")};$("clear").onclick=function(){decide(i,null)};
}
function save(){try{localStorage.setItem(STORE,JSON.stringify(reviews))}catch(e){}}
function decide(i,decision){var a=items[i];
  if(decision)reviews[a.fp]={decision:decision,note:$("note").value,at:new Date().toISOString(),code:a.code,reportId:docs[a.doc].id,path:a.paths[0]||""};
  else delete reviews[a.fp];
  save();paintReview(i);show(i);apply();}
function exportReviews(){
  var list=Object.keys(reviews).sort().map(function(fp){var r=reviews[fp];var o={fingerprint:fp,decision:r.decision,note:r.note||"",at:r.at};if(r.code)o.code=r.code;if(r.reportId)o.reportId=r.reportId;if(r.path)o.path=r.path;return o});
  var blob=new Blob([JSON.stringify({nianbao:"reviews/1",reviews:list},null,2)+"\n"],{type:"application/json"});
  var url=URL.createObjectURL(blob);var link=document.createElement("a");link.href=url;link.download="reviews.json";document.body.appendChild(link);link.click();link.remove();setTimeout(function(){URL.revokeObjectURL(url)},1000);
}
$("export").onclick=exportReviews;
$("import").onchange=function(e){var f=e.target.files[0];if(!f)return;f.text().then(function(t){var j=JSON.parse(t);(j.reviews||[]).forEach(function(r){if(!reviews[r.fingerprint]||r.at>=reviews[r.fingerprint].at)reviews[r.fingerprint]={decision:r.decision,note:r.note||"",at:r.at||"",code:r.code,reportId:r.reportId,path:r.path}});save();rows.forEach(function(_,i){paintReview(i)});apply();if(current>=0)show(current)})};
["f-code","f-severity","f-status","f-agency","f-year","f-review"].forEach(function(id){$(id).onchange=apply});
var qTimer=0;$("f-q").oninput=function(){clearTimeout(qTimer);qTimer=setTimeout(apply,120)};
$("reset").onclick=function(){["f-code","f-severity","f-status","f-agency","f-year","f-review"].forEach(function(id){$(id).value=""});$("f-q").value="";apply()};
Array.prototype.forEach.call(document.querySelectorAll("#anoms .head button[data-sort]"),function(b){b.onclick=function(){sortBy(b.getAttribute("data-sort"))}});
tbody.addEventListener("click",function(e){var tr=e.target.closest("[role=row]");if(tr){show(+tr.getAttribute("data-i"));tr.focus()}});
function move(step){var pos=visible.indexOf(current);var next=visible[Math.max(0,Math.min(visible.length-1,pos<0?0:pos+step))];if(next!==undefined){show(next);rows[next].focus();rows[next].scrollIntoView({block:"nearest"})}}
tbody.addEventListener("keydown",function(e){if(e.key==="ArrowDown"){move(1);e.preventDefault()}else if(e.key==="ArrowUp"){move(-1);e.preventDefault()}else if(e.key==="Enter"||e.key===" "){var tr=e.target.closest("[role=row]");if(tr){show(+tr.getAttribute("data-i"));e.preventDefault()}}});
document.addEventListener("keydown",function(e){if(e.key==="/"&&document.activeElement.tagName!=="INPUT"&&document.activeElement.tagName!=="TEXTAREA"){$("f-q").focus();e.preventDefault()}});
Array.prototype.forEach.call(document.querySelectorAll("[data-filter-field]"),function(g){var go=function(){var id="f-"+g.getAttribute("data-filter-field");$(id).value=g.getAttribute("data-filter-value");apply();$("list").scrollIntoView()};g.addEventListener("click",go);g.addEventListener("keydown",function(e){if(e.key==="Enter"||e.key===" "){go();e.preventDefault()}})});
if(rows.length)rows[0].tabIndex=0;
apply();
document.documentElement.setAttribute("data-ready","true");
})();`;

/**
 * How each document was read: the reader's and the crawler's notes (parsers/model/notes.ts), with
 * where each stands — apart from the anomalies, since they say nothing against the publisher.
 * Static markup: it needs no script to read.
 */
function notesSection(data: Pick<AuditData, "docs" | "notes">): string {
  if (data.notes.length === 0) return "";
  const byDoc = new Map<number, AuditData["notes"]>();
  for (const n of data.notes) byDoc.set(n.doc, [...(byDoc.get(n.doc) ?? []), n]);
  const parts = [...byDoc].map(([doc, list]) => {
    const d = data.docs[doc]!;
    const rows = list.map((n) => `<tr class="note ${esc(n.severity)}"><td><code>${esc(n.code)}</code></td><td>${esc(n.severity)}</td><td>${esc(n.stage)}</td><td>${esc(n.reason)}</td><td>${esc(n.place)}</td></tr>`).join("");
    return `<h3>${esc(d.title ?? d.uri)}</h3><p class="meta"><code>${esc(d.uri)}</code> · ${list.length} 条说明 note(s)</p><table class="notes"><thead><tr><th>说明 Note</th><th>程度 Severity</th><th>阶段 Stage</th><th>内容 What</th><th>位置 Where</th></tr></thead><tbody>${rows}</tbody></table>`;
  });
  return `<section id="notes"><h2>读取说明 How it was read</h2><p class="meta">读取与采集时的说明，不是异常 · notes of the reader and the crawler, not anomalies.</p>${parts.join("\n")}</section>`;
}

/**
 * The page in pieces, in order: the page up to its data, the data as JSON a few items at a time, the
 * rest. Written one piece after another (writeDataset), a run of 10,000 reports never holds the
 * whole page — tens of MB of UTF-16 — nor its data's JSON as one string, nor (from a spilled
 * model, ./model.ts AuditStream) its items; joined, the pieces are the page (`auditPage`).
 */
export function* auditPageChunks(data: AuditStream, meta: { rulesVersion: string }): Generator<string> {
  const errors = data.heads.filter((i) => i.severity === "error" && i.status === "fail").length;
  const missing = data.docs.filter((d) => d.source !== "found").length;
  yield `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>nianbao 审计报告 · audit</title><style>${STYLE}</style></head>
<body><header><h1>政府信息公开工作年度报告审计 · nianbao audit</h1>
<p>${data.docs.length} 份报告 reports · ${data.heads.length} 项异常 anomalies · ${errors} 项确定错误 failing errors · nianbao ${esc(VERSION)} · 规则 rules v${esc(meta.rulesVersion)}${missing ? ` · ${missing} 份原文不可用 sources not available` : ""}</p></header>
<main>
<section id="overview"><h2>概览 Overview</h2><p class="meta">点击条形即可筛选 · click a bar to filter the list.</p><div class="charts">${overview(data)}</div></section>
<section id="list"><h2>异常列表 Anomalies</h2>
<form id="filters" onsubmit="return false">
<label>规则 Code<select id="f-code"><option value="">全部 all</option></select></label>
<label>严重程度 Severity<select id="f-severity"><option value="">全部 all</option></select></label>
<label>状态 Status<select id="f-status"><option value="">全部 all</option></select></label>
<label>机关 Agency<select id="f-agency"><option value="">全部 all</option></select></label>
<label>年度 Year<select id="f-year"><option value="">全部 all</option></select></label>
<label>审核 Review<select id="f-review"><option value="">全部 all</option><option value="open">待审 open</option><option value="confirmed">确认 confirmed</option><option value="dismissed">驳回 dismissed</option></select></label>
<label>搜索 Search (/)<input id="f-q" type="search" placeholder="文字 text, 路径 path, URI"></label>
<button type="button" id="reset">重置 Reset</button>
<button type="button" id="export">导出审核 Export reviews (JSON)</button>
<label>导入审核 Import reviews<input id="import" type="file" accept="application/json,.json"></label>
</form>
<p id="count" aria-live="polite"></p>
<p class="meta">↑/↓ 选择 move · Enter 查看 open · 状态 <i>uncertain</i> 表示依据可能来自解析误差 means the evidence may be a parsing artefact. 页面坐标为 PDF 点、原点左上 · PDF boxes are points from the top-left.</p>
<div class="split"><div class="listwrap"><div id="anoms" role="table" aria-label="异常 anomalies"><div class="head" role="row"><div role="columnheader"><button type="button" data-sort="code">规则 Code</button></div><div role="columnheader"><button type="button" data-sort="severity">严重 Severity</button></div><div role="columnheader"><button type="button" data-sort="status">状态 Status</button></div><div role="columnheader"><button type="button" data-sort="agency">机关 Agency</button></div><div role="columnheader"><button type="button" data-sort="year">年度 Year</button></div><div role="columnheader"><button type="button" data-sort="message">说明 Message</button></div><div role="columnheader"><button type="button" data-sort="review">审核 Review</button></div></div><div id="rows" role="rowgroup"></div></div></div>
<aside id="detail" aria-live="polite"><p>选择一项异常查看证据 · choose an anomaly to see its evidence.</p></aside></div>
</section>
${notesSection(data)}</main>
<script type="application/json" id="data">`;
  yield* dataJsonChunks(data);
  yield `</script>
<script>${SCRIPT}</script>
</body></html>
`;
}

export function auditPage(data: AuditData, meta: { rulesVersion: string }): string {
  return [...auditPageChunks(streamOf(data), meta)].join("");
}

/** Items per piece of the data's JSON. */
const ITEMS_PER_CHUNK = 500;

/**
 * jsonForScript({ docs, items, images, reviews }) — the model without its notes, which the page
 * shows as HTML — the same characters, a few elements of each array at a time (the escapes it
 * makes are of single characters, so pieces escape as the whole does).
 */
function* dataJsonChunks(data: AuditStream): Generator<string> {
  const arrays: [string, Iterable<unknown>][] = [
    ["docs", data.docs],
    ["items", data.items()],
    ["images", data.images],
  ];
  let first = true;
  for (const [key, values] of arrays) {
    yield `${first ? "{" : ","}${JSON.stringify(key)}:[`;
    first = false;
    let part: string[] = [];
    let any = false;
    for (const v of values) {
      part.push(jsonForScript(v ?? null));
      if (part.length === ITEMS_PER_CHUNK) {
        yield (any ? "," : "") + part.join(",");
        any = true;
        part = [];
      }
    }
    if (part.length > 0) yield (any ? "," : "") + part.join(",");
    yield "]";
  }
  yield `,"reviews":${jsonForScript(data.reviews)}}`;
}
