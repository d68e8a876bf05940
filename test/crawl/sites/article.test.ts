import { describe, expect, it } from "vitest";
import { articleHtml, contentProblem, isContentPage, readArticle } from "../../../src/crawl/sites/index.js";
import { fixture, hasReference, html, reference } from "./support.js";

const CSRC = "trs_article_csrc_file_appendix_excerpt.html";
const UEDITOR = "trs_ueditor_attachment_fixture_excerpt.html";
const HANDAN = "xxgk_article_handan_infobox_excerpt.html";

describe.skipIf(!hasReference(CSRC))("a csrc.gov.cn TRS article whose attachment exists only in var file_appendix (real excerpt)", () => {
  const URL = "http://www.csrc.gov.cn/pub/newsite/fxjgb/scgkfxfkyj/202012/t20201204_387337.html";

  it("finds the .docx inside the JavaScript string, resolved against the article, once", () => {
    const a = readArticle(html(URL, reference(CSRC)));
    expect(a.attachments).toEqual(["http://www.csrc.gov.cn/pub/newsite/fxjgb/scgkfxfkyj/202012/P020201204639988160963.docx"]);
  });

  it("reads the title from <title>, the 时间： byline as the page date, the URL date apart, and the TRS_AUTOADD body", () => {
    const a = readArticle(html(URL, reference(CSRC)));
    expect(a.title).toBe("重庆三峡银行股份有限公司首次公开发行股票申请文件反馈意见");
    expect(a.metaDate).toBe("2020-12-04");
    expect(a.urlDate).toBe("2020-12-04");
    expect(a.bodyText).toBe("重庆三峡银行股份有限公司首次公开发行股票申请文件反馈意见，具体见附件。");
  });

  it("is not an annual report, and says why", () => {
    const a = readArticle(html(URL, reference(CSRC)));
    expect(a.isReport).toBe(false);
    expect(a.reason).toContain("does not name a government information-disclosure annual report");
  });
});

describe.skipIf(!hasReference(UEDITOR))("TRS UEditor attachment blocks with dead OLDSRC paths (real fixture excerpts)", () => {
  const URL = "https://fgw.guizhou.gov.cn/fggz/tzgg/202609/t20260908_90843856.html";

  it("takes each live href in document order and never an OLDSRC/oldsrc /protect/ path or the icon image", () => {
    const a = readArticle(html(URL, reference(UEDITOR)));
    const dir = "https://fgw.guizhou.gov.cn/fggz/tzgg/202609/";
    expect(a.attachments).toEqual([
      `${dir}P020260615382295081505.pdf`,
      `${dir}P020260601322559475097.pdf`,
      `${dir}P020210830423761510808.pdf`,
      `${dir}P020260908607594904873.xlsx`,
      `${dir}P020261015xxxxxxxxxxxx.pdf`,
      "https://fgw.guizhou.gov.cn/f.pdf",
    ]);
    expect(a.attachments.some((u) => /protect/i.test(u) || u.endsWith(".gif"))).toBe(false);
  });

  it("counts the Jilin attachment written both in file_appendix and in the markup once", () => {
    const a = readArticle(html(URL, reference(UEDITOR)));
    expect(a.attachments.filter((u) => u.endsWith("P020261015xxxxxxxxxxxx.pdf"))).toHaveLength(1);
  });

  it("reads the PubDate meta (2026-10-15 15:38:41) as the page date", () => {
    expect(readArticle(html(URL, reference(UEDITOR))).metaDate).toBe("2026-10-15");
  });
});

describe.skipIf(!hasReference(HANDAN))("a 邯郸 信息公开 article with national meta tags and an info box (real excerpt)", () => {
  const URL = "http://hdzfxxgk.hd.gov.cn/gszbm/auto23716/202008/t20200802_1352104.html";

  it("reads PubDate in 2020年08月02日 form as 2020-08-02 and the ArticleTitle meta", () => {
    const a = readArticle(html(URL, reference(HANDAN)));
    expect(a.metaDate).toBe("2020-08-02");
    expect(a.urlDate).toBe("2020-08-02");
    expect(a.title).toBe("邯郸市教育局关于印发《全市教育系统安全专项整治三年行动实施方案》的通知");
  });

  it("finds the info box's 发布日期 when there is no meta", () => {
    const text = reference(HANDAN).replace(/<meta name="PubDate"[^>]*>/, "");
    expect(readArticle(html(URL, text)).metaDate).toBe("2020-08-02");
  });

  it("has no body (it was stripped in the source copy), so it fails the content check", () => {
    const a = readArticle(html(URL, reference(HANDAN)));
    expect(a.bodyText).toBe("");
    expect(a.isReport).toBe(false);
    expect(isContentPage(reference(HANDAN))).toBe(false);
  });
});

