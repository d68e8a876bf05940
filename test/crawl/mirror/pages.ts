/**
 * HTML, XML and JSON shapes of the mirrored sites, modelled on the real samples in
 * shared/reference/sites/ (TRS listings and pagers, TRS article pages with their info box and
 * UEditor / file_appendix attachments, Hanweb column pages with the datastore XML, dataproxy.jsp
 * groups, gkmlpt JSON, ASP.NET and N.html lists, anti-bot skeletons). Pure string builders.
 */

export const esc = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export interface ListItem {
  href: string;
  /** Full title (the anchor's @title). */
  title: string;
  /** Anchor text when it differs (truncated "…"). */
  text?: string;
  date: string;
}

const XHTML_DOCTYPE =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

export const metaCharset = (charset: string): string => `<meta http-equiv="Content-Type" content="text/html; charset=${charset}" />`;

// ---------------------------------------------------------------- TRS listings and pagers

/** A TRS WCM column page, Ordos-like: a table of items, then the pager block (script only). */
export function trsListing(o: { charset: string; siteName: string; siteCode: string; columnName: string; items: ListItem[]; pager: string; head?: string }): string {
  const rows = o.items
    .map(
      (it) => `			  <tr valign="top" style="padding-bottom:10px;">
				<td width="25" style="padding-top:10px;"><img src="../../images/ico2.jpg"></td>
				<td width="550">
					<a href="${esc(it.href)}" title="${esc(it.title)}" target="_blank">${esc(it.text ?? it.title)}</a>
				</td>
				<td>
					${it.date}
				</td>
			  </tr>
`,
    )
    .join("\n");
  return `${XHTML_DOCTYPE}
<html xmlns="http://www.w3.org/1999/xhtml"><head>
${metaCharset(o.charset)}
<meta name="SiteName" content="${esc(o.siteName)}" />
<meta name="SiteIDCode" content="${o.siteCode}" />
<meta name="ColumnName" content="${esc(o.columnName)}" />
<meta name="ColumnType" content="信息公开" />
<title>${esc(o.columnName)}_${esc(o.siteName)}</title>
<link href="../../images/gl.css" type="text/css" rel="stylesheet">
${o.head ?? ""}</head>
<body>
<table width="1006" border="0" cellspacing="0" cellpadding="0" id="memu" align="center">
  <tbody><tr>
	<td class="td1"><a href="../../">首页</a></td>
	<td class="td3"><a href="../">政务公开</a></td>
	<td class="td3"><a href="../xxgkzn/">信息公开指南</a></td>
	<td class="td3"><a href="../xxgkzd/">信息公开制度</a></td>
	<td class="td3"><a href="./">${esc(o.columnName)}</a></td>
  </tr></tbody>
</table>
<table width="752" border="0" cellpadding="0" cellspacing="0" class="bor">
  <tbody><tr>
	<td class="pos" height="27">您现在的位置是：
		<a href="../../" title="首页" class="CurrChnlCls">首页</a>&nbsp;&gt;&gt;&nbsp;<a href="../" title="政务公开" class="CurrChnlCls">政务公开</a>&nbsp;&gt;&gt;&nbsp;<a href="./" title="${esc(o.columnName)}" class="CurrChnlCls">${esc(o.columnName)}</a>
	</td>
  </tr>
  <tr>
	<td valign="top">
	<table width="682" border="0" cellspacing="0" cellpadding="0" class="gl_list">
		<tbody>
${rows}
		</tbody>
	</table>
	</td>
  </tr>
  <tr>
	<td class="page">
${o.pager}
	</td>
  </tr>
</tbody></table>
<div class="footer">主办：${esc(o.siteName)}&nbsp;&nbsp;网站标识码：${o.siteCode}</div>
</body></html>
`;
}

/** The classic TRS WCM pager function (signature A), as templates define it inline. */
export const TRS_A_FUNCTION = `<script language="JavaScript" type="text/javascript">
//分页函数：_nPageCount 总页数，_nCurrIndex 当前页（从0开始），_sPageName 文件名，_sPageExt 扩展名
function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){
	if(_nPageCount == null || _nPageCount<=1){
		return;
	}
	var nCurrIndex = _nCurrIndex || 0;
	if(nCurrIndex == 0)
		document.write("首页&nbsp;上一页&nbsp;");
	else{
		document.write("<a href=\\""+_sPageName+"."+_sPageExt+"\\">首页</a>&nbsp;");
		if(nCurrIndex == 1)
			document.write("<a href=\\""+_sPageName+"."+_sPageExt+"\\">上一页</a>&nbsp;");
		else
			document.write("<a href=\\""+_sPageName+"_" + (nCurrIndex-1) + "."+_sPageExt+"\\">上一页</a>&nbsp;");
	}
	for(var i=0; i<_nPageCount; i++){
		if(i == nCurrIndex)
			document.write((i+1) + "&nbsp;");
		else if(i == 0)
			document.write("<a href=\\""+_sPageName+"."+_sPageExt+"\\">"+(i+1)+"</a>&nbsp;");
		else
			document.write("<a href=\\""+_sPageName+"_" + i + "."+_sPageExt+"\\">"+(i+1)+"</a>&nbsp;");
	}
	if(nCurrIndex == (_nPageCount-1))
		document.write("下一页&nbsp;尾页");
	else{
		document.write("<a href=\\""+_sPageName+"_" + (nCurrIndex+1) + "."+_sPageExt+"\\">下一页</a>&nbsp;");
		document.write("<a href=\\""+_sPageName+"_" + (_nPageCount-1) + "."+_sPageExt+"\\">尾页</a>");
	}
}
</script>`;

/** Signature A call with double quotes and a semicolon: createPageHTML(3, 0, "index", "html"); */
export const trsPagerA = (count: number, cur0: number, ext: string): string =>
  `<script language="JavaScript" type="text/javascript">createPageHTML(${count}, ${cur0}, "index", "${ext}");</script>`;

/** Signature A call, single quotes, no semicolon (Anshun style): createPageHTML(2, 0, 'index', 'htm') */
export const trsPagerAQuoted = (count: number, cur0: number, ext: string): string =>
  `<script>createPageHTML(${count}, ${cur0}, 'index', '${ext}')</script>`;

/** Signature B (TRS 海云/WCM8): createPageHTML('page_div',2, 1,'list','shtml',7); */
export const trsPagerB = (count: number, cur1: number, prefix: string, ext: string, records: number): string =>
  `<div id="page_div" class="page_div"></div>
<script type="text/javascript">createPageHTML('page_div',${count}, ${cur1},'${prefix}','${ext}',${records});</script>`;

/**
 * The Ordos pager: inline variables, no function call (reference/sites/trs_listing_ordos_…html),
 * with the page's extension. A server sends only this script; the links it writes exist only in a browser.
 */
export function trsPagerOrdos(count: number, cur0: number, ext: string): string {
  return `<script language="JavaScript" type="text/javascript">
var currentPage = ${cur0};//所在页从0开始
var prevPage = currentPage-1//上一页
var nextPage = currentPage+1//下一页
var countPage = ${count}//共多少页
//共计多少页
document.write("共计"+"&nbsp;<font style='color:#FF8008'>"+"${count}"+"&nbsp;</font>"+"页");
// 设置首页
document.write("&nbsp;<a href=\\"index."+"${ext}\\">首页</a>&nbsp;|");
//设置上一页代码
if(countPage>1&&currentPage!=0&&currentPage!=1)
document.write("<a href=\\"index"+"_" + prevPage + "."+"${ext}\\"><span class=greyfont>上一页</span></a>&nbsp;");
else if(countPage>1&&currentPage!=0&&currentPage==1)
document.write("<a href=\\"index.${ext}\\">&nbsp;<span class=greyfont>上一页</span></a>&nbsp;");
else
document.write("&nbsp;上一页&nbsp;");
//循环
for(var i=0 ; i<=6 && (i<countPage); i++){
if(currentPage==i)
document.write("&nbsp;<font style='color:#FF8008'>"+(i+1)+"</font>&nbsp;|");
else if(i==0)
document.write("&nbsp;<a href=\\"index.${ext}\\">1</a>&nbsp;|");
else
if(i>0) document.write("&nbsp;<a href=\\"index"+"_" + i + "."+"${ext}\\">"+(i+1)+"</a>&nbsp;|");
}
//设置下一页代码
if(countPage>1&&currentPage!=(countPage-1))
document.write("&nbsp;<a href=\\"index"+"_" + nextPage + "."+"${ext}\\">&nbsp;<span class=greyfont>下一页</span>&nbsp;</a>&nbsp;");
else
document.write("&nbsp;下一页&nbsp;");
// 设置尾页
if(countPage!=1)
document.write("&nbsp;<a href=\\"index"+"_" + (countPage-1)  + "."+"${ext}\\">尾页</a>&nbsp;");
else
document.write("&nbsp;尾页&nbsp;");
</script>`;
}