describe("article pages (fixtures)", () => {
  const REPORT_URL = "http://www.example.gov.cn/zwgk/xxgknb/202301/t20230118_1234567.html";

  it("an HTML report: ArticleTitle, PubDate (not the info box's), URL date, body with its table, and the attachment", () => {
    const a = readArticle(html(REPORT_URL, fixture("article-report-html.html")));
    expect(a.title).toBe("某县财政局2022年政府信息公开工作年度报告");
    expect(a.metaDate).toBe("2023-01-18");
    expect(a.urlDate).toBe("2023-01-18");
    expect(a.bodyText).toContain("一、总体情况");
    expect(a.bodyText).toContain("规章\t0\t0\t0");
    expect(a.bodyText).not.toContain("索引号");
    expect(a.attachments).toEqual(["http://www.example.gov.cn/zwgk/xxgknb/202301/P020230118555123456789.pdf"]);
    expect(a.isReport).toBe(true);
    expect(a.reason).toBeUndefined();
    expect(isContentPage(fixture("article-report-html.html"))).toBe(true);
  });

  it("reads the decoded text even though its meta still says gb2312 (no double decoding)", () => {
    const a = readArticle(html(REPORT_URL, fixture("article-report-html.html")));
    expect(a.bodyText).toContain("某县财政局坚持以习近平新时代中国特色社会主义思想为指导");
  });

  it("leaves the site chrome's help PDF out of the attachments", () => {
    const a = readArticle(html(REPORT_URL, fixture("article-report-html.html")));
    expect(a.attachments.some((u) => u.includes("/help/"))).toBe(false);
  });

  it("an attachment-only page: pdf.js viewer file, iframe, embed, object, appendix=true, download servlet — not widgets, banners, OLDSRC or /protect/", () => {
    const url = "https://sfj.example.gov.cn/zwgk/nb/202301/t20230131_42.html";
    const a = readArticle(html(url, fixture("article-pdfjs-iframe.html")));
    expect(a.attachments).toEqual([
      "https://sfj.example.gov.cn/upload/2023/01/%E5%B9%B4%E6%8A%A5.pdf",
      "https://sfj.example.gov.cn/zwgk/nb/202301/P020230131000000000001.pdf",
      "https://sfj.example.gov.cn/zwgk/nb/202301/P020230131000000000002.ofd",
      "https://sfj.example.gov.cn/zwgk/nb/202301/P020230131000000000003.wps",
      "https://sfj.example.gov.cn/module/download/downfile.jsp?classid=0&filename=2301311234567.docx",
    ]);
  });

  it("an attachment-only report is a report by its og:title, and fails the page content check on length (the file is checked instead)", () => {
    const a = readArticle(html("https://sfj.example.gov.cn/zwgk/nb/202301/t20230131_42.html", fixture("article-pdfjs-iframe.html")));
    expect(a.title).toBe("某区司法局2022年度政府信息公开工作年度报告");
    expect(a.isReport).toBe(true);
    expect(contentProblem(fixture("article-pdfjs-iframe.html"))).toMatch(/^body too short/);
  });

  it("a gkmlpt article: body, date and attachment from window._CONFIG.DETAIL", () => {
    const url = "https://www.example.gov.cn/zqhjj/gkmlpt/content/4/4100/post_4100001.html";
    const a = readArticle(html(url, fixture("article-gkmlpt-detail.html")));
    expect(a.bodyText).toContain("全年主动公开政府信息1024条");
    expect(a.attachments).toEqual(["https://www.example.gov.cn/attachment/0/306/306724/4100001.pdf"]);
    expect(a.isReport).toBe(true);
    expect(a.metaDate).toBe("2023-01-25"); // DETAIL.date 1674576000, in China time
    expect(a.urlDate).toBeNull();
  });

  it("a 200 page saying 您访问的页面不存在 is a soft 404, not content", () => {
    expect(isContentPage(fixture("article-soft404.html"))).toBe(false);
    expect(contentProblem(fixture("article-soft404.html"))).toMatch(/soft 404/);
  });

  it("an anti-bot shell with no title and no body is not content", () => {
    const shell = `<!DOCTYPE html><html><head><meta id="x" content="seed" r='m'><script r='m'>$_ts=window['$_ts'];</script></head><body></body></html>`;
    expect(contentProblem(shell)).toBe("no title");
    const a = readArticle(html("http://x.example.gov.cn/a.html", shell));
    expect(a).toMatchObject({ title: null, bodyText: "", attachments: [], isReport: false });
  });

  it("an empty page reads as nothing rather than throwing", () => {
    expect(readArticle(html("http://x.example.gov.cn/a.html", ""))).toMatchObject({ title: null, metaDate: null, bodyText: "", attachments: [] });
  });

  it("the title falls back from ArticleTitle to og:title to <h1> to <title>", () => {
    const page = (head: string, body: string): string => `<html><head>${head}</head><body>${body}</body></html>`;
    const t = (text: string): string | null => readArticle(html("http://x.example.gov.cn/a.html", text)).title;
    expect(t(page(`<title>T</title><meta property="og:title" content="O"><meta name="ArticleTitle" content="A">`, "<h1>H</h1>"))).toBe("A");
    expect(t(page(`<title>T</title><meta property="og:title" content="O">`, "<h1>H</h1>"))).toBe("O");
    expect(t(page(`<title>T</title>`, "<h1> H </h1>"))).toBe("H");
    expect(t(page(`<title> T </title>`, ""))).toBe("T");
  });

  it("a page titled only with the site's name is a report when the walk passes the listing's title", () => {
    const text = `<html><head><title>鄂尔多斯恩格贝生态示范区</title></head><body><div class="TRS_Editor"><p>一、总体情况</p><p>全年主动公开信息100条。</p></div></body></html>`;
    const url = "http://www.ordos.gov.cn/egb/xxgk/xxgknb/202009/t20200903_2748784.html";
    expect(readArticle(html(url, text)).isReport).toBe(false);
    expect(readArticle(html(url, text), { listingTitle: "鄂尔多斯市2019年政府信息公开工作年度报告" })).toMatchObject({ title: "鄂尔多斯恩格贝生态示范区", isReport: true });
  });

  it("a Hanweb article's Maketime meta is its date, the art/YYYY/M/D path its URL date", () => {
    const text = `<html><head><meta name="Maketime" content="2022-01-20 10:11:12"><title>定西市 信息公开 某局2021年政府信息公开工作年度报告</title></head><body><!--ZJEG_RSS.content.begin--><p>正文</p><!--ZJEG_RSS.content.end--></body></html>`;
    const a = readArticle(html("http://zwgk.example.gov.cn/art/2022/1/21/art_12377_1486865.html", text));
    expect(a.metaDate).toBe("2022-01-20");
    expect(a.urlDate).toBe("2022-01-21");
    expect(a.isReport).toBe(true);
  });
});