// ---------------------------------------------------------------- TRS articles

export interface ArticleMeta {
  charset: string;
  siteName: string;
  siteCode: string;
  columnName: string;
  title: string;
  /** As the PubDate meta prints it: "2023-01-30 16:20" or "2018年03月26日". */
  pubDate: string;
  /** As the info box prints it. */
  infoDate: string;
  source: string;
  index: string;
  docNo?: string;
  head?: string;
}

/** A TRS article page: national meta tags, the 索引号/发布机构/发布日期 info box, then the body block. */
export function trsArticle(m: ArticleMeta, body: string, after = ""): string {
  return `${XHTML_DOCTYPE}
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
${metaCharset(m.charset)}
<meta name="SiteName" content="${esc(m.siteName)}" />
<meta name="SiteIDCode" content="${m.siteCode}" />
<meta name="ColumnName" content="${esc(m.columnName)}" />
<meta name="ColumnType" content="信息公开" />
<meta name="ArticleTitle" content="${esc(m.title)}" />
<meta name="PubDate" content="${esc(m.pubDate)}" />
<meta name="ContentSource" content="${esc(m.source)}" />
<title>${esc(m.title)}</title>
<link href="../../../images/style.css" rel="stylesheet" type="text/css" />
${m.head ?? ""}</head>
<body>
<div class="header">
  <div class="logo"><a href="../../../"><img src="../../../images/logo.png" alt="${esc(m.siteName)}" /></a></div>
</div>
<div class="main">
  <div class="position">当前位置：<a href="../../../">首页</a>&nbsp;&gt;&nbsp;<a href="../../">政务公开</a>&nbsp;&gt;&nbsp;<a href="../">${esc(m.columnName)}</a></div>
  <div class="xxgk_table">
    <table width="100%" border="0" cellspacing="0" cellpadding="0">
      <tr><td class="t1">索&nbsp;引&nbsp;号：</td><td>${esc(m.index)}</td><td class="t1">主题分类：</td><td>${esc(m.columnName)}</td></tr>
      <tr><td class="t1">发布机构：</td><td>${esc(m.source)}</td><td class="t1">发布日期：</td><td>${esc(m.infoDate)}</td></tr>
      <tr><td class="t1">名&nbsp;&nbsp;&nbsp;&nbsp;称：</td><td colspan="3">${esc(m.title)}</td></tr>
      <tr><td class="t1">文&nbsp;&nbsp;&nbsp;&nbsp;号：</td><td colspan="3">${esc(m.docNo ?? "无")}</td></tr>
    </table>
  </div>
  <div class="article">
    <h1 class="article_title">${esc(m.title)}</h1>
    <div class="article_info">发布时间：${esc(m.infoDate)}&nbsp;&nbsp;来源：${esc(m.source)}&nbsp;&nbsp;【字体：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】</div>
${body}
${after}
    <div class="share">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
  </div>
</div>
<div class="footer">
  <p>主办：${esc(m.siteName)}&nbsp;&nbsp;网站标识码：${m.siteCode}</p>
</div>
</body>
</html>
`;
}

/** Paragraphs in a TRS_Editor block. */
export const trsEditor = (paragraphs: string[]): string =>
  `    <div class="TRS_Editor"><div class="Custom_UnionStyle">
${paragraphs.map((p) => `<p style="text-indent: 2em;">${p}</p>`).join("\n")}
</div></div>`;