describe("articleHtml: the HTML that holds the report, for the parsers", () => {
  it("is the page itself when its body has the text", () => {
    const page = `<html><head><title>t</title></head><body><div class="TRS_Editor"><p>${"正文内容。".repeat(60)}</p></div></body></html>`;
    expect(articleHtml(page, "t")).toBe(page);
  });

  it("is window._CONFIG.DETAIL's content, titled, on a gkmlpt page whose body is only JSON", () => {
    const content = `<p>${"一、总体情况。本年度主动公开信息。".repeat(20)}</p>`;
    const page = `<html><head><title>站点</title></head><body><div id="app"></div><script>window._CONFIG = {}; window._CONFIG.DETAIL = ${JSON.stringify({ title: "x", content, date: 1706745600 })};</script></body></html>`;
    const html = articleHtml(page, "某局2023年政府信息公开工作年度报告");
    expect(html).toContain("<title>某局2023年政府信息公开工作年度报告</title>");
    expect(html).toContain(content);
  });
});

describe("the page text the crawler judges is the text the HTML reader reads", () => {
  it("joins Word's line wraps between Chinese characters and drops invisible characters in the title, as parsers/html does", async () => {
    const { readHtml } = await import("../../../parsers/html.js");
    const page =
      "<html><head><title>孟津区财\n政局2022年政府信息公开\u200b工作年度报告</title></head><body><div class=\"TRS_Editor\">" +
      "<p>孟津区财政局严格落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息。</p></div></body></html>";
    const a = readArticle(html("http://a.test/t20230130_1.html", page));
    expect(a.title).toBe("孟津区财政局2022年政府信息公开工作年度报告");
    expect(readHtml(new TextEncoder().encode(page)).value.metaTitle).toBe(a.title);
  });
});