/** The modern UEditor body with its insertfileTag attachment blocks (OLDSRC paths are dead). */
export function ueditorBody(paragraphs: string[], files: { href: string; name: string; oldsrc?: string; lowercase?: boolean }[]): string {
  const blocks = files.map((f) => {
    const ext = f.name.split(".").pop() ?? "pdf";
    const old = f.oldsrc ? ` ${f.lowercase ? "oldsrc" : "OLDSRC"}="${esc(f.oldsrc)}"` : "";
    return `  <p class="insertfileTag" style="line-height: 16px; font-size: 16px;">
    <img needdownload="false" style="vertical-align: middle; margin-right: 2px;" src="/govapp/lib/ueditor_demo/ueditor2/dialogs/attachment/fileTypeImages/icon_${ext}.gif">
    <a appendix="true" data-appendix="true" needdownload="true"
       href="${esc(f.href)}"
       title="${esc(f.name)}"
       download="${esc(f.name)}"${old}>${esc(f.name)}</a>
  </p>`;
  });
  return `    <div class="trs_editor_view TRS_UEDITOR trs_paper_default trs_web">
${paragraphs.map((p) => `  <p style="text-indent: 2em;">${p}</p>`).join("\n")}
${blocks.join("\n")}
    </div>`;
}

/** CSRC style: body in #TRS_AUTOADD_<ts>, the attachment only inside var file_appendix (document.write). */
export function fileAppendixBody(ts: string, paragraphs: string[], href: string, name: string): { body: string; after: string } {
  const body = `    <DIV id='TRS_AUTOADD_${ts}'><style id=_Custom_V6_Style_>
#TRS_AUTOADD_${ts} P {
	MARGIN-TOP: 6px; FONT-FAMILY: 宋体; MARGIN-BOTTOM: 6px; FONT-SIZE: 10.5pt
}
</style>
<DIV class=Custom_UnionStyle>
${paragraphs.map((p) => `<DIV>${p}</DIV>`).join("\n")}
</DIV>
</DIV>
<br/>`;
  const after = `<script language="javascript">
	var file_appendix='<a href="${href}">${name}</a>';
		if(file_appendix!="")
	{
           document.write('<table width="758" border="0" cellpadding="0" cellspacing="1" bgcolor="#cce2ee" class="dtmagb10 boxcenter"><tr><td width="758" align="center" bgcolor="#FFFFFF"><table width="94%" border="0" cellpadding="0" cellspacing="0" class="h12"><tr><td height="22" align="left" valign="top"><a href="${href}" class=h12>${name}</a></td></tr></table></td></tr></table>');
	}
</script>
<script language="javascript">
		var link_appendix='';
	if(link_appendix!="")
	{
           document.write('<table width="758" border="0" cellpadding="0" cellspacing="1" bgcolor="#cce2ee" class="dtmagb10 boxcenter"><tr><td width="758" align="center" bgcolor="#FFFFFF"><table width="94%" border="0" cellpadding="0" cellspacing="0" class="h12"><tr><td height="22" align="left" valign="top"></td></tr></table></td></tr></table>');
	}
</script>`;
  return { body, after };
}

/** A plain 附件 list under a body (relative hrefs). */
export const attachmentList = (files: { href: string; name: string }[]): string =>
  `    <div class="fj"><p>附件：</p>
${files.map((f, i) => `<p>${i + 1}. <a href="${esc(f.href)}" target="_blank">${esc(f.name)}</a></p>`).join("\n")}
    </div>`;

// ---------------------------------------------------------------- Hanweb

export interface HanwebColumn {
  columnid: number;
  unitid: number;
  webid: number;
  webname: string;
  perPage: number;
  groupSize: number;
  total: number;
}

const hanwebRecord = (it: ListItem): string =>
  `<record><![CDATA[
<li class="clearfix">    <a target="_blank" href="${esc(it.href)}" title="${esc(it.title)}">${esc(it.text ?? it.title)}</a>    <b>${it.date}</b></li>]]></record>`;

/**
 * The nextgroup link. `quirky` reproduces the dingxi response: appid twice and the webname
 * percent-encoded twice (reference/sites/hanweb_dataproxy_dingxi_2022_excerpt.xml).
 */
export const hanwebNextGroup = (c: HanwebColumn, page: number, quirky = false): string =>
  `/module/web/jpage/dataproxy.jsp?page=${page}&appid=1${quirky ? "&appid=1" : ""}&webid=${c.webid}&path=/&columnid=${c.columnid}&unitid=${c.unitid}&webname=${
    quirky ? encodeURIComponent(encodeURIComponent(c.webname)) : encodeURIComponent(c.webname)
  }&permissiontype=0`;

/** /col/col{ID}/index.html: the first records inside <script type="text/xml">, then the jpage() call. */
export function hanwebColumnPage(o: { siteName: string; columnName: string; column: HanwebColumn; embedded: ListItem[] }): string {
  const c = o.column;
  return `<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta name="SiteName" content="${esc(o.siteName)}">
<meta name="ColumnName" content="${esc(o.columnName)}">
<title>${esc(o.siteName)} ${esc(o.columnName)}</title>
<script type="text/javascript" src="/module/jslib/jquery/jquery.js"></script>
<script type="text/javascript" src="/module/jslib/jquery/jpage/jquery.page.min.js"></script>
</head>
<body>
<div class="bt-position">当前位置：<a href="/">首页</a> &gt; <a href="/col/col${c.columnid}/index.html">${esc(o.columnName)}</a></div>
<div class="bt-list">
<div id="${c.unitid}"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="${hanwebNextGroup(c, 1)}"></a>]]></nextgroup>
<recordset>
${o.embedded.map(hanwebRecord).join("\n")}
</recordset>
</datastore></script></div>
<script type="text/javascript">
var param_${c.unitid} = {col:1,appid:1,webid:${c.webid},path:'/',columnid:${c.columnid},sourceContentType:1,unitid:'${c.unitid}',webname:'${c.webname}',permissiontype:0};
$(document).ready(function(){
  $('#${c.unitid}').jpage({
    proxyUrl:'/module/web/jpage/dataproxy.jsp',
    ajaxParam: param_${c.unitid},
    perPage:${c.perPage},
    totalRecord:${c.total},
    groupSize:${c.groupSize},
    barPosition:'bottom',
    showMode:'full'
  });
});
</script>
</div>
<div class="footer">主办：${esc(o.siteName)}</div>
</body>
</html>
`;
}

/** A dataproxy.jsp group: totalrecord/totalpage and the records of one group. */
export function hanwebGroup(c: HanwebColumn, records: ListItem[], nextPage: number | null, xmlDecl: boolean): string {
  const totalPage = Math.ceil(c.total / c.perPage);
  return `${xmlDecl ? '<?xml version="1.0" encoding="UTF-8"?>\n' : ""}<datastore>
<nextgroup><![CDATA[${nextPage === null ? "" : `<a href="${hanwebNextGroup(c, nextPage, true)}"></a>`}]]></nextgroup>
<totalrecord>${c.total}</totalrecord><totalpage>${totalPage}</totalpage>
<recordset>
${records.map(hanwebRecord).join("\n")}
</recordset>
</datastore>
`;
}

/** A Hanweb article: Maketime meta, 信息来源 markers, body between ZJEG_RSS markers. */
export function hanwebArticle(o: { siteName: string; columnName: string; title: string; maketime: string; source: string; body: string }): string {
  return `<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta name='Maketime' content='${o.maketime}'>
<meta name="SiteName" content="${esc(o.siteName)}">
<meta name="ColumnName" content="${esc(o.columnName)}">
<meta name="ArticleTitle" content="${esc(o.title)}">
<meta name="PubDate" content="${o.maketime.slice(0, 16)}">
<meta name="ContentSource" content="${esc(o.source)}">
<title>${esc(o.siteName)} ${esc(o.columnName)} ${esc(o.title)}</title>
</head>
<body>
<div class="main-txt">
<h1 class="title">${esc(o.title)}</h1>
<div class="info"><span>发布日期：${o.maketime.slice(0, 10)}</span> <span>信息来源：<!--<$[信息来源]>begin-->${esc(o.source)}<!--<$[信息来源]>end--></span></div>
<div id="zoom" class="article-content">
<!--ZJEG_RSS.content.begin--><meta name="ContentStart">${o.body}<meta name="ContentEnd"><!--ZJEG_RSS.content.end-->
</div>
</div>
<div class="footer">主办：${esc(o.siteName)}</div>
</body>
</html>
`;
}

// ---------------------------------------------------------------- gkmlpt

export const jsonInScript = (v: unknown): string => JSON.stringify(v).replace(/<\//g, "<\\/");

/** The gkmlpt SPA page around its configuration script: no body markup, the app draws everything. */
function gkmlptPage(o: { prefix: string; head: string; script: string; app: "app" | "detail" }): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
${o.head}
<link rel="stylesheet" href="${o.prefix}static/css/app.css">
</head>
<body>
<div id="app"></div>
<script>${o.script}</script>
<script src="${o.prefix}static/js/${o.app}.js"></script>
</body>
</html>
`;
}

const shellHead = (siteName: string): string => `<meta name="SiteName" content="${esc(siteName)}">\n<title>政府信息公开平台 - ${esc(siteName)}</title>`;

export function gkmlptShell(o: { prefix: string; sid: string; siteName: string; tree: unknown }): string {
  const script = `
window._CONFIG = window._CONFIG || {};
window._CONFIG.SID = "${o.sid}";
window._CONFIG.API = "${o.prefix}api/";
window._CONFIG.TREE = ${jsonInScript(o.tree)};
`;
  return gkmlptPage({ prefix: o.prefix, head: shellHead(o.siteName), script, app: "app" });
}

export function gkmlptDetail(o: { prefix: string; sid: string; title: string; detail: unknown }): string {
  const script = `
window._CONFIG = window._CONFIG || {};
window._CONFIG.SID = "${o.sid}";
window._CONFIG.DETAIL = ${jsonInScript(o.detail)};
`;
  return gkmlptPage({ prefix: o.prefix, head: `<title>${esc(o.title)}</title>`, script, app: "detail" });
}

/**
 * A JS object literal the way hand-written page scripts have it: bare keys where they are
 * identifiers, single-quoted strings (`'` `\\` line breaks and `</` escaped), so the reader has to
 * cope with more than JSON.
 */
export function jsLiteral(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (typeof v === "string") {
    const body = v
      .replace(/\\/g, "\\\\")
      .replace(/'/g, "\\'")
      .replace(/\r/g, "\\r")
      .replace(/\n/g, "\\n")
      .replace(/\u2028/g, "\\u2028")
      .replace(/\u2029/g, "\\u2029")
      .replace(/<\//g, "<\\/");
    return `'${body}'`;
  }
  if (Array.isArray(v)) return `[${v.map(jsLiteral).join(", ")}]`;
  const entries = Object.entries(v as Record<string, unknown>).map(([k, x]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : jsLiteral(k)}: ${jsLiteral(x)}`);
  return `{ ${entries.join(", ")} }`;
}

/** The gkmlpt shell as Guangdong's platform writes it: one `window._CONFIG = {"SID":"…",…}` literal, keys quoted (issue 10). */
export function gkmlptShellLiteral(o: { prefix: string; sid: string; siteName: string; tree: unknown }): string {
  const script = `window._CONFIG = ${jsonInScript({ SID: o.sid, API: `${o.prefix}api/`, STATIC: `${o.prefix}static/`, TREE: o.tree })};`;
  return gkmlptPage({ prefix: o.prefix, head: shellHead(o.siteName), script, app: "app" });
}

/** A gkmlpt article whose `window._CONFIG` is hand-written JS: bare keys, single-quoted strings, a comment. */
export function gkmlptDetailJs(o: { prefix: string; sid: string; title: string; detail: unknown }): string {
  const script = `
// 页面配置
window._CONFIG = {
  SID: '${o.sid}',
  DETAIL: ${jsLiteral(o.detail)},
};
`;
  return gkmlptPage({ prefix: o.prefix, head: `<title>${esc(o.title)}</title>`, script, app: "detail" });
}

// ---------------------------------------------------------------- plain lists

/** ASP.NET-style list (InfoPublic.aspx?cid=..&page=N): items, or 暂无数据 past the end; pager without a total. */
export function aspxList(o: { siteName: string; cid: number; page: number; items: ListItem[] }): string {
  const list = o.items.length
    ? o.items.map((it) => `<li><a href="${esc(it.href)}" target="_blank" title="${esc(it.title)}">${esc(it.text ?? it.title)}</a><span class="date">${it.date}</span></li>`).join("\n")
    : "";
  const prev = Math.max(1, o.page - 1);
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>政府信息公开年报 - ${esc(o.siteName)}</title></head>
<body>
<form name="form1" method="post" action="./InfoPublic.aspx?cid=${o.cid}&amp;page=${o.page}" id="form1">
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1MmRkbWlycm9y" />
<div class="position">当前位置：<a href="Default.aspx">首页</a> &gt; 政府信息公开 &gt; 政府信息公开年报</div>
<div class="list"><ul>
${list}
</ul>${o.items.length ? "" : '<p class="nodata">暂无数据</p>'}</div>
<div class="pager"><a href="InfoPublic.aspx?cid=${o.cid}&amp;page=1">首页</a> <a href="InfoPublic.aspx?cid=${o.cid}&amp;page=${prev}">上一页</a> <span class="cur">${o.page}</span> <a href="InfoPublic.aspx?cid=${o.cid}&amp;page=${o.page + 1}">下一页</a></div>
</form>
</body>
</html>
`;
}

/** N.html list with a pinned (置顶) item first; pager without a total. */
export function numberedList(o: { siteName: string; page: number; pinned: ListItem; items: ListItem[] }): string {
  const li = (it: ListItem): string => `<li><a href="${esc(it.href)}" title="${esc(it.title)}">${esc(it.text ?? it.title)}</a><span>[${it.date}]</span></li>`;
  return `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>政府信息公开年报-${esc(o.siteName)}</title></head>
<body>
<div class="list-box">
<ul class="news-list">
<li class="zd"><span class="top">[置顶]</span><a href="${esc(o.pinned.href)}" title="${esc(o.pinned.title)}">${esc(o.pinned.title)}</a><span>[${o.pinned.date}]</span></li>
${o.items.map(li).join("\n")}
</ul>
<div class="pages"><a href="1.html">首页</a> <a href="${Math.max(1, o.page - 1)}.html">上一页</a> <a href="${o.page + 1}.html">下一页</a></div>
</div>
</body>
</html>
`;
}

/** A hand-made list page with no pager (the generic fallback). */
export function simpleList(o: { charset?: string; siteName: string; columnName: string; items: ListItem[] }): string {
  return `<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=${o.charset ?? "utf-8"}">
<title>${esc(o.columnName)}-${esc(o.siteName)}</title>
</head>
<body>
<div class="nav"><a href="/">首页</a> | <a href="/xxgk/">信息公开</a></div>
<h2 class="column-title">${esc(o.columnName)}</h2>
<div class="list">
<ul>
${o.items.map((it) => `<li><a href="${esc(it.href)}" target="_blank" title="${esc(it.title)}">${esc(it.text ?? it.title)}</a><span class="time">${it.date}</span></li>`).join("\n")}
</ul>
</div>
<div class="footer">${esc(o.siteName)}</div>
</body>
</html>
`;
}

/** A generic article page (plain sites). */
export function simpleArticle(o: { charset?: string; siteName: string; title: string; date: string; source: string; body: string; head?: string }): string {
  return `<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=${o.charset ?? "utf-8"}">
<meta name="ArticleTitle" content="${esc(o.title)}">
<meta name="PubDate" content="${o.date}">
<meta name="ContentSource" content="${esc(o.source)}">
<title>${esc(o.title)}-${esc(o.siteName)}</title>
${o.head ?? ""}</head>
<body>
<div class="nav"><a href="/">首页</a></div>
<div class="detail">
<h1>${esc(o.title)}</h1>
<div class="detail-info">发布日期：${o.date}　来源：${esc(o.source)}</div>
<div id="zoom" class="detail-content">
${o.body}
</div>
</div>
<div class="footer">${esc(o.siteName)}</div>
</body>
</html>
`;
}

// ---------------------------------------------------------------- error pages and anti-bot

export const softNotFoundPage = (siteName: string): string => `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>页面不存在</title></head>
<body>
<div class="error-page">
<h2>抱歉，您访问的页面不存在或已被删除！</h2>
<p>请检查您输入的网址是否正确，或返回<a href="/">${esc(siteName)}首页</a>。</p>
</div>
</body>
</html>
`;

export const htmlErrorAsFile = `<html><head><meta charset="utf-8"><title>错误提示</title></head><body><div style="margin:80px auto;width:500px;text-align:center">文件不存在或已被删除，请联系网站管理员。<br><a href="/">返回首页</a></div></body></html>
`;

export const RUISHU_HEADERS = {
  "Content-Type": "text/html; charset=utf-8",
  "Set-Cookie": ["acw_tc=MIRRORPLACEHOLDER; path=/; HttpOnly; Max-Age=1800", "NfBCSins2OywS=60MIRRORPLACEHOLDERSEED; path=/; expires=Thu, 01 Jan 2099 00:00:00 GMT; HttpOnly"],
};

/** The 瑞数 challenge skeleton (reference/sites/antibot_412_ruishu_skeleton.http): placeholders only. */
export const RUISHU_BODY = `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta id="PLACEHOLDERid" content="PLACEHOLDER_SEED_CONTENT" r='m'><!--[if lt IE 9]><script r='m'>document.createElement("section")</script><![endif]--><script type="text/javascript" r='m'>$_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=12345;$_ts.cd="PLACEHOLDER_OBFUSCATED_STRING";if($_ts.lcd)$_ts.lcd();</script><script type="text/javascript" charset="utf-8" src="/PLACEHOLDERdir/PLACEHOLDER.b4c45da.js" r='m'></script>
</head><body></body></html><script type="text/javascript" r='m'>_$PLACEHOLDER();</script>`;

export const JSL_HEADERS = {
  "Content-Type": "text/html",
  "Set-Cookie": "__jsluid_s=MIRRORPLACEHOLDER; max-age=31536000; path=/; HttpOnly",
};

/** Stage 1 of 加速乐 (reference/sites/antibot_521_jsl_skeleton.http). */
export const JSL_BODY = `<script>document.cookie=('_')+('_')+('j')+('s')+('l')+('_')+('c')+('l')+('e')+('a')+('r')+('a')+('n')+('c')+('e')+('_')+('s')+('=')+('PLACEHOLDER')+';max-age=3600;path=/';location.href=location.pathname+location.search</script>`;

/** A WAF block page answered with 200: no content, a jsl cookie script. */
export const BLOCK_200_BODY = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>访问异常</title></head>
<body><div class="block-page" style="margin:100px auto;width:600px;text-align:center">
<h3>访问异常</h3><p>您的访问行为存在异常，已被安全防护系统拦截，请稍后再试。</p><p>事件ID：MIRROR-000000000000</p>
</div><script>document.cookie="__jsluid_h=MIRRORPLACEHOLDER;path=/";</script></body></html>
`;

/** A $_ts runtime script as a normal 瑞数-protected page carries after the browser passed the challenge. */
export const TS_RUNTIME_SCRIPT = `<script type="text/javascript" r='m'>$_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=54321;$_ts.cd="PLACEHOLDER_RUNTIME";if($_ts.lcd)$_ts.lcd();</script>`;

// ---------------------------------------------------------------- texts

/** A news item of about 300 characters (meeting news and the like). */
export function newsParagraphs(subject: string, date: string): string[] {
  return [
    `${date}，${subject}。会议传达学习了上级关于政务公开工作的部署要求，通报了近期重点工作进展情况，对下一阶段工作进行了安排部署。`,
    `会议指出，要进一步提高政治站位，深刻认识做好政务公开工作的重要意义，坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开，切实保障人民群众的知情权、参与权、表达权和监督权。`,
    `会议要求，各单位要压紧压实工作责任，明确专人负责，加强信息发布审核，规范政府网站和政务新媒体管理，确保各项工作任务按时保质完成。各单位主要负责同志及分管负责同志参加会议。`,
  ];
}

/** The notice about compiling the annual reports: full of 年度报告 words, not a report. */
export function compileNoticeParagraphs(issuer: string, year: number): string[] {
  return [
    `各有关单位：`,
    `根据《中华人民共和国政府信息公开条例》第四十九条、第五十条规定和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》要求，现就做好${year}年度政府信息公开工作年度报告编制和发布工作通知如下：`,
    `一、各单位要严格按照规定格式编制本单位${year}年政府信息公开工作年度报告，认真核对各项数据，确保数据准确、逻辑一致，不得漏项。`,
    `二、各部门年度报告须于${year + 1}年1月31日前在本单位政府信息公开专栏“政府信息公开工作年度报告”栏目发布，同时报送${issuer}备案。`,
    `三、对未按时发布或报告内容不符合要求的单位，将在全区政务公开考核中予以扣分。`,
    `特此通知。`,
  ];
}
